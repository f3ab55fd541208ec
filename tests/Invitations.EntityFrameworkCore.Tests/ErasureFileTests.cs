using Invitations.Testing;
using System.Text;
using Microsoft.EntityFrameworkCore;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

/// <summary>Erasure on a real SQLite file: after erasing and compacting, the address is nowhere in the file's bytes.</summary>
public sealed class ErasureFileTests
{
    private static readonly Instant T = Instant.FromUtc(2031, 5, 1, 9, 0);

    [Fact]
    public async Task ErasedAddressIsNotInTheDatabaseFileAfterCheckpointAndVacuum()
    {
        var database = new SqliteDatabase();
        await database.InitializeAsync();
        try
        {
            var target = $"erase.target.{Guid.NewGuid():N}@example.org";
            var keeper = $"keeper.{Guid.NewGuid():N}@example.org";
            var store = database.Store;
            var first = Invitation(target, target);
            var second = Invitation($"work.{Guid.NewGuid():N}@example.org", target) with { OrganizationId = "org-2" };
            var kept = Invitation(keeper, keeper);
            foreach (var invitation in new[] { first, second, kept })
            {
                Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [OutboxTestData.FactItem(invitation, 1), OutboxTestData.MessageItem(invitation, 1)], default));
            }

            var accepted = first with { Version = 2, State = InvitationState.Accepted, ClosedAt = T, UpdatedAt = T, FactSequence = 2 };
            Assert.Equal(StoreWriteStatus.Saved, await store.UpdateAsync(accepted, 1, [OutboxTestData.FactItem(accepted, 2, type: FactTypes.InviteAccepted)], default));
            await CompactAsync(database);
            Assert.True(FileContains(database.FilePath, target), "the scan must see the address before erasure");

            var found = await store.FindByAddressAsync(target.ToUpperInvariant(), default);
            Assert.Equal(2, found.Count);
            foreach (var invitation in found)
            {
                Assert.True(await store.EraseAsync(invitation.Id, default) > 1);
            }

            await CompactAsync(database);
            Assert.False(FileContains(database.FilePath, target), "the erased address must not survive in the database file");
            Assert.True(FileContains(database.FilePath, keeper), "other people's data stays");
            Assert.NotNull(await store.FindAsync(kept.Id, default));
        }
        finally
        {
            await database.DisposeAsync();
        }
    }

    /// <summary>Moves the WAL into the main file and rewrites it, so deleted rows leave no bytes in free pages.</summary>
    private static async Task CompactAsync(SqliteDatabase database)
    {
        await using (var context = await database.Contexts.CreateDbContextAsync())
        {
            await context.Database.OpenConnectionAsync();
            await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
            await context.Database.ExecuteSqlRawAsync("VACUUM;");
            await context.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(TRUNCATE);");
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }

    private static bool FileContains(string path, string text)
    {
        var needle = Encoding.UTF8.GetBytes(text);
        foreach (var file in new[] { path, path + "-wal", path + "-journal" }.Where(File.Exists))
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            if (buffer.ToArray().AsSpan().IndexOf(needle) >= 0)
            {
                return true;
            }
        }

        return false;
    }

    private static InvitationData Invitation(string email, string delivery) => EfTestData.Invitation(email, delivery) with
    {
        GivenName = "Erin",
        FamilyName = "Erased",
        CustomFields = new Dictionary<string, string> { ["contact"] = delivery },
    };
}
