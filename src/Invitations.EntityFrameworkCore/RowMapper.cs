using System.Text.Json;
using System.Text.Json.Serialization;

namespace Invitations.EntityFrameworkCore;

/// <summary>Converts between the contract records and the table rows.</summary>
internal static class RowMapper
{
    public static bool IsPending(InvitationState state) =>
        state is InvitationState.Initiated or InvitationState.Reinitiated;

    public static InvitationRow ToRow(InvitationData data) => new()
    {
        Id = data.Id.Value,
        Version = data.Version,
        State = (int)data.State,
        Channel = (int)data.Channel,
        Email = data.Email,
        MobileNumber = data.MobileNumber,
        DeliveryAddress = data.DeliveryAddress,
        RecipientKey = data.RecipientKey,
        PendingRecipientKey = IsPending(data.State) ? data.RecipientKey : null,
        GivenName = data.GivenName,
        FamilyName = data.FamilyName,
        Groups = JsonSerializer.Serialize(data.Groups ?? [], RowJsonContext.Default.IReadOnlyListString),
        Roles = JsonSerializer.Serialize(data.Roles ?? [], RowJsonContext.Default.IReadOnlyListString),
        CustomFields = JsonSerializer.Serialize(
            data.CustomFields ?? new Dictionary<string, string>(), RowJsonContext.Default.IReadOnlyDictionaryStringString),
        OrganizationId = data.OrganizationId,
        InvitedById = data.InvitedById,
        InvitedByName = data.InvitedByName,
        ClientId = data.ClientId,
        RedirectLink = data.RedirectLink,
        LinkTarget = data.LinkTarget,
        TemplateKey = data.TemplateKey,
        Locale = data.Locale,
        TimeZone = data.TimeZone,
        AllowSameEmailOnly = data.AllowSameEmailOnly,
        Branding = data.Branding is null ? null : InvitationJson.SerializeBranding(data.Branding),
        TokenHash = data.TokenHash is null ? null : (byte[])data.TokenHash.Clone(),
        CreatedAt = data.CreatedAt,
        UpdatedAt = data.UpdatedAt,
        ExpiresAt = data.ExpiresAt,
        SendCount = data.SendCount,
        ResendCount = data.ResendCount,
        LastSentAt = data.LastSentAt,
        ClosedAt = data.ClosedAt,
        AcceptedSubjectId = data.AcceptedSubjectId,
        IdempotencyKey = data.IdempotencyKey,
        IdempotencyFingerprint = data.IdempotencyFingerprint,
        FactSequence = data.FactSequence,
        ReminderCount = data.ReminderCount,
        HasExistingAccount = data.HasExistingAccount,
    };

    public static InvitationData ToData(InvitationRow row) => new()
    {
        Id = new InvitationId(row.Id),
        Version = row.Version,
        State = (InvitationState)row.State,
        Channel = (MessageChannel)row.Channel,
        Email = row.Email,
        MobileNumber = row.MobileNumber,
        DeliveryAddress = row.DeliveryAddress,
        RecipientKey = row.RecipientKey,
        GivenName = row.GivenName,
        FamilyName = row.FamilyName,
        Groups = JsonSerializer.Deserialize(row.Groups, RowJsonContext.Default.IReadOnlyListString) ?? [],
        Roles = JsonSerializer.Deserialize(row.Roles, RowJsonContext.Default.IReadOnlyListString) ?? [],
        CustomFields = JsonSerializer.Deserialize(row.CustomFields, RowJsonContext.Default.IReadOnlyDictionaryStringString)
            ?? new Dictionary<string, string>(),
        OrganizationId = row.OrganizationId,
        InvitedById = row.InvitedById,
        InvitedByName = row.InvitedByName,
        ClientId = row.ClientId,
        RedirectLink = row.RedirectLink,
        LinkTarget = row.LinkTarget,
        TemplateKey = row.TemplateKey,
        Locale = row.Locale,
        TimeZone = row.TimeZone,
        AllowSameEmailOnly = row.AllowSameEmailOnly,
        Branding = row.Branding is null ? null : InvitationJson.DeserializeBranding(row.Branding),
        // A copy: the row may be kept to diff the next update against (RecentRows), so a caller that changed the
        // returned bytes in place must not change the kept row with them.
        TokenHash = row.TokenHash is null ? null : (byte[])row.TokenHash.Clone(),
        CreatedAt = row.CreatedAt,
        UpdatedAt = row.UpdatedAt,
        ExpiresAt = row.ExpiresAt,
        SendCount = row.SendCount,
        ResendCount = row.ResendCount,
        LastSentAt = row.LastSentAt,
        ClosedAt = row.ClosedAt,
        AcceptedSubjectId = row.AcceptedSubjectId,
        IdempotencyKey = row.IdempotencyKey,
        IdempotencyFingerprint = row.IdempotencyFingerprint,
        FactSequence = row.FactSequence,
        ReminderCount = row.ReminderCount,
        HasExistingAccount = row.HasExistingAccount,
    };

    public static OutboxRow ToRow(OutboxItem item, OutboxPayloadProtector protector)
    {
        string? payload = item.Kind switch
        {
            OutboxItemKind.Fact => item.Draft.HasValue ? InvitationJson.SerializeFactToString(item.Draft) : null, // written from the records: no snapshot copied
            _ => item.Message is null ? null : protector.Protect(InvitationJson.SerializeMessage(item.Message)),
        };
        return new OutboxRow
        {
            Id = item.Id.Value,
            InvitationId = item.InvitationId.Value,
            Kind = (int)item.Kind,
            Lane = item.Lane ?? "",
            Sequence = item.Sequence,
            Payload = payload,
            Status = (int)item.Status,
            CreatedAt = item.CreatedAt,
            DueAt = item.DueAt,
            Attempts = item.Attempts,
            LeaseOwner = item.LeaseOwner,
            LeaseExpiresAt = item.LeaseExpiresAt,
            LastError = item.LastError,
            CompletedAt = item.CompletedAt,
            TraceParent = item.TraceParent is { Length: <= OutboxColumns.TraceParentLength } t ? t : null,
        };
    }

    /// <summary>The item of <paramref name="row"/>; a message whose payload cannot be decrypted comes back without its message.</summary>
    public static OutboxItem ToItem(OutboxRow row, OutboxPayloadProtector protector)
    {
        var kind = (OutboxItemKind)row.Kind;
        var message = kind == OutboxItemKind.Message && row.Payload is not null ? protector.Unprotect(row.Payload) : null;
        return new OutboxItem
        {
            Id = new OutboxItemId(row.Id),
            InvitationId = new InvitationId(row.InvitationId),
            Kind = kind,
            Lane = row.Lane,
            Sequence = row.Sequence,
            Fact = kind == OutboxItemKind.Fact && row.Payload is not null ? InvitationJson.DeserializeFact(row.Payload) : null,
            Message = message is null ? null : InvitationJson.DeserializeMessage(message),
            Status = (OutboxItemStatus)row.Status,
            CreatedAt = row.CreatedAt,
            DueAt = row.DueAt,
            Attempts = row.Attempts,
            LeaseOwner = row.LeaseOwner,
            LeaseExpiresAt = row.LeaseExpiresAt,
            LastError = row.LastError,
            CompletedAt = row.CompletedAt,
            TraceParent = row.TraceParent,
        };
    }
}

/// <summary>Source-generated JSON for the list and dictionary columns.</summary>
[JsonSerializable(typeof(IReadOnlyList<string>))]
[JsonSerializable(typeof(IReadOnlyDictionary<string, string>))]
internal sealed partial class RowJsonContext : JsonSerializerContext;
