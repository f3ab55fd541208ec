namespace Invitations.Automation;

/// <summary>Maps a directory identity to an invite request, for automatic invitations and "invite every unregistered identity".</summary>
internal static class IdentityRequests
{
    /// <summary>Personal address first when preferred, else work e-mail, else SMS; client and template from <paramref name="auto"/>.</summary>
    public static InviteRequest For(DirectoryIdentity identity, InvitationActor inviter, string? idempotencyKey, AutoInviteOptions auto)
    {
        var personal = auto.PreferPersonalAddress && !string.IsNullOrWhiteSpace(identity.PersonalEmail) ? identity.PersonalEmail : null;
        var work = string.IsNullOrWhiteSpace(identity.Email) ? null : identity.Email;
        return new InviteRequest
        {
            Inviter = inviter,
            Email = work ?? personal,
            PersonalEmail = work is null ? null : personal,
            MobileNumber = work is null && personal is null ? identity.MobileNumber : null,
            GivenName = identity.GivenName,
            FamilyName = identity.FamilyName,
            ClientId = auto.ClientId,
            TemplateKey = auto.TemplateKey,
            IdempotencyKey = idempotencyKey,
        };
    }
}
