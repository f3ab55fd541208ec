using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Invitations.Validation;
using NodaTime;

namespace Invitations.Benchmarks.Floor.Database;

/// <summary>
/// The rows of one invitation as the library writes them (same columns, same values for this workload): the
/// invitation, its <c>INVITE_USER</c> fact and its encrypted message, both inserted already leased to the writer
/// (as the library's inline dispatch does), plus the token, the only place the secret lives.
/// </summary>
internal sealed class FloorWrite
{
    private static readonly Duration Lifetime = Duration.FromDays(7);

    public required string Token { get; init; }

    public required object?[] Invitation { get; init; }

    public required object?[] Fact { get; init; }

    public required object?[] Message { get; init; }

    public required Guid FactId { get; init; }

    public required Guid MessageId { get; init; }

    /// <summary>Validates, issues the token, renders and encrypts the message and writes the fact: all the work before the transaction.</summary>
    public static FloorWrite Create(FloorRequest request, FloorMessages messages, string owner, Duration lease)
    {
        var email = request.Email.Trim().ToLowerInvariant();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        if (email.Length > 254 || at <= 0 || email.IndexOf('.', at) < 0 || (request.GivenName?.Length ?? 0) > 128 || (request.FamilyName?.Length ?? 0) > 128)
        {
            throw new ArgumentException("invalid request", nameof(request));
        }

        Span<byte> secret = stackalloc byte[32];
        RandomNumberGenerator.Fill(secret);
        var token = Base64Url.EncodeToString(secret);
        var hash = SHA256.HashData(secret);
        CryptographicOperations.ZeroMemory(secret);
        var link = string.Concat(FloorInvitations.LoginUri, "?invite_token=", token, "&view_type=register");

        var now = SystemClock.Instance.GetCurrentInstant();
        var expires = now + Lifetime;
        var id = Guid.CreateVersion7();
        var factId = Guid.CreateVersion7();
        var messageId = Guid.CreateVersion7();
        var recipientKey = RecipientKeys.Create(null, "email", email);
        var ticks = now.ToUnixTimeTicks();
        var leaseUntil = (now + lease).ToUnixTimeTicks();

        var fact = new FloorInvitation
        {
            Id = id,
            Version = 1,
            FactSequence = 1,
            Email = email,
            GivenName = request.GivenName,
            FamilyName = request.FamilyName,
            Groups = request.Groups,
            Roles = request.Roles,
            CustomFields = request.CustomFields,
            InvitedBy = request.InvitedById,
            CreatedAt = now.ToDateTimeUtc(),
            UpdatedAt = now.ToDateTimeUtc(),
            ExpiresAt = expires.ToDateTimeUtc(),
        };
        var factJson = Encoding.UTF8.GetString(FloorInvitations.WriteFact(fact, "INVITE_USER", factId, subjectId: null));
        var payload = messages.Payload(id, messageId, request, email, link, expires);

        return new FloorWrite
        {
            Token = token,
            FactId = factId,
            MessageId = messageId,
            Invitation =
            [
                id, 1L, 0, 0, email, null, email, recipientKey, recipientKey, request.GivenName, request.FamilyName,
                JsonSerializer.Serialize(request.Groups), JsonSerializer.Serialize(request.Roles), JsonSerializer.Serialize(request.CustomFields),
                null, request.InvitedById, request.InvitedByName, "web", null, FloorInvitations.LoginUri, "INVITE_USER", "en", "UTC",
                false, null, hash, ticks, ticks, expires.ToUnixTimeTicks(), 1, 0, ticks, null, null, null, null, 1L, 0, false,
            ],
            Fact = [factId, id, 0, 1L, factJson, 0, ticks, ticks, 0, owner, leaseUntil, null, null],
            Message = [messageId, id, 1, 1L, payload, 0, ticks, ticks, 0, owner, leaseUntil, null, null],
        };
    }

    /// <summary>The outbox row of an accept's <c>INVITE_ACCEPTED</c> fact (leased to the writer).</summary>
    public static object?[] AcceptedFact(Guid factId, FloorInvitation accepted, string subjectId, string owner, Duration lease)
    {
        var json = Encoding.UTF8.GetString(FloorInvitations.WriteFact(accepted, "INVITE_ACCEPTED", factId, subjectId));
        var now = Instant.FromDateTimeUtc(accepted.UpdatedAt);
        var ticks = now.ToUnixTimeTicks();
        return [factId, accepted.Id, 0, accepted.FactSequence, json, 0, ticks, ticks, 0, owner, (now + lease).ToUnixTimeTicks(), null, null];
    }
}
