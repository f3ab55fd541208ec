using Invitations.EntityFrameworkCore;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Invitations.EntityFrameworkCore.Tests.Processes;

/// <summary>
/// The shared side of the process tests: the directory the children log into, the key ring they share (made here,
/// before any child starts, so that no two children create competing first keys), the arguments naming the
/// database, and a reader of what the children left in the database.
/// </summary>
public sealed class ProcessDatabase : IDisposable
{
    /// <summary>The key ring's application name, as tests/Invitations.CrashHost/ChildHost.cs names it.</summary>
    private const string ApplicationName = "invitations-process-tests";

    private readonly ServiceProvider _provider;

    public ProcessDatabase(StoreDatabase database)
    {
        var (provider, connection) = database switch
        {
            SqliteDatabase sqlite => ("sqlite", $"Data Source={sqlite.FilePath};Pooling=True;Default Timeout=60"),
            PostgresDatabase postgres => ("postgres", postgres.TestConnectionString),
            _ => throw new ArgumentException("not a database the child can open", nameof(database)),
        };
        Directory.CreateDirectory(Folder);
        BaseArguments = [$"provider={provider}", $"connection={connection}", $"dir={Folder}"];

        var services = new ServiceCollection();
        services.AddLogging();
        services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(Folder, "keys"))).SetApplicationName(ApplicationName);
        new InvitationsBuilder(services).UseEntityFrameworkCore(database.Configure!);
        _provider = services.BuildServiceProvider();
        _provider.GetRequiredService<IDataProtectionProvider>().CreateProtector("first-key").Protect([1]);
    }

    public string Folder { get; } = Path.Combine(Path.GetTempPath(), "invitations-process-tests", Guid.NewGuid().ToString("N"));

    /// <summary>provider=, connection=, dir=: what every child is started with.</summary>
    public IReadOnlyList<string> BaseArguments { get; }

    public IInvitationStore Store => _provider.GetRequiredService<IInvitationStore>();

    /// <summary>Every invitation, outbox item and fact in the database.</summary>
    public async Task<DatabaseContents> ReadAsync()
    {
        await using var context = await _provider.GetRequiredService<IDbContextFactory<InvitationsDbContext>>().CreateDbContextAsync();
        var invitations = await context.Set<InvitationRow>().AsNoTracking().Select(r => new { r.Id, r.Email, r.State, r.SendCount }).ToListAsync();
        var outbox = await context.Set<OutboxRow>().AsNoTracking().Select(r => new { r.Id, r.InvitationId, r.Kind, r.Sequence, r.Status }).ToListAsync();
        var facts = new List<InvitationFact>();
        foreach (var invitation in invitations)
        {
            facts.AddRange(await Store.ListFactsAsync(new InvitationId(invitation.Id), CancellationToken.None));
        }

        return new DatabaseContents(
            invitations.Select(r => new StoredInvitation(r.Id.ToString(), r.Email!, (InvitationState)r.State, r.SendCount)).ToList(),
            outbox.Select(r => new StoredItem(r.Id.ToString(), r.InvitationId.ToString(), (OutboxItemKind)r.Kind, r.Sequence, (OutboxItemStatus)r.Status)).ToList(),
            facts);
    }

    /// <summary>The lines of every child's log of one kind (messages, facts, leases, links, accepts), split on spaces.</summary>
    public IReadOnlyList<string[]> Lines(string kind) =>
        Directory.EnumerateFiles(Folder, kind + ".*.log").SelectMany(File.ReadAllLines).Where(l => l.Length > 0).Select(l => l.Split(' ')).ToList();

    public void Dispose()
    {
        _provider.Dispose();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

public sealed record StoredInvitation(string Id, string Email, InvitationState State, int SendCount);

public sealed record StoredItem(string Id, string InvitationId, OutboxItemKind Kind, long Sequence, OutboxItemStatus Status);

public sealed record DatabaseContents(IReadOnlyList<StoredInvitation> Invitations, IReadOnlyList<StoredItem> Outbox, IReadOnlyList<InvitationFact> Facts);
