using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// The rows the EF Core store keeps from its last reads to diff the next update against: used only at the version
/// read, by the model read through, within their lifetime; dropped when full, swept when expired, and never kept by a
/// read that overlapped an erasure.
/// </summary>
public sealed class RecentRowsTests
{
    private static readonly IModel Model = ModelOf(new InvitationsDbContext(new DbContextOptionsBuilder<InvitationsDbContext>().UseSqlite("Data Source=:memory:").Options));
    private static readonly IModel OtherModel = ModelOf(new OtherContext(new DbContextOptionsBuilder<OtherContext>().UseSqlite("Data Source=:memory:").Options));

    private long _now = 1_000;

    [Fact]
    public void A_row_is_given_once_at_the_version_read_through_the_model_read()
    {
        var rows = new RecentRows(() => _now);
        var row = Row(version: 3);

        rows.Remember(Model, row, rows.Mark);
        Assert.Null(rows.Take(Model, row.Id, version: 2));
        rows.Remember(Model, row, rows.Mark);
        Assert.Same(row, rows.Take(Model, row.Id, version: 3));
        Assert.Null(rows.Take(Model, row.Id, version: 3));

        // A row read through another model (another database of the same ids) is not used.
        rows.Remember(OtherModel, row, rows.Mark);
        Assert.Null(rows.Take(Model, row.Id, version: 3));
    }

    [Fact]
    public void A_row_past_its_lifetime_is_not_used_and_is_swept()
    {
        var rows = new RecentRows(() => _now);
        var row = Row(version: 1);
        rows.Remember(Model, row, rows.Mark);
        _now += (long)RecentRows.Lifetime.TotalMilliseconds + 1;
        Assert.Null(rows.Take(Model, row.Id, 1));

        rows.Remember(Model, Row(1), rows.Mark);
        _now += (long)RecentRows.Lifetime.TotalMilliseconds + 1;
        for (var i = 0; i < RecentRows.SweepEvery; i++)
        {
            rows.Take(Model, Guid.NewGuid(), 1);
        }

        Assert.Equal(0, rows.Count);
    }

    [Fact]
    public void A_read_that_overlapped_an_erasure_keeps_nothing_and_forgotten_rows_go()
    {
        var rows = new RecentRows(() => _now);
        var erased = Row(1);
        rows.Remember(Model, erased, rows.Mark);
        var markBeforeRead = rows.Mark;
        rows.Forget([erased.Id]);
        Assert.Equal(0, rows.Count);

        // The read began before the erasure and returns after it: it must not put the erased row back.
        rows.Remember(Model, erased, markBeforeRead);
        Assert.Equal(0, rows.Count);
        Assert.Null(rows.Take(Model, erased.Id, 1));
    }

    [Fact]
    public void Past_its_capacity_the_rows_are_dropped()
    {
        var rows = new RecentRows(() => _now);
        for (var i = 0; i < RecentRows.Capacity + (2 * RecentRows.SweepEvery); i++)
        {
            rows.Remember(Model, Row(1), rows.Mark);
        }

        Assert.InRange(rows.Count, 1, RecentRows.Capacity + RecentRows.SweepEvery);
    }

    private static InvitationRow Row(long version) => new() { Id = Guid.NewGuid(), Version = version };

    private static IModel ModelOf(DbContext context)
    {
        using (context)
        {
            return context.Model;
        }
    }

    private sealed class OtherContext(DbContextOptions<OtherContext> options) : DbContext(options)
    {
        protected override void OnModelCreating(ModelBuilder modelBuilder) => modelBuilder.ApplyInvitationsModel(schema: null);
    }
}
