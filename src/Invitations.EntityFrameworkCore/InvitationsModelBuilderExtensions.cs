using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Invitations.Validation;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>Adds the invitation tables to any <see cref="DbContext"/> model, so they join the host's own migrations.</summary>
public static class InvitationsModelBuilderExtensions
{
    /// <summary>The default name of the invitations table.</summary>
    public const string InvitationsTable = "invitations";

    /// <summary>The default name of the outbox table.</summary>
    public const string OutboxTable = "invitation_outbox";

    /// <summary>The default name of the short links table (the built-in link shortener).</summary>
    public const string ShortLinksTable = "invitation_short_links";

    /// <summary>The default name of the bulk-run table (the state of bulk runs every app instance reads).</summary>
    public const string BulkRunsTable = "invitation_bulk_runs";

    private static readonly ValueConverter<Instant, long> InstantToTicks =
        new(v => v.ToUnixTimeTicks(), v => Instant.FromUnixTimeTicks(v));

    /// <summary>
    /// Maps the invitation, outbox, short link and bulk-run tables (<c>invitations</c>, <c>invitation_outbox</c>, <c>invitation_short_links</c>, <c>invitation_bulk_runs</c>) with their
    /// unique and query indexes. Call it from <c>OnModelCreating</c>; provider-neutral (instants are stored
    /// as 100 ns ticks since the Unix epoch, lists and branding as JSON text).
    /// </summary>
    /// <param name="modelBuilder">The model builder.</param>
    /// <param name="schema">The database schema for the tables, or null for the default schema.</param>
    /// <returns>The model builder.</returns>
    public static ModelBuilder ApplyInvitationsModel(this ModelBuilder modelBuilder, string? schema = null)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);

        // Column widths come from the validator's own table (FieldLimits), so every accepted value fits its column.
        modelBuilder.Entity<InvitationRow>(b =>
        {
            b.ToTable(InvitationsTable, schema);
            b.HasKey(x => x.Id).HasName(IndexNames.PrimaryKey);
            b.Property(x => x.Id).HasColumnName("id").ValueGeneratedNever();
            b.Property(x => x.Version).HasColumnName("version").IsConcurrencyToken();
            b.Property(x => x.State).HasColumnName("state");
            b.Property(x => x.Channel).HasColumnName("channel");
            b.Property(x => x.Email).HasColumnName("email").HasMaxLength(FieldLimits.Email);
            b.Property(x => x.MobileNumber).HasColumnName("mobile_number").HasMaxLength(FieldLimits.MobileNumber);
            b.Property(x => x.DeliveryAddress).HasColumnName("delivery_address").HasMaxLength(FieldLimits.DeliveryAddress);
            b.Property(x => x.RecipientKey).HasColumnName("recipient_key").HasMaxLength(600);
            b.Property(x => x.PendingRecipientKey).HasColumnName("pending_recipient_key").HasMaxLength(600);
            b.Property(x => x.GivenName).HasColumnName("given_name");
            b.Property(x => x.FamilyName).HasColumnName("family_name");
            b.Property(x => x.Groups).HasColumnName("groups");
            b.Property(x => x.Roles).HasColumnName("roles");
            b.Property(x => x.CustomFields).HasColumnName("custom_fields");
            b.Property(x => x.OrganizationId).HasColumnName("organization_id").HasMaxLength(FieldLimits.Name);
            b.Property(x => x.InvitedById).HasColumnName("invited_by_id").HasMaxLength(FieldLimits.ActorId);
            b.Property(x => x.InvitedByName).HasColumnName("invited_by_name");
            b.Property(x => x.ClientId).HasColumnName("client_id").HasMaxLength(FieldLimits.ConfiguredKey);
            b.Property(x => x.RedirectLink).HasColumnName("redirect_link");
            b.Property(x => x.LinkTarget).HasColumnName("link_target");
            b.Property(x => x.TemplateKey).HasColumnName("template_key").HasMaxLength(FieldLimits.ConfiguredKey);
            b.Property(x => x.Locale).HasColumnName("locale").HasMaxLength(FieldLimits.Locale);
            b.Property(x => x.TimeZone).HasColumnName("time_zone").HasMaxLength(FieldLimits.TimeZone);
            b.Property(x => x.AllowSameEmailOnly).HasColumnName("allow_same_email_only");
            b.Property(x => x.Branding).HasColumnName("branding");
            b.Property(x => x.TokenHash).HasColumnName("token_hash");
            b.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(InstantToTicks);
            b.Property(x => x.UpdatedAt).HasColumnName("updated_at").HasConversion(InstantToTicks);
            b.Property(x => x.ExpiresAt).HasColumnName("expires_at").HasConversion(InstantToTicks);
            b.Property(x => x.SendCount).HasColumnName("send_count");
            b.Property(x => x.ResendCount).HasColumnName("resend_count");
            b.Property(x => x.LastSentAt).HasColumnName("last_sent_at").HasConversion(InstantToTicks);
            b.Property(x => x.ClosedAt).HasColumnName("closed_at").HasConversion(InstantToTicks);
            b.Property(x => x.AcceptedSubjectId).HasColumnName("accepted_subject_id");
            b.Property(x => x.IdempotencyKey).HasColumnName("idempotency_key").HasMaxLength(FieldLimits.StoredIdempotencyKey);
            b.Property(x => x.IdempotencyFingerprint).HasColumnName("idempotency_fingerprint");
            b.Property(x => x.FactSequence).HasColumnName("fact_sequence");
            b.Property(x => x.ReminderCount).HasColumnName("reminder_count");
            b.Property(x => x.HasExistingAccount).HasColumnName("has_existing_account");

            b.HasIndex(x => x.TokenHash).IsUnique().HasDatabaseName(IndexNames.TokenHash);
            b.HasIndex(x => x.PendingRecipientKey).IsUnique().HasDatabaseName(IndexNames.PendingRecipientKey);
            b.HasIndex(x => x.IdempotencyKey).IsUnique().HasDatabaseName(IndexNames.IdempotencyKey);
            b.HasIndex(x => new { x.CreatedAt, x.Id }).HasDatabaseName("ix_invitations_created_at_id");
            b.HasIndex(x => new { x.Email, x.CreatedAt, x.Id }).HasDatabaseName("ix_invitations_email_created_at_id");
            b.HasIndex(x => new { x.InvitedById, x.CreatedAt, x.Id }).HasDatabaseName("ix_invitations_invited_by_id_created_at_id");
            b.HasIndex(x => new { x.OrganizationId, x.CreatedAt, x.Id }).HasDatabaseName("ix_invitations_organization_id_created_at_id");
            b.HasIndex(x => new { x.State, x.ExpiresAt }).HasDatabaseName("ix_invitations_state_expires_at");
        });

        modelBuilder.Entity<OutboxRow>(b =>
        {
            b.ToTable(OutboxTable, schema);
            b.HasKey(x => x.Id).HasName(IndexNames.OutboxPrimaryKey);
            b.Property(x => x.Id).HasColumnName(OutboxColumns.Id).ValueGeneratedNever();
            b.Property(x => x.InvitationId).HasColumnName(OutboxColumns.InvitationId);
            b.Property(x => x.Kind).HasColumnName(OutboxColumns.Kind);
            b.Property(x => x.Lane).HasColumnName(OutboxColumns.Lane).HasMaxLength(FieldLimits.Lane).HasDefaultValue("");
            b.Property(x => x.Sequence).HasColumnName(OutboxColumns.Sequence);
            b.Property(x => x.Payload).HasColumnName(OutboxColumns.Payload);
            b.Property(x => x.Status).HasColumnName(OutboxColumns.Status);
            b.Property(x => x.CreatedAt).HasColumnName(OutboxColumns.CreatedAt).HasConversion(InstantToTicks);
            b.Property(x => x.DueAt).HasColumnName(OutboxColumns.DueAt).HasConversion(InstantToTicks);
            b.Property(x => x.Attempts).HasColumnName(OutboxColumns.Attempts);
            b.Property(x => x.LeaseOwner).HasColumnName(OutboxColumns.LeaseOwner).HasMaxLength(200);
            b.Property(x => x.LeaseExpiresAt).HasColumnName(OutboxColumns.LeaseExpiresAt).HasConversion(InstantToTicks);
            b.Property(x => x.LastError).HasColumnName(OutboxColumns.LastError);
            b.Property(x => x.CompletedAt).HasColumnName(OutboxColumns.CompletedAt).HasConversion(InstantToTicks);
            b.Property(x => x.TraceParent).HasColumnName(OutboxColumns.TraceParent).HasMaxLength(OutboxColumns.TraceParentLength);

            b.HasIndex(x => new { x.InvitationId, x.Kind, x.Lane, x.Sequence }).IsUnique().HasDatabaseName(IndexNames.OutboxSequence);
            b.HasIndex(x => new { x.Status, x.DueAt }).HasDatabaseName("ix_invitation_outbox_status_due_at");
            b.HasIndex(x => new { x.Status, x.CompletedAt }).HasDatabaseName("ix_invitation_outbox_status_completed_at");
        });

        // No foreign key: a short link is saved before its invitation's first write (the message that carries it is part
        // of that write), and erasure and retention delete an invitation's short links with it.
        modelBuilder.Entity<ShortLinkRow>(b =>
        {
            b.ToTable(ShortLinksTable, schema);
            b.HasKey(x => x.CodeHash).HasName("pk_invitation_short_links");
            b.Property(x => x.CodeHash).HasColumnName("code_hash").ValueGeneratedNever();
            b.Property(x => x.InvitationId).HasColumnName("invitation_id");
            b.Property(x => x.SealedToken).HasColumnName("sealed_token");
            b.Property(x => x.CreatedAt).HasColumnName("created_at").HasConversion(InstantToTicks);
            b.Property(x => x.ExpiresAt).HasColumnName("expires_at").HasConversion(InstantToTicks);
            b.HasIndex(x => x.InvitationId).HasDatabaseName("ix_invitation_short_links_invitation_id");
            b.HasIndex(x => x.ExpiresAt).HasDatabaseName("ix_invitation_short_links_expires_at");
        });

        BulkRunModel.Apply(modelBuilder, schema);

        return modelBuilder;
    }
}

/// <summary>Names of the unique indexes whose violations map to <see cref="StoreWriteStatus"/> values.</summary>
internal static class IndexNames
{
    public const string PrimaryKey = "pk_invitations";
    public const string TokenHash = "ix_invitations_token_hash";
    public const string PendingRecipientKey = "ix_invitations_pending_recipient_key";
    public const string IdempotencyKey = "ix_invitations_idempotency_key";
    public const string OutboxPrimaryKey = "pk_invitation_outbox";
    public const string OutboxSequence = "ix_invitation_outbox_invitation_kind_lane_sequence";
}

/// <summary>Column names of the outbox table (used by the raw claim SQL).</summary>
internal static class OutboxColumns
{
    public const string Id = "id";
    public const string InvitationId = "invitation_id";
    public const string Kind = "kind";
    public const string Lane = "lane";
    public const string Sequence = "sequence";
    public const string Payload = "payload";
    public const string Status = "status";
    public const string CreatedAt = "created_at";
    public const string DueAt = "due_at";
    public const string Attempts = "attempts";
    public const string LeaseOwner = "lease_owner";
    public const string LeaseExpiresAt = "lease_expires_at";
    public const string LastError = "last_error";
    public const string CompletedAt = "completed_at";
    public const string TraceParent = "trace_parent";

    /// <summary>A W3C traceparent (version 00) is 55 characters; a future version may append fields, up to this.</summary>
    public const int TraceParentLength = 128;
}
