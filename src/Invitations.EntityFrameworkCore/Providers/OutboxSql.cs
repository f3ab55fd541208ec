using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// The delimited table and column names of the outbox (and the invitation columns the version guard uses) as the
/// context's model maps them (schema, table names), for the providers' raw statements. Resolved once per model.
/// </summary>
internal sealed class OutboxSql
{
    private static readonly ConditionalWeakTable<IModel, OutboxSql> Cache = [];

    private OutboxSql(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(OutboxRow))
            ?? throw new InvalidOperationException("The context's model has no invitation outbox; call modelBuilder.ApplyInvitationsModel().");
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = entity.GetTableName()!;
        var schema = entity.GetSchema();
        var storeObject = StoreObjectIdentifier.Table(table, schema);
        string C(string property) => sql.DelimitIdentifier(entity.FindProperty(property)!.GetColumnName(storeObject)!);

        Table = sql.DelimitIdentifier(table, schema);
        Id = C(nameof(OutboxRow.Id));
        InvitationId = C(nameof(OutboxRow.InvitationId));
        Kind = C(nameof(OutboxRow.Kind));
        Lane = C(nameof(OutboxRow.Lane));
        Sequence = C(nameof(OutboxRow.Sequence));
        Status = C(nameof(OutboxRow.Status));
        DueAt = C(nameof(OutboxRow.DueAt));
        LeaseOwner = C(nameof(OutboxRow.LeaseOwner));
        LeaseExpiresAt = C(nameof(OutboxRow.LeaseExpiresAt));

        var invitation = context.Model.FindEntityType(typeof(InvitationRow))!;
        var invitationTable = StoreObjectIdentifier.Table(invitation.GetTableName()!, invitation.GetSchema());
        string I(string property) => sql.DelimitIdentifier(invitation.FindProperty(property)!.GetColumnName(invitationTable)!);
        Invitations = sql.DelimitIdentifier(invitationTable.Name, invitationTable.Schema);
        InvitationKey = I(nameof(InvitationRow.Id));
        InvitationVersion = I(nameof(InvitationRow.Version));
        Value = sql.DelimitIdentifier("Value");
    }

    /// <summary>The invitations table.</summary>
    public string Invitations { get; }

    /// <summary>The invitations' primary key column.</summary>
    public string InvitationKey { get; }

    /// <summary>The invitations' version column.</summary>
    public string InvitationVersion { get; }

    /// <summary>The column name EF Core reads a scalar <c>SqlQuery</c> result from.</summary>
    public string Value { get; }

    public string Table { get; }

    public string Id { get; }

    public string InvitationId { get; }

    public string Kind { get; }

    /// <summary>The lane column: a fact's receiver when the host has several, part of the ordering key.</summary>
    public string Lane { get; }

    public string Sequence { get; }

    public string Status { get; }

    public string DueAt { get; }

    public string LeaseOwner { get; }

    public string LeaseExpiresAt { get; }

    public static OutboxSql For(DbContext context) => Cache.GetValue(context.Model, _ => new OutboxSql(context));
}
