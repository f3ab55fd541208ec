using Scriban;
using Scriban.Syntax;

namespace Invitations.Templates.Compiled;

/// <summary>
/// Compiles a parsed Liquid template into <see cref="LiquidNode"/>s when it uses only the subset that
/// invitation messages are made of: text, <c>{{ variable }}</c> and <c>{{ custom_fields.key }}</c> outputs
/// without filters, and <c>if</c>/<c>elsif</c>/<c>else</c>/<c>unless</c> on such values combined with
/// <c>and</c>, <c>or</c> and <c>==</c>/<c>!=</c> against a string literal. Anything else (filters, loops,
/// <c>assign</c>, <c>capture</c>, other variables, front matter) returns null and the template keeps rendering
/// through Scriban. Works on Scriban's own syntax tree, after its parser has applied whitespace control, so
/// both paths see the same text; the differential property test holds them to the same output.
/// </summary>
internal static class LiquidSubsetCompiler
{
    /// <summary>The compiled form, or null when the template leaves the subset.</summary>
    public static CompiledLiquid? TryCompile(Template template)
    {
        ArgumentNullException.ThrowIfNull(template);
        if (template.HasErrors || template.Page is not { FrontMatter: null, Body: { } body })
        {
            return null;
        }

        var nodes = new List<LiquidNode>();
        return AddBlock(body, nodes) ? new CompiledLiquid(Merge(nodes)) : null;
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
        switch (statement)
        {
            case ScriptEscapeStatement or ScriptEndStatement:
                return true;
            case ScriptRawStatement raw:
                var text = raw.Text.ToString();
                if (text.Length > 0)
                {
                    nodes.Add(new LiquidText(text));
                }

                return true;
            case ScriptExpressionStatement { Expression: { } expression }:
                var value = Value(expression);
                if (value is null)
                {
                    return false;
                }

                nodes.Add(new LiquidOutput(value));
                return true;
            case ScriptIfStatement branch:
                var compiled = Branch(branch);
                if (compiled is null)
                {
                    return false;
                }

                nodes.Add(compiled);
                return true;
            case ScriptBlockStatement block:
                return AddBlock(block, nodes);
            default:
                return false;
        }
    }

    private static LiquidBranch? Branch(ScriptIfStatement statement)
    {
        var condition = Condition(statement.Condition);
        var then = statement.Then is null ? null : Block(statement.Then);
        LiquidNode[]? otherwise = statement.Else switch
        {
            null => [],
            ScriptElseStatement { Body: { } body } => Block(body),
            ScriptIfStatement elsif => Branch(elsif) is { } nested ? [nested] : null,
            _ => null,
        };
        return condition is null || then is null || otherwise is null ? null : new LiquidBranch(condition, then, otherwise);
    }

    private static LiquidNode[]? Block(ScriptBlockStatement block)
    {
        var nodes = new List<LiquidNode>();
        return AddBlock(block, nodes) ? Merge(nodes) : null;
    }

    private static LiquidCondition? Condition(ScriptExpression? expression)
    {
        switch (expression)
        {
            case ScriptNestedExpression { Expression: { } inner }:
                return Condition(inner);
            case ScriptUnaryExpression { Operator: ScriptUnaryOperator.Not, Right: { } operand }:
                return Condition(operand) is { } negated ? new LiquidNot(negated) : null;
            case ScriptBinaryExpression { Operator: ScriptBinaryOperator.And or ScriptBinaryOperator.Or } logical:
                var left = Condition(logical.Left);
                var right = Condition(logical.Right);
                return left is null || right is null
                    ? null
                    : new LiquidLogical(left, logical.Operator == ScriptBinaryOperator.And, right);
            case ScriptBinaryExpression { Operator: ScriptBinaryOperator.CompareEqual or ScriptBinaryOperator.CompareNotEqual } comparison:
                var negate = comparison.Operator == ScriptBinaryOperator.CompareNotEqual;
                return Comparison(comparison.Left, comparison.Right, negate) ?? Comparison(comparison.Right, comparison.Left, negate);
            default:
                return Value(expression);
        }
    }

    private static LiquidEquals? Comparison(ScriptExpression? value, ScriptExpression? literal, bool negate) =>
        value is not null && Value(value) is { } read && literal is ScriptLiteral { Value: string text }
            ? new LiquidEquals(read, text, negate)
            : null;

    private static LiquidValue? Value(ScriptExpression? expression) => expression switch
    {
        ScriptNestedExpression { Expression: var inner } => Value(inner),
        ScriptVariableGlobal { Scope: ScriptVariableScope.Global } variable when ModelFields.TryParse(variable.Name, out var field)
            => new LiquidField(field),
        ScriptMemberExpression { Target: ScriptVariableGlobal { Scope: ScriptVariableScope.Global } target, Member: { } member }
            when string.Equals(target.Name, ModelFields.CustomFields, StringComparison.Ordinal) && member.Name is { Length: > 0 } key
            => new LiquidCustomField(key),
        _ => null,
    };

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
