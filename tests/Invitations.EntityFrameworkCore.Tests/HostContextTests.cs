using Microsoft.AspNetCore.DataProtection;
using Invitations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

namespace Invitations.EntityFrameworkCore.Tests;

public sealed class HostUser
{
    public int Id { get; set; }

    public string Name { get; set; } = "";
}

/// <summary>A host's own context that adds the invitation tables to its model.</summary>
public sealed class HostDbContext(DbContextOptions<HostDbContext> options) : DbContext(options)
{
    public DbSet<HostUser> Users => Set<HostUser>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<HostUser>().ToTable("users");
        modelBuilder.ApplyInvitationsModel();
    }
}

public sealed class HostContextTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "invitations-efcore-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task HostContextKeepsInvitationsBesideItsOwnTables()
    {
        Directory.CreateDirectory(_directory);
        var services = new ServiceCollection();
        services.AddDbContextFactory<HostDbContext>(o => o.UseSqlite($"Data Source={Path.Combine(_directory, "host.db")}"));
        services.AddDataProtection().UseEphemeralDataProtectionProvider(); // no key ring in the user profile
        new InvitationsBuilder(services).UseEntityFrameworkCore<HostDbContext>();
        await using var provider = services.BuildServiceProvider();
        await using (var context = await provider.GetRequiredService<IDbContextFactory<HostDbContext>>().CreateDbContextAsync())
        {
            Assert.True(await context.Database.EnsureInvitationsSchemaAsync());
            context.Users.Add(new HostUser { Name = "Ada" });
            await context.SaveChangesAsync();
        }

        var store = provider.GetRequiredService<IInvitationStore>();
        Assert.Same(store, provider.GetRequiredService<IInvitationStore>());
        Assert.IsType<EntityFrameworkCoreInvitationStore<HostDbContext>>(store);

        var now = Instant.FromUtc(2030, 1, 1, 0, 0);
        var invitation = new InvitationData
        {
            Id = new InvitationId(Guid.NewGuid()),
            Version = 1,
            State = InvitationState.Initiated,
            Channel = MessageChannel.Email,
            Email = "ada@example.com",
            DeliveryAddress = "ada@example.com",
            RecipientKey = "|email|ada@example.com",
            InvitedById = "admin",
            LinkTarget = "https://app.example.com/login",
            TemplateKey = "INVITE_USER",
            TokenHash = new byte[32],
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + Duration.FromDays(7),
        };
        Assert.Equal(StoreWriteStatus.Saved, await store.CreateAsync(invitation, [], CancellationToken.None));
        Assert.Equal(invitation.Id, (await store.FindByTokenHashAsync(new byte[32], CancellationToken.None))?.Id);

        await using var check = await provider.GetRequiredService<IDbContextFactory<HostDbContext>>().CreateDbContextAsync();
        Assert.Equal(1, await check.Users.CountAsync());
    }

    [Fact]
    public async Task RecordingFakesRecordAndFailAsScripted()
    {
        var sink = new RecordingWebhookSink();
        var fact = new InvitationFact { Id = new FactId(Guid.NewGuid()), Type = FactTypes.InviteUser, ObjectId = new InvitationId(Guid.NewGuid()), Sequence = 1, OccurredAt = Instant.FromUtc(2030, 1, 1, 0, 0) };
        sink.FailTransiently(2);
        sink.FailPermanently(1);
        Assert.Equal(DeliveryStatus.TransientFailure, (await sink.DeliverAsync(fact, default)).Status);
        Assert.Equal(DeliveryStatus.TransientFailure, (await sink.DeliverAsync(fact, default)).Status);
        Assert.Equal(DeliveryStatus.PermanentFailure, (await sink.DeliverAsync(fact, default)).Status);
        Assert.True((await sink.DeliverAsync(fact, default)).IsDelivered);
        Assert.Equal(4, sink.Attempts);
        Assert.Single(sink.Facts);

        var sender = new RecordingMessageSender(MessageChannel.Email);
        Assert.True(sender.CanSend(MessageChannel.Email));
        Assert.False(sender.CanSend(MessageChannel.Sms));
        var message = new OutgoingMessage { MessageId = "m1", InvitationId = fact.ObjectId, Channel = MessageChannel.Email, To = "ada@example.com", Subject = "Hi", TextBody = "Hello", TemplateKey = "INVITE_USER" };
        Assert.True((await sender.SendAsync(message, default)).IsDelivered);
        Assert.Equal("m1", Assert.Single(sender.Sent).MessageId);
    }
}
