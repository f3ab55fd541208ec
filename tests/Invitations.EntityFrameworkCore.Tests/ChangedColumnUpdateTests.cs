using Invitations.EntityFrameworkCore.Tests.Statements;
using Invitations.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>
/// An update of a row the store read at the expected version writes only the changed columns (issue 14). Two store
/// instances on one SQLite file stand for two app instances: what one read can be stale by the time it writes, and the
/// version guard still decides; nothing another instance wrote is lost, and an erased row is not kept in memory.
/// </summary>
[System.Diagnostics.CodeAnalysis.SuppressMessage("Reliability", "CA1001:Types that own disposable fields should be disposable", Justification = "xUnit disposes it through IAsyncLifetime.DisposeAsync.")]
public sealed class ChangedColumnUpdateTests : IAsyncLifetime
{
    private static readonly Instant T = EfTestData.T;
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-efcore-tests", Guid.NewGuid().ToString("N"));
    private readonly StatementLog _log = new();
    private EntityFrameworkCoreInvitationStore<InvitationsDbContext> _a = null!;
    private EntityFrameworkCoreInvitationStore<InvitationsDbContext> _b = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        var options = new DbContextOptionsBuilder<InvitationsDbContext>().UseSqlite($"Data Source={Path.Combine(_directory, "invitations.db")}").AddInterceptors(_log).Options;
        var contexts = new PooledDbContextFactory<InvitationsDbContext>(options);
        await using (var context = await contexts.CreateDbContextAsync())
        {
            await context.Database.EnsureInvitationsSchemaAsync();
        }

        _a = new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(contexts);
        _b = new EntityFrameworkCoreInvitationStore<InvitationsDbContext>(contexts);
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task A_write_from_a_stale_read_loses_its_race_and_the_next_one_keeps_what_the_other_instance_wrote()
    {
        var created = EfTestData.Invitation($"stale.{Guid.NewGuid():N}@example.org") with { GivenName = "Jane", FamilyName = "Doe" };
        Assert.Equal(StoreWriteStatus.Saved, await _a.CreateAsync(created, [], default));

        // Both instances read version 1; B renames the family name first.
        var readByA = (await _a.FindAsync(created.Id, default))!;
        var readByB = (await _b.FindAsync(created.Id, default))!;
        _log.Take();
        Assert.Equal(StoreWriteStatus.Saved, await _b.UpdateAsync(readByB with { FamilyName = "Roe", Version = 2 }, 1, [], default));
        Assert.Equal(["family_name", "version"], StatementLog.SetColumns(Assert.Single(_log.Take(), StatementLog.UpdatesInvitations)).Order());

        // A's write from its read of version 1 loses, whatever it remembered.
        Assert.Equal(StoreWriteStatus.ConcurrencyConflict, await _a.UpdateAsync(readByA with { GivenName = "Janet", Version = 2 }, 1, [], default));
        var afterRace = (await _a.FindAsync(created.Id, default))!;
        Assert.Equal(("Jane", "Roe", 2L), (afterRace.GivenName, afterRace.FamilyName, afterRace.Version));

        // From its new read, A's change goes in (only the given name is written) and B's stays.
        Assert.Equal(StoreWriteStatus.Saved, await _a.UpdateAsync(afterRace with { GivenName = "Janet", Version = 3 }, 2, [], default));
        var final = (await _b.FindAsync(created.Id, default))!;
        Assert.Equal(("Janet", "Roe", 3L), (final.GivenName, final.FamilyName, final.Version));
        Assert.Equal(created.Email, final.Email);
        Assert.Equal(created.TokenHash, final.TokenHash);
    }

    [Fact]
    public async Task An_update_that_changes_nothing_but_the_version_is_saved_and_guarded()
    {
        var created = EfTestData.Invitation($"same.{Guid.NewGuid():N}@example.org");
        Assert.Equal(StoreWriteStatus.Saved, await _a.CreateAsync(created, [], default));
        var read = (await _a.FindAsync(created.Id, default))!;

        Assert.Equal(StoreWriteStatus.Saved, await _a.UpdateAsync(read with { Version = 2 }, 1, [OutboxTestData.FactItem(read, 2, T)], default));
        Assert.Equal(StoreWriteStatus.ConcurrencyConflict, await _a.UpdateAsync(read with { Version = 2 }, 1, [], default));
        Assert.Equal(2, (await _b.FindAsync(created.Id, default))!.Version);
    }

    [Fact]
    public async Task A_token_hash_changed_in_place_in_the_data_read_is_written()
    {
        var created = EfTestData.Invitation($"rehash.{Guid.NewGuid():N}@example.org");
        Assert.Equal(StoreWriteStatus.Saved, await _a.CreateAsync(created, [], default));
        var read = (await _a.FindAsync(created.Id, default))!;
        var newHash = System.Security.Cryptography.RandomNumberGenerator.GetBytes(32);
        newHash.CopyTo(read.TokenHash!, 0);

        Assert.Equal(StoreWriteStatus.Saved, await _a.UpdateAsync(read with { Version = 2 }, 1, [], default));
        Assert.Equal(newHash, (await _b.FindByTokenHashAsync(newHash, default))?.TokenHash);
        Assert.Null(await _b.FindByTokenHashAsync(created.TokenHash!, default));
    }

    [Fact]
    public async Task An_erased_invitation_is_not_kept_from_the_last_read()
    {
        var created = EfTestData.Invitation($"erased.{Guid.NewGuid():N}@example.org");
        Assert.Equal(StoreWriteStatus.Saved, await _a.CreateAsync(created, [], default));
        Assert.NotNull(await _a.FindAsync(created.Id, default));
        Assert.Equal(1, _a.RememberedRows);

        Assert.True(await _a.EraseAsync(created.Id, default) > 0);
        Assert.Equal(0, _a.RememberedRows);
        Assert.Null(await _a.FindAsync(created.Id, default));
    }
}
