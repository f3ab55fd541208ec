using System.Diagnostics.CodeAnalysis;
using Invitations.Domain;

namespace Invitations;

/// <summary>What the host applies to the new account after a successful acceptance.</summary>
public sealed record AcceptResult
{
    private readonly InvitationSnapshot? _invitation;
    private readonly InvitationData? _accepted;

    /// <summary>Creates an empty result; set <see cref="Invitation"/> (required).</summary>
    public AcceptResult()
    {
    }

    /// <summary>The service's result: the accepted record, projected to <see cref="Invitation"/> only when that is read.</summary>
    [SetsRequiredMembers]
#pragma warning disable CS8618 // Invitation is not an auto-property: it is projected from _accepted, set here.
    internal AcceptResult(InvitationData accepted)
#pragma warning restore CS8618
    {
        _accepted = accepted;
        RedirectLink = accepted.RedirectLink;
    }

    /// <summary>The accepted invitation.</summary>
    public required InvitationSnapshot Invitation
    {
        get => _invitation ?? (_accepted is null ? null! : InvitationSnapshot.From(_accepted, InvitationState.Accepted));
        init => (_invitation, _accepted) = (value, null);
    }

    /// <summary>Groups to grant.</summary>
    public IReadOnlyList<string> Groups => _accepted?.Groups ?? Invitation?.Groups!;

    /// <summary>Roles to grant.</summary>
    public IReadOnlyList<string> Roles => _accepted?.Roles ?? Invitation?.Roles!;

    /// <summary>Custom fields to store.</summary>
    public IReadOnlyDictionary<string, string> CustomFields => _accepted?.CustomFields ?? Invitation?.CustomFields!;

    /// <summary>The allow-listed URL to send the invitee to next, if the invitation has one.</summary>
    public string? RedirectLink { get; init; }

    /// <summary>Equal when <see cref="Invitation"/> (by value) and <see cref="RedirectLink"/> are equal, however the result was built.</summary>
    /// <param name="other">The other result.</param>
    /// <returns>Whether the two results are equal.</returns>
    public bool Equals(AcceptResult? other) =>
        ReferenceEquals(this, other) || (other is not null && Equals(Invitation, other.Invitation) && string.Equals(RedirectLink, other.RedirectLink, StringComparison.Ordinal));

    /// <summary>A hash consistent with <see cref="Equals(AcceptResult)"/>.</summary>
    /// <returns>The hash code.</returns>
    public override int GetHashCode() => HashCode.Combine(Invitation, RedirectLink);
}
