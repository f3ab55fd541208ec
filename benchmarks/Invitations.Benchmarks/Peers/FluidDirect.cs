using System.Text.Encodings.Web;
using Fluid;
using Invitations.Benchmarks.Fixtures;
using Invitations.Benchmarks.Floor;

namespace Invitations.Benchmarks.Peers;

/// <summary>
/// Fluid 2.30 used directly on the same Liquid source, the way its README shows: one parser and one
/// <see cref="TemplateOptions"/>, a new <see cref="TemplateContext"/> per render, HTML through <see cref="HtmlEncoder.Default"/>.
/// The library renders through Fluid too, with a context reused per thread and the model read without string values.
/// </summary>
public static class FluidDirect
{
    private static readonly FluidParser Parser = new();
    private static readonly TemplateOptions Options = new() { MaxSteps = 100_000 };
    private static readonly IFluidTemplate SubjectT = Parser.Parse(InviteTemplateSource.Subject);
    private static readonly IFluidTemplate HtmlT = Parser.Parse(InviteTemplateSource.Html);
    private static readonly IFluidTemplate TextT = Parser.Parse(InviteTemplateSource.Text);

    public static (string Subject, string Html, string Text) Render(EmailModel m)
    {
        var context = new TemplateContext(Options);
        context.SetValue("name", m.Name);
        context.SetValue("invited_by", m.InvitedBy);
        context.SetValue("account_name", m.AccountName);
        context.SetValue("invite_link", m.InviteLink);
        context.SetValue("expires_at", m.ExpiresAt);
        return (SubjectT.Render(context).ReplaceLineEndings(" "), HtmlT.Render(context, HtmlEncoder.Default), TextT.Render(context));
    }
}
