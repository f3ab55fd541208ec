using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using NodaTime;

namespace Invitations.EntityFrameworkCore;

/// <summary>The bulk-run table of the model, mapped by <see cref="InvitationsModelBuilderExtensions.ApplyInvitationsModel"/>.</summary>
internal static class BulkRunModel
{
    /// <summary>The longest run id: Core's are 32 hex digits; other callers of <see cref="IBulkRunStore"/> get room.</summary>
    public const int MaxIdLength = 64;

    /// <summary>The longest owner name (machine/process/instance).</summary>
    public const int MaxOwnerLength = 200;

    private static readonly ValueConverter<Instant, long> InstantToTicks =
        new(v => v.ToUnixTimeTicks(), v => Instant.FromUnixTimeTicks(v));

    public static void Apply(ModelBuilder modelBuilder, string? schema)
    {
        modelBuilder.Entity<BulkRunRow>(b =>
        {
            b.ToTable(InvitationsModelBuilderExtensions.BulkRunsTable, schema);
            b.HasKey(x => x.Id).HasName("pk_invitation_bulk_runs");
            b.Property(x => x.Id).HasColumnName("id").HasMaxLength(MaxIdLength).ValueGeneratedNever();
            b.Property(x => x.Owner).HasColumnName("owner").HasMaxLength(MaxOwnerLength);
            b.Property(x => x.LaunchedAt).HasColumnName("launched_at").HasConversion(InstantToTicks);
            b.Property(x => x.LeaseExpiresAt).HasColumnName("lease_expires_at").HasConversion(InstantToTicks);
            b.Property(x => x.Total).HasColumnName("total");
            b.Property(x => x.Done).HasColumnName("done");
            b.Property(x => x.Invited).HasColumnName("invited");
            b.Property(x => x.Skipped).HasColumnName("skipped");
            b.Property(x => x.Failed).HasColumnName("failed");
            b.Property(x => x.Messages).HasColumnName("messages");
            b.Property(x => x.CancelRequested).HasColumnName("cancel_requested");
            b.Property(x => x.CompletedAt).HasColumnName("completed_at").HasConversion(InstantToTicks);
            b.Property(x => x.CompletionStatus).HasColumnName("completion_status");
            b.Property(x => x.LeaseLapsed).HasColumnName("lease_lapsed");

            // The sweep's work list: running runs by lease expiry.
            b.HasIndex(x => new { x.CompletionStatus, x.LeaseExpiresAt }).HasDatabaseName("ix_invitation_bulk_runs_status_lease");
        });
    }
}
