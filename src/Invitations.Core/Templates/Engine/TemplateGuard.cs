using Fluid;
using Fluid.Ast;

namespace Invitations.Templates.Engine;

/// <summary>
/// Rewrites a parsed template so that the <see cref="TemplateLimits"/> Fluid 2.30 does not know hold: a range
/// (<c>(1..n)</c>) is built only when it has at most <see cref="TemplateLimits.LoopLimit"/> items (Fluid would allocate
/// the whole array first), and a <c>capture</c> stops at <see cref="TemplateLimits.LimitToString"/> characters as it
/// writes. And a message allocates nothing but its text: <c>and</c>/<c>or</c> become <see cref="LogicalExpression"/>s,
/// a bare model variable in a condition a <see cref="ModelFieldTruth"/> and in an output a <see cref="ModelFieldOutput"/>
/// (Fluid would build a string value, and an encoded copy, for each). Also finds out whether the template can write variables (<c>assign</c>, <c>capture</c>, loops, counters):
/// only those render in a scope of their own, the others cost no scope.
/// </summary>
internal sealed class TemplateGuard : AstRewriter
{
    private TemplateGuard()
    {
    }

    /// <summary>Whether a statement that can set a variable was seen.</summary>
    private bool WritesVariables { get; set; }

    /// <summary>Returns the guarded template and whether it can write variables.</summary>
    public static (IFluidTemplate Template, bool WritesVariables) Apply(IFluidTemplate template)
    {
        var guard = new TemplateGuard();
        var guarded = guard.VisitTemplate(template);
        return (guarded, guard.WritesVariables);
    }

    public override Statement Visit(Statement statement)
    {
        if (statement is not (null or LocatedStatement or TextSpanStatement or OutputStatement or IfStatement or ElseIfStatement
            or ElseStatement or UnlessStatement or CaseStatement or WhenStatement or RawStatement or CommentStatement or NoOpStatement))
        {
            WritesVariables = true;
        }

        return base.Visit(statement);
    }

    public override Statement VisitOtherStatement(Statement statement)
    {
        if (statement is LocatedStatement located)
        {
            var inner = Visit(located.Inner);
            return ReferenceEquals(inner, located.Inner) ? located : new LocatedStatement(inner, located.Line, located.Column);
        }

        return base.VisitOtherStatement(statement);
    }

    protected override Expression VisitAndBinaryExpression(Fluid.Ast.BinaryExpressions.AndBinaryExpression andBinaryExpression)
    {
        var and = (BinaryExpression)base.VisitAndBinaryExpression(andBinaryExpression);
        return new LogicalExpression(Truth(and.Left), Truth(and.Right), isAnd: true);
    }

    protected override Expression VisitOrBinaryExpression(Fluid.Ast.BinaryExpressions.OrBinaryExpression orBinaryExpression)
    {
        var or = (BinaryExpression)base.VisitOrBinaryExpression(orBinaryExpression);
        return new LogicalExpression(Truth(or.Left), Truth(or.Right), isAnd: false);
    }

    protected override Statement VisitIfStatement(IfStatement ifStatement)
    {
        var visited = (IfStatement)base.VisitIfStatement(ifStatement);
        var condition = Truth(visited.Condition);
        return ReferenceEquals(condition, visited.Condition)
            ? visited
            : new IfStatement(condition, visited.Statements, visited.Else, visited.ElseIfs);
    }

    protected override Statement VisitElseIfStatement(ElseIfStatement elseIfStatement)
    {
        var visited = (ElseIfStatement)base.VisitElseIfStatement(elseIfStatement);
        var condition = Truth(visited.Condition);
        return ReferenceEquals(condition, visited.Condition) ? visited : new ElseIfStatement(condition, visited.Statements);
    }

    protected override Statement VisitUnlessStatement(UnlessStatement unlessStatement)
    {
        var visited = (UnlessStatement)base.VisitUnlessStatement(unlessStatement);
        var condition = Truth(visited.Condition);
        return ReferenceEquals(condition, visited.Condition) ? visited : new UnlessStatement(condition, visited.Statements, visited.Else);
    }

    protected override Statement VisitOutputStatement(OutputStatement outputStatement)
    {
        var visited = (OutputStatement)base.VisitOutputStatement(outputStatement);
        return ModelVariable(visited.Expression) is { } variable ? new ModelFieldOutput(variable.Name, variable.Field) : visited;
    }

    /// <summary>A model variable in a place where only its truth counts: read without building its value.</summary>
    private static Expression Truth(Expression expression) =>
        ModelVariable(expression) is { } variable ? new ModelFieldTruth(variable.Name, variable.Field) : expression;

    /// <summary>The model variable a bare name (<c>name</c>, not <c>name.size</c> or <c>name | upcase</c>) reads, if any.</summary>
    private static (string Name, ModelField Field)? ModelVariable(Expression expression) =>
        expression is MemberExpression { Segments: [IdentifierSegment segment] } && ModelFields.TryParse(segment.Identifier, out var field)
            ? (segment.Identifier, field)
            : null;

    protected override Expression VisitRangeExpression(RangeExpression rangeExpression)
    {
        var range = (RangeExpression)base.VisitRangeExpression(rangeExpression);
        return new LimitedRangeExpression(range.From, range.To);
    }

    protected override Statement VisitCaptureStatement(CaptureStatement captureStatement)
    {
        var capture = (CaptureStatement)base.VisitCaptureStatement(captureStatement);
        return new LimitedCaptureStatement(capture.Identifier, capture.Statements);
    }
}
