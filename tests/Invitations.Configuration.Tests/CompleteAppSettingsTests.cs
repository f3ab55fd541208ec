using Invitations.AspNetCore;
using Invitations.AspNetCore.Identity;
using Invitations.MailKit;
using Invitations.Sms;
using Invitations.Webhooks;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using NodaTime;

namespace Invitations.Configuration.Tests;

/// <summary>Binds <c>appsettings.complete.json</c> (every option of every package) as a host does, and checks every value.</summary>
public sealed class CompleteAppSettingsTests : IDisposable
{
    private readonly IHost _host;

    public CompleteAppSettingsTests()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
            DisableDefaults = true,
        });
        builder.Configuration.AddJsonFile("appsettings.complete.json", optional: false);
        var section = builder.Configuration.GetSection("Invitations");
        builder.Services.AddInvitations(section)
            .UseMailKit(section.GetSection("Smtp"))
            .UsePickupDirectory(section.GetSection("Pickup"))
            .UseHttpSms(section.GetSection("Sms"))
            .UseWebhooks(section.GetSection("Webhooks"))
            .AddHttpEndpoints(section.GetSection("Http"))
            .AddIdentityAccounts<IdentityUser>(section.GetSection("Accounts"));
        _host = builder.Build();
    }

    public void Dispose() => _host.Dispose();

    private T Options<T>()
        where T : class => _host.Services.GetRequiredService<IOptions<T>>().Value;

    [Fact]
    public void Links_bind()
    {
        var links = Options<InvitationsOptions>().Links;
        links.Clients.Keys.Should().BeEquivalentTo(["web", "admin"]);
        links.Clients["web"].Should().BeEquivalentTo(new
        {
            InitiateLoginUri = "https://app.example.com/login",
            AllowedLinkTargets = new[] { "https://app.example.com/register" },
            AllowedRedirectLinks = new[] { "https://app.example.com/welcome", "https://app.example.com/home" },
        });
        links.Clients["admin"].InitiateLoginUri.Should().Be("https://admin.example.com/login");
        links.Should().BeEquivalentTo(new { DefaultClientId = "web", TokenParameterName = "token", FactUrlTemplate = "https://admin.example.com/invitations/{id}" });
        links.Should().BeEquivalentTo(new { ShortenSms = true, ShortenEmail = true, ShortLinkBaseUrl = "https://app.example.com/i/" });
    }

    [Fact]
    public void New_links_and_reminders_bind()
    {
        var o = Options<InvitationsOptions>();
        o.NewLinks.Should().BeEquivalentTo(new { Enabled = true, RenewExpiredFor = TimeSpan.FromDays(10), AddressCooldown = TimeSpan.FromMinutes(90) });
        o.Reminders.Should().BeEquivalentTo(new { Enabled = true, MaxCount = 2, TemplateKey = "CRM_INVITE" });
        o.Reminders.Schedule.Should().Equal([TimeSpan.FromDays(2), TimeSpan.FromHours(6)], "the configured list replaces the default");
    }

    [Fact]
    public void Lifetime_inviters_limits_and_defaults_bind()
    {
        var o = Options<InvitationsOptions>();
        o.Lifetime.Should().BeEquivalentTo(new { Default = TimeSpan.FromDays(3), Min = TimeSpan.FromHours(2), Max = TimeSpan.FromDays(14) });
        o.Inviters.Roles.Should().BeEquivalentTo(["owner", "hr"]);
        o.Inviters.Should().BeEquivalentTo(new { RequireRole = true, MaxInvitationsPerWindow = 50, QuotaWindow = TimeSpan.FromHours(12) });
        o.Limits.Should().BeEquivalentTo(new
        {
            MaxGroupsOrRoles = 20, MaxCustomFields = 10, MaxResends = 3, ResendCooldown = TimeSpan.FromMinutes(5), MaxUnregisteredInvitesPerRun = 200,
        });
        o.Defaults.Should().BeEquivalentTo(new { AccountName = "Acme", FromName = "Acme HR", Locale = "de", TimeZone = "Europe/Berlin", PhoneRegion = "DE" });
        o.DuplicatePending.Should().Be(DuplicatePendingBehavior.Reuse);
        o.SkipRegisteredUsers.Should().BeFalse();
        o.AllowSameEmailOnlyByDefault.Should().BeTrue();
    }

    [Fact]
    public void Delivery_retention_and_maintenance_bind()
    {
        var o = Options<InvitationsOptions>();
        o.Delivery.Should().BeEquivalentTo(new
        {
            Inline = false, RunInBackground = false, PollInterval = TimeSpan.FromSeconds(10), Lease = TimeSpan.FromMinutes(3), BatchSize = 25, MaxConcurrency = 4, RetryJitter = 0.1,
        });
        o.Delivery.RetrySchedule.Should().Equal(TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10), TimeSpan.FromHours(1));
        o.Retention.Period.Should().Be(TimeSpan.FromDays(90));
        o.Maintenance.Should().BeEquivalentTo(new { RunInBackground = false, Interval = TimeSpan.FromMinutes(5), BatchSize = 100, MaxAutomaticReinvites = 1 });
    }

    [Fact]
    public void Health_check_thresholds_bind()
    {
        Options<InvitationsOptions>().HealthChecks.Should().BeEquivalentTo(new
        {
            StoreTimeout = TimeSpan.FromSeconds(3),
            BacklogDegraded = 50L,
            BacklogUnhealthy = 500L,
            OldestDueDegraded = TimeSpan.FromMinutes(2),
            OldestDueUnhealthy = TimeSpan.FromMinutes(20),
            DispatcherMissedPolls = 4,
        });
    }

    [Fact]
    public void Auto_invite_binds()
    {
        Options<InvitationsOptions>().AutoInvite.Should().BeEquivalentTo(new
        {
            Enabled = true,
            EnabledSince = (Instant?)Instant.FromUtc(2026, 1, 1, 0, 0),
            LifecycleState = "active",
            PreferPersonalAddress = false,
            InviterId = "hr-bot",
            InviterDisplayName = "Acme HR",
            ClientId = "web",
            TemplateKey = "CRM_INVITE",
        });
    }

    [Fact]
    public void Templates_bind_inline_from_a_directory_and_from_files()
    {
        var templates = Options<InvitationsOptions>().Templates;
        templates.Limits.Should().Be(new TemplateLimits { LoopLimit = 500, RecursiveLimit = 10, LimitToString = 50_000, MaxSourceLength = 20_000, MaxSmsLength = 160 });
        templates.Files.Should().HaveCount(3);
        templates.Files[2].Should().BeEquivalentTo(new
        {
            Key = "CRM_INVITE", Channel = MessageChannel.Email, Locale = "fr", Directory = "templates/crm",
            SubjectFile = "subject.liquid", HtmlBodyFile = "body.html.liquid", TextBodyFile = "body.txt.liquid",
        });
        var email = new { Subject = "Willkommen bei {{ account_name }}", HtmlBody = "<p><a href=\"{{ link }}\">Annehmen</a></p>", TextBody = "Annehmen: {{ link }}" };
        templates.Definitions.Should().HaveCount(4);
        templates.Definitions[0].Should().BeEquivalentTo(new { Key = "WELCOME", Channel = MessageChannel.Email, Locale = "en", Subject = "Hello", HtmlBody = "<p>{{ link }}</p>", TextBody = "{{ link }}" });
        templates.Definitions[1].Should().BeEquivalentTo(new { Key = "CRM_INVITE", Channel = MessageChannel.Email, Locale = "de", email.Subject, email.HtmlBody, email.TextBody });
        templates.Definitions[2].Should().BeEquivalentTo(new { Key = "CRM_INVITE", Channel = MessageChannel.Sms, Locale = "de", Subject = (string?)null, TextBody = "SMS: {{ link }}" });
        templates.Definitions[3].Should().BeEquivalentTo(new { Key = "CRM_INVITE", Channel = MessageChannel.Email, Locale = "fr", email.Subject, email.HtmlBody, email.TextBody });
    }

    [Fact]
    public void Smtp_and_pickup_bind()
    {
        Options<SmtpSenderOptions>().Should().BeEquivalentTo(new
        {
            Host = "smtp.example.com", Port = 465, Security = SmtpSecurity.SslOnConnect, UserName = "mailer", Password = "from-a-secret-store",
            FromAddress = "invitations@example.com", FromName = "Acme", ReplyTo = "hr@example.com", Timeout = TimeSpan.FromSeconds(45),
            CheckCertificateRevocation = false,
        });
        Options<PickupDirectoryOptions>().Should().BeEquivalentTo(new { Directory = "mail-drop", FromAddress = "dev@localhost", FromName = "Dev", ReplyTo = "noreply@localhost" });
    }

    [Fact]
    public void Sms_binds()
    {
        var sms = Options<HttpSmsOptions>();
        sms.Should().BeEquivalentTo(new
        {
            Endpoint = new Uri("https://sms.example.com/send"), BodyFormat = SmsBodyFormat.Json, From = "ACME", BearerToken = "from-a-secret-store",
            Timeout = TimeSpan.FromSeconds(20), MaxLength = 480,
        });
        sms.Fields.Should().Equal(new Dictionary<string, string> { ["to"] = "{to}", ["body"] = "{text}", ["sender"] = "{from}", ["ref"] = "{message_id}" });
        sms.Headers.Should().Equal(new Dictionary<string, string> { ["X-Tenant"] = "acme" });

        var services = new ServiceCollection();
        services.AddInvitations(o => { }).UseHttpSms(_host.Services.GetRequiredService<IConfiguration>().GetSection("Invitations:SmsWithBasicAuth"));
        using var provider = services.BuildServiceProvider();
        provider.GetRequiredService<IOptions<HttpSmsOptions>>().Value.Should().BeEquivalentTo(new { BasicUserName = "acme", BasicPassword = "from-a-secret-store" });
    }

    [Fact]
    public void Webhooks_bind()
    {
        var webhooks = Options<WebhookSinkOptions>();
        webhooks.Should().BeEquivalentTo(new { Timeout = TimeSpan.FromSeconds(5), AllowPrivateNetworkDestinations = true, UserAgent = "Acme/1.0" });
        webhooks.Endpoints.Should().ContainSingle().Which.Should().BeEquivalentTo(new
        {
            Name = "crm",
            Url = new Uri("https://crm.example.com/hooks/invitations"),
            Secrets = new[] { "whsec_AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8=" },
            EventTypes = new[] { "INVITE_USER", "INVITE_ACCEPTED" },
            Enabled = false,
        });
    }

    [Fact]
    public async Task The_host_starts_with_every_option_valid()
    {
        await _host.StartAsync();
        await _host.StopAsync();
    }

    [Fact]
    public void Http_endpoints_bind() =>
        Options<InvitationEndpointOptions>().Should().BeEquivalentTo(new InvitationEndpointOptions
        {
            AdminPolicy = "Crm.Admins",
            RedemptionRateLimiterPolicy = "Crm.Invitees",
            RedemptionPermitLimit = 7,
            RedemptionWindow = TimeSpan.FromMinutes(2),
            AllowSubjectFromBody = true,
        });

    [Fact]
    public void Identity_accounts_bind() =>
        Options<InvitationAccountOptions>().Should().BeEquivalentTo(new InvitationAccountOptions
        {
            GroupClaimType = "groups",
            CustomFieldClaimPrefix = "crm:",
            OrganizationClaimType = "tenant",
            CreateMissingRoles = true,
            Provider = "crm",
            InterruptedAfter = TimeSpan.FromSeconds(150),
        });
}
