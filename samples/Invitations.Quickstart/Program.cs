// The README's first command: dotnet run --project samples/Invitations.Quickstart [-- --store sqlite]
// Invites two people with the built-in defaults, prints the rendered e-mail and the link, resends one,
// accepts one, rejects the other, and prints every fact as JSON. E-mails are written as .eml files to a
// pickup folder. Needs nothing but the .NET SDK.
using System.Text.Json;
using Invitations;
using Invitations.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using NodaTime;

var useSqlite = args.SequenceEqual(["--store", "sqlite"]);
var pickup = Path.Combine(Directory.GetCurrentDirectory(), "pickup");
var database = Path.Combine(Directory.GetCurrentDirectory(), "invitations.db");

var services = new ServiceCollection();
var invitationsBuilder = services.AddInvitations(options =>
{
    options.Defaults.AccountName = "Acme Corp";
    options.Links.Clients["web"] = new InvitationClient { InitiateLoginUri = "https://app.example.com/login" };
    options.Limits.ResendCooldown = TimeSpan.Zero; // the demo resends at once; the default waits a minute
})
.UsePickupDirectory(pickup); // development sender: each e-mail becomes an .eml file
if (useSqlite)
{
    invitationsBuilder.UseEntityFrameworkCore(db => db.UseSqlite($"Data Source={database}"));
}

await using var provider = services.BuildServiceProvider();
if (useSqlite)
{
    await using var db = await provider.GetRequiredService<IDbContextFactory<InvitationsDbContext>>().CreateDbContextAsync();
    await db.Database.EnsureInvitationsSchemaAsync();
    Console.WriteLine($"Store: SQLite file {database}");
}
else
{
    Console.WriteLine("Store: in memory (run with -- --store sqlite for a SQLite file)");
}

// One service per caller: the administrator's manager, and the token holder's redemption (all an anonymous page needs).
var invitations = provider.GetRequiredService<IInvitationManager>();
var redemption = provider.GetRequiredService<IInvitationRedemption>();
var admin = InvitationActor.Admin("admin-1", "Ada Lovelace");

var jane = await invitations.InviteAsync(new InviteRequest
{
    Inviter = admin,
    Email = "jane.doe@example.com",
    GivenName = "Jane",
    FamilyName = "Doe",
    Groups = ["engineering"],
    Roles = ["editor"],
});
var max = await invitations.InviteAsync(new InviteRequest
{
    Inviter = admin,
    Email = "max.mustermann@example.de",
    GivenName = "Max",
    FamilyName = "Mustermann",
    Locale = "de-DE",
    TimeZone = "Europe/Berlin",
});
Ensure(jane, max);

Section("The e-mail Jane received");
var email = jane.Value.Message!;
Console.WriteLine($"To:      {email.ToName} <{email.To}>");
Console.WriteLine($"Subject: {email.Subject}");
Console.WriteLine();
Console.WriteLine(email.TextBody);
Console.WriteLine($"(the whole MIME message, HTML included, is in {pickup})");
Section("Jane's link (shown once; only its SHA-256 is stored)");
Console.WriteLine(jane.Value.Link);

Section("Resend to Max: the token rotates, the old link stops working");
var resent = await invitations.ResendAsync(max.Value.Invitation.Id, admin);
Ensure(resent);
var oldLinkWorks = (await redemption.PreviewAsync(TokenOf(max.Value.Link!))).IsSuccess;
Console.WriteLine($"new link: {resent.Value.Link}");
Console.WriteLine($"old link still works: {oldLinkWorks}");
Console.WriteLine($"German subject: {resent.Value.Message!.Subject}");

Section("Jane accepts (exactly once)");
var accepted = await redemption.AcceptAsync(TokenOf(jane.Value.Link!), new AcceptRequest("user-1001") { Email = "jane.doe@example.com" });
Ensure(accepted);
Console.WriteLine($"grant groups [{string.Join(", ", accepted.Value.Groups)}], roles [{string.Join(", ", accepted.Value.Roles)}]");
var again = await redemption.AcceptAsync(TokenOf(jane.Value.Link!), new AcceptRequest("user-1002"));
Console.WriteLine($"accepting again: {again.Error}");

Section("Max rejects");
var rejected = await redemption.RejectAsync(TokenOf(resent.Value.Link!));
Ensure(rejected);
Console.WriteLine($"state: {rejected.Value.State}");

Section("Every fact delivered to the webhook sink");
var sink = (InMemoryWebhookSink)provider.GetRequiredService<IWebhookSink>();
foreach (var fact in sink.Facts)
{
    using var doc = JsonDocument.Parse(InvitationJson.SerializeFact(fact));
    Console.WriteLine(JsonSerializer.Serialize(doc, new JsonSerializerOptions { WriteIndented = true }));
}

static string TokenOf(string link) =>
    new Uri(link).Query.TrimStart('?').Split('&').Single(p => p.StartsWith("invite_token=", StringComparison.Ordinal))["invite_token=".Length..];

static void Section(string title) => Console.WriteLine($"{Environment.NewLine}== {title}");

static void Ensure(params object[] results)
{
    foreach (dynamic result in results)
    {
        if (!result.IsSuccess)
        {
            throw new InvalidOperationException($"Unexpected error: {result.Error}");
        }
    }
}
