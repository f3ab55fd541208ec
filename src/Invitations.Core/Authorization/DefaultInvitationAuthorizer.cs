using Microsoft.Extensions.Options;

namespace Invitations.Authorization;

/// <summary>
/// The secure default: an administrator (<see cref="InviterOptions.AdministratorRoles"/>) may do everything; anyone else
/// acts only on invitations they created, and invites or resends only grants they hold (unless
/// <see cref="InviterOptions.GrantPolicy"/> is <see cref="GrantPolicy.Unrestricted"/>).
/// </summary>
internal sealed class DefaultInvitationAuthorizer(IOptions<InvitationsOptions> options) : IInvitationAuthorizer
{
    private readonly InviterOptions _inviters = options.Value.Inviters;

    public ValueTask<InvitationAuthorizationResult> AuthorizeAsync(InvitationAuthorizationContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        return ValueTask.FromResult(Decide(context));
    }

    private InvitationAuthorizationResult Decide(InvitationAuthorizationContext context)
    {
        var actor = context.Actor;
        if (RoleSets.HoldsAny(actor.Roles, _inviters.AdministratorRoles))
        {
            return InvitationAuthorizationResult.Allow();
        }

        if (context.Operation != InvitationOperation.Invite)
        {
            if (context.Invitation is not { } invitation)
            {
                return InvitationAuthorizationResult.Deny($"only an administrator may {Verb(context.Operation)} an invitation that does not exist any more");
            }

            if (!string.Equals(invitation.InvitedBy, actor.Id, StringComparison.Ordinal))
            {
                return InvitationAuthorizationResult.Deny($"only the inviter of this invitation or an administrator may {Verb(context.Operation)} it");
            }

            // Reading or revoking one's own invitation grants nothing; resending hands back a live link, so it needs the grants.
            if (context.Operation != InvitationOperation.Resend)
            {
                return InvitationAuthorizationResult.Allow();
            }
        }

        return _inviters.GrantPolicy == GrantPolicy.Unrestricted ? InvitationAuthorizationResult.Allow() : Grants(context);
    }

    private static InvitationAuthorizationResult Grants(InvitationAuthorizationContext context)
    {
        var missingRoles = context.Roles.Where(r => !context.Actor.Roles.Contains(r, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        var missingGroups = context.Groups.Where(g => !context.Actor.Groups.Contains(g, StringComparer.Ordinal)).Distinct(StringComparer.Ordinal).ToList();
        if (missingRoles.Count == 0 && missingGroups.Count == 0)
        {
            return InvitationAuthorizationResult.Allow();
        }

        var missing = string.Join(" and ", new[] { Names("role", missingRoles), Names("group", missingGroups) }.Where(s => s.Length > 0));
        return InvitationAuthorizationResult.Deny($"the inviter does not hold {missing} that the invitation grants; only an administrator may grant what they do not hold");
    }

    private static string Names(string kind, List<string> names) => names.Count switch
    {
        0 => string.Empty,
        1 => $"{kind} '{names[0]}'",
        _ => $"{kind}s {string.Join(", ", names.Select(n => $"'{n}'"))}",
    };

    private static string Verb(InvitationOperation operation) => operation switch
    {
        InvitationOperation.Resend => "resend",
        InvitationOperation.Revoke => "revoke",
        InvitationOperation.ListFacts => "list the facts of",
        _ => "read",
    };
}
