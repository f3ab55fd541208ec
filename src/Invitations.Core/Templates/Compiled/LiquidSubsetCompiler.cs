using System.Diagnostics.CodeAnalysis;
using Scriban;
using Scriban.Syntax;

namespace Invitations.Templates.Compiled;

/// <summary>
/// Compiles a parsed Liquid template into <see cref="LiquidNode"/>s when it uses only the subset that
/// invitation messages are made of: text, <c>{{ variable }}</c> and <c>{{ custom_fields.key }}</c> outputs
/// without filters, and <c>if</c>/<c>elsif</c>/<c>else</c>/<c>unless</c> on such values combined with
/// <c>and</c>, <c>or</c>, negation and <c>==</c>/<c>!=</c> against a string literal. Anything else (filters,
/// loops, <c>assign</c>, <c>capture</c>, <c>empty?</c>, other variables, front matter) returns null and the
/// template keeps rendering through Scriban. Works on Scriban's own syntax tree, after its parser has applied
/// whitespace control, so both paths see the same text; the differential property test holds them to the
/// same output.
/// </summary>
/// <remarks>
/// Nodes are matched by their exact type, never by a base type: Scriban's syntax classes are not sealed, and
/// a subclass can mean something else (<c>custom_fields.empty?</c> is a subclass of a member access).
/// </remarks>
internal static class LiquidSubsetCompiler
{
    /// <summary>The compiled form, or null when the template leaves the subset.</summary>
    public static CompiledLiquid? TryCompile(Template template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.HasErrors || !Exactly<ScriptPage>(template.Page, out var page) || page.FrontMatter is not null || page.Body is null)
        {
            return null;
        }

        var nodes = new List<LiquidNode>();
        return AddBlock(page.Body, nodes) ? new CompiledLiquid(Merge(nodes)) : null;
    }

    private static bool AddBlock(ScriptBlockStatement block, List<LiquidNode> nodes)
    {
        foreach (var statement in block.Statements)
        {
            if (!Add(statement, nodes))
            {
                return false;
            }
        }

        return true;
    }

    private static bool Add(ScriptStatement statement, List<LiquidNode> nodes)
    {
        if (Exactly<ScriptEscapeStatement>(statement, out _) || Exactly<ScriptEndStatement>(statement, out _))
        {
            return true;
        }

        if (Exactly<ScriptRawStatement>(statement, out var raw))
        {
            var text = raw.Text.ToString();
            if (text.Length > 0)
            {
                nodes.Add(new LiquidText(text));
            }

            return true;
        }

        LiquidNode? node = null;
        if (Exactly<ScriptExpressionStatement>(statement, out var output))
        {
            node = Value(output.Expression) is { } value ? new LiquidOutput(value) : null;
        }
        else if (Exactly<ScriptIfStatement>(statement, out var branch))
        {
            node = Branch(branch);
        }
        else if (Exactly<ScriptBlockStatement>(statement, out var block))
        {
            return AddBlock(block, nodes);
        }

        if (node is null)
        {
            return false;
        }

        nodes.Add(node);
        return true;
    }

    private static LiquidBranch? Branch(ScriptIfStatement statement)
    {
        var condition = Condition(statement.Condition);
        var then = statement.Then is null ? null : Block(statement.Then);
        LiquidNode[]? otherwise = null;
        if (statement.Else is null)
        {
            otherwise = [];
        }
        else if (Exactly<ScriptElseStatement>(statement.Else, out var elseStatement) && elseStatement.Body is not null)
        {
            otherwise = Block(elseStatement.Body);
        }
        else if (Exactly<ScriptIfStatement>(statement.Else, out var elsif) && Branch(elsif) is { } nested)
        {
            otherwise = [nested];
        }

        return condition is null || then is null || otherwise is null ? null : new LiquidBranch(condition, then, otherwise);
    }

    private static LiquidNode[]? Block(ScriptBlockStatement block)
    {
        if (!Exactly<ScriptBlockStatement>(block, out _))
        {
            return null;
        }

        var nodes = new List<LiquidNode>();
        return AddBlock(block, nodes) ? Merge(nodes) : null;
    }

    private static LiquidCondition? Condition(ScriptExpression? expression)
    {
        if (Exactly<ScriptNestedExpression>(expression, out var nested))
        {
            return Condition(nested.Expression);
        }

        if (Exactly<ScriptUnaryExpression>(expression, out var unary))
        {
            // `unless a` arrives as `!(a)`.
            return unary.Operator == ScriptUnaryOperator.Not && Condition(unary.Right) is { } negated ? new LiquidNot(negated) : null;
        }

        if (Exactly<ScriptBinaryExpression>(expression, out var binary))
        {
            return binary.Operator switch
            {
                ScriptBinaryOperator.And or ScriptBinaryOperator.Or =>
                    Condition(binary.Left) is { } left && Condition(binary.Right) is { } right
                        ? new LiquidLogical(left, binary.Operator == ScriptBinaryOperator.And, right)
                        : null,
                ScriptBinaryOperator.CompareEqual or ScriptBinaryOperator.CompareNotEqual =>
                    Comparison(binary.Left, binary.Right, binary.Operator == ScriptBinaryOperator.CompareNotEqual)
                        ?? Comparison(binary.Right, binary.Left, binary.Operator == ScriptBinaryOperator.CompareNotEqual),
                _ => null,
            };
        }

        return Value(expression);
    }

    private static LiquidEquals? Comparison(ScriptExpression? value, ScriptExpression? literal, bool negate) =>
        Value(value) is { } read && Exactly<ScriptLiteral>(literal, out var constant) && constant.Value is string text
            ? new LiquidEquals(read, text, negate)
            : null;

    private static LiquidValue? Value(ScriptExpression? expression)
    {
        if (Exactly<ScriptNestedExpression>(expression, out var nested))
        {
            return Value(nested.Expression);
        }

        if (Exactly<ScriptVariableGlobal>(expression, out var variable))
        {
            return ModelFields.TryParse(variable.Name, out var field) ? new LiquidField(field) : null;
        }

        if (Exactly<ScriptMemberExpression>(expression, out var member)
            && Exactly<ScriptVariableGlobal>(member.Target, out var target)
            && string.Equals(target.Name, ModelFields.CustomFields, StringComparison.Ordinal)
            && Exactly<ScriptVariableGlobal>(member.Member, out var key)
            && key.Name is { Length: > 0 })
        {
            return new LiquidCustomField(key.Name);
        }

        return null;
    }

    private static bool Exactly<T>(object? node, [NotNullWhen(true)] out T? typed)
        where T : class
    {
        typed = node?.GetType() == typeof(T) ? (T)node : null;
        return typed is not null;
    }

    /// <summary>Joins adjacent text nodes, so the built-in e-mail is a few dozen appends.</summary>
    private static LiquidNode[] Merge(List<LiquidNode> nodes)
    {
        var merged = new List<LiquidNode>(nodes.Count);
        foreach (var node in nodes)
        {
            if (node is LiquidText next && merged.Count > 0 && merged[^1] is LiquidText previous)
            {
                merged[^1] = new LiquidText(previous.Text + next.Text);
            }
            else
            {
                merged.Add(node);
            }
        }

        return [.. merged];
    }
}
