using Invitations.Core.Tests.Support;
using NodaTime;

namespace Invitations.Core.Tests.Errors;

/// <summary>Every error code, with the input that causes it, and proof that nothing was written when it failed.</summary>
public sealed class ErrorCodeTests
{
    public static TheoryData<string, Func<InviteRequest, InviteRequest>, string> InviteErrors => new()
    {
        { "no address", r => r with { Email = null }, InvitationErrorCodes.EmailMissing },
        { "blank address", r => r with { Email = "   " }, InvitationErrorCodes.EmailMissing },
        { "malformed e-mail", r => r with { Email = "not-an-email" }, InvitationErrorCodes.EmailInvalid },
        { "display name trick", r => r with { Email = "testing address@hotmail.com" }, InvitationErrorCodes.EmailInvalid },
        { "comma list", r => r with { Email = "a@c.com, b@d.com" }, InvitationErrorCodes.EmailInvalid },
        { "malformed personal e-mail", r => r with { PersonalEmail = "x@" }, InvitationErrorCodes.EmailInvalid },
        { "malformed phone", r => r with { Email = null, MobileNumber = "+12" }, InvitationErrorCodes.MobileNumberInvalid },
        { "sms without phone", r => r with { Channel = MessageChannel.Sms }, InvitationErrorCodes.MobileNumberInvalid },
        { "line break in name", r => r with { GivenName = "Jane\r\nBcc: x@evil.com" }, InvitationErrorCodes.FieldInvalid },
        { "U+2028 in subject", r => r with { Branding = new InvitationBranding { Subject = "Hi\u2028there" } }, InvitationErrorCodes.FieldInvalid },
        { "javascript header image", r => r with { Branding = new InvitationBranding { HeaderImage = "javascript:alert(1)" } }, InvitationErrorCodes.FieldInvalid },
        { "bad custom field key", r => r with { CustomFields = new Dictionary<string, string> { ["a b"] = "x" } }, InvitationErrorCodes.FieldInvalid },
        { "bad locale", r => r with { Locale = "de_CH<" }, InvitationErrorCodes.FieldInvalid },
        { "unknown time zone", r => r with { TimeZone = "Mars/Olympus" }, InvitationErrorCodes.FieldInvalid },
        { "unknown template key", r => r with { TemplateKey = "NO_SUCH_TEMPLATE" }, InvitationErrorCodes.TemplateNotFound },
        { "lifetime too short", r => r with { Lifetime = Duration.FromMinutes(5) }, InvitationErrorCodes.LifetimeOutOfRange },
        { "lifetime too long", r => r with { Lifetime = Duration.FromDays(31) }, InvitationErrorCodes.LifetimeOutOfRange },
        { "redirect not allow-listed", r => r with { RedirectLink = "https://evil.example/" }, InvitationErrorCodes.RedirectNotAllowed },
        { "redirect case variant", r => r with { RedirectLink = "https://APP.example.com/welcome" }, InvitationErrorCodes.RedirectNotAllowed },
        { "redirect userinfo trick", r => r with { RedirectLink = "https://app.example.com@evil.com/welcome" }, InvitationErrorCodes.RedirectNotAllowed },
        { "link target not allow-listed", r => r with { LinkTarget = "https://app.example.com/login/../admin" }, InvitationErrorCodes.RedirectNotAllowed },
        { "unknown client", r => r with { ClientId = "mobile" }, InvitationErrorCodes.ClientNotFound },
        { "inviter without role", r => r with { Inviter = new InvitationActor("u1", "U", ["viewer"]) }, InvitationErrorCodes.Forbidden },
        { "inviter without id", r => r with { Inviter = new InvitationActor("", null, ["admin"]) }, InvitationErrorCodes.FieldInvalid },
        { "idempotency key too long", r => r with { IdempotencyKey = new string('k', 256) }, InvitationErrorCodes.IdempotencyKeyInvalid },
        { "idempotency key with space", r => r with { IdempotencyKey = "a b" }, InvitationErrorCodes.IdempotencyKeyInvalid },
    };

    [Theory]
    [MemberData(nameof(InviteErrors))]
    public async Task Invalid_invite_returns_its_error_code_and_writes_nothing(string because, Func<InviteRequest, InviteRequest> change, string expectedCode)
    {
        using var host = new TestHost();
        var result = await host.Manager.InviteAsync(change(TestHost.Request()));

        result.IsSuccess.Should().BeFalse(because);
        result.Error!.Code.Should().Be(expectedCode, because);
        result.Error.Message.Should().NotBeNullOrWhiteSpace();
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task Missing_email_uses_the_onelogin_message()
    {
        using var host = new TestHost();
        var result = await host.Manager.InviteAsync(TestHost.Request() with { Email = null });
        result.Error!.Message.Should().Be("Email Parameter is missing");
    }

    [Fact]
    public async Task Malformed_email_uses_the_onelogin_message()
    {
        using var host = new TestHost();
        var result = await host.Manager.InviteAsync(TestHost.Request("jane@@example.com"));
        result.Error!.Message.Should().Be("Email Input is in incorrect format");
    }

    [Fact]
    public async Task Unknown_template_key_uses_the_cidaas_message()
    {
        using var host = new TestHost();
        var result = await host.Manager.InviteAsync(TestHost.Request() with { TemplateKey = "CRM_INVITE" });
        result.Error!.Message.Should().Be("invalid template key used to invite user");
    }

    [Fact]
    public async Task Inviter_quota_returns_rate_limited_and_writes_nothing_more()
    {
        using var host = new TestHost(o => o.Inviters.MaxInvitationsPerWindow = 2);
        await host.InviteAsync(TestHost.Request("a@example.com"));
        await host.InviteAsync(TestHost.Request("b@example.com"));
        var before = Snapshot(host);

        var third = await host.Manager.InviteAsync(TestHost.Request("c@example.com"));

        third.Error!.Code.Should().Be(InvitationErrorCodes.RateLimited);
        Snapshot(host).Should().Be(before);

        host.Clock.Advance(Duration.FromDays(1));
        (await host.Manager.InviteAsync(TestHost.Request("c@example.com"))).IsSuccess.Should().BeFalse("the window includes its first instant");
        host.Clock.Advance(Duration.FromSeconds(1));
        (await host.Manager.InviteAsync(TestHost.Request("c@example.com"))).IsSuccess.Should().BeTrue("the quota window has passed");
    }

    [Fact]
    public async Task Resend_within_cooldown_returns_resend_cooldown_and_keeps_the_token()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var before = Snapshot(host);

        var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);

        resent.Error!.Code.Should().Be(InvitationErrorCodes.ResendCooldown);
        Snapshot(host).Should().Be(before);
        (await host.Redemption.PreviewAsync(TestHost.TokenOf(invited.Link!))).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Resend_beyond_the_limit_returns_resend_limit_reached()
    {
        using var host = new TestHost(o => { o.Limits.MaxResends = 2; o.Limits.ResendCooldown = TimeSpan.Zero; });
        var id = (await host.InviteAsync()).Invitation.Id;
        (await host.Manager.ResendAsync(id, TestHost.Admin)).IsSuccess.Should().BeTrue();
        (await host.Manager.ResendAsync(id, TestHost.Admin)).IsSuccess.Should().BeTrue();
        var before = Snapshot(host);

        (await host.Manager.ResendAsync(id, TestHost.Admin)).Error!.Code.Should().Be(InvitationErrorCodes.ResendLimitReached);
        Snapshot(host).Should().Be(before);
    }

    [Fact]
    public async Task Duplicate_pending_with_error_policy_returns_duplicate_pending()
    {
        using var host = new TestHost(o => o.DuplicatePending = DuplicatePendingBehavior.Error);
        await host.InviteAsync();
        var before = Snapshot(host);

        var second = await host.Manager.InviteAsync(TestHost.Request("JANE.DOE@EXAMPLE.COM"));

        second.Error!.Code.Should().Be(InvitationErrorCodes.DuplicatePending);
        Snapshot(host).Should().Be(before);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Registered_user_returns_user_already_registered(bool directoryInstance)
    {
        using var host = new TestHost(adapters: b => _ = directoryInstance ? b.UseUserDirectory(new RegisteredJane()) : b.UseUserDirectory<RegisteredJane>());
        var result = await host.Manager.InviteAsync(TestHost.Request());
        result.Error!.Code.Should().Be(InvitationErrorCodes.UserAlreadyRegistered);
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task Unknown_id_returns_invitation_not_found()
    {
        using var host = new TestHost();
        var id = new InvitationId(Guid.NewGuid());
        (await host.Manager.GetAsync(id)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationNotFound);
        (await host.Manager.RevokeAsync(id, TestHost.Admin)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationNotFound);
        (await host.Manager.ResendAsync(id, TestHost.Admin)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationNotFound);
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task Expired_token_returns_invitation_expired_and_emits_no_acceptance()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        host.Clock.Advance(Duration.FromDays(7));
        var before = Snapshot(host);

        var result = await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("sub-1"));

        result.Error!.Code.Should().Be(InvitationErrorCodes.InvitationExpired);
        Snapshot(host).Should().Be(before);
        host.Sink.Facts.Should().NotContain(f => f.Type == FactTypes.InviteAccepted);
    }

    [Fact]
    public async Task Reused_token_returns_invitation_already_accepted()
    {
        using var host = new TestHost();
        var token = TestHost.TokenOf((await host.InviteAsync()).Link!);
        (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1"))).IsSuccess.Should().BeTrue();
        var before = Snapshot(host);

        var again = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-2"));

        again.Error!.Code.Should().Be(InvitationErrorCodes.InvitationAlreadyAccepted);
        Snapshot(host).Should().Be(before);
    }

    [Fact]
    public async Task Revoked_invitation_token_returns_invalid_token_like_an_unknown_one()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        (await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin)).IsSuccess.Should().BeTrue();

        var revoked = await host.Redemption.AcceptAsync(TestHost.TokenOf(invited.Link!), new AcceptRequest("sub-1"));
        var unknown = await host.Redemption.AcceptAsync(new string('A', 43), new AcceptRequest("sub-1"));

        revoked.Error.Should().Be(unknown.Error);
        revoked.Error!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
    }

    [Fact]
    public async Task Revoking_twice_returns_invalid_state_transition()
    {
        using var host = new TestHost();
        var id = (await host.InviteAsync()).Invitation.Id;
        (await host.Manager.RevokeAsync(id, TestHost.Admin)).IsSuccess.Should().BeTrue();
        var before = Snapshot(host);

        (await host.Manager.RevokeAsync(id, TestHost.Admin)).Error!.Code.Should().Be(InvitationErrorCodes.InvalidStateTransition);
        Snapshot(host).Should().Be(before);
    }

    [Fact]
    public async Task Stale_version_returns_concurrency_conflict()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await host.InviteAsync();
        var version = invited.Invitation.Version;
        (await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin, version)).IsSuccess.Should().BeTrue();
        var before = Snapshot(host);

        var stale = await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin, version);

        stale.Error!.Code.Should().Be(InvitationErrorCodes.ConcurrencyConflict);
        Snapshot(host).Should().Be(before);
    }

    [Fact]
    public async Task Accepting_with_another_email_when_same_email_is_required_returns_same_email_required()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync(TestHost.Request() with { AllowSameEmailOnly = true });
        var token = TestHost.TokenOf(invited.Link!);
        var before = Snapshot(host);

        var other = await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1") { Email = "mallory@example.com" });

        other.Error!.Code.Should().Be(InvitationErrorCodes.SameEmailRequired);
        Snapshot(host).Should().Be(before);
        (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-1") { Email = "Jane.Doe@EXAMPLE.com" })).IsSuccess.Should().BeTrue();
    }

    [Fact]
    public async Task Idempotency_key_with_same_payload_replays_and_with_other_payload_is_refused()
    {
        using var host = new TestHost();
        var request = TestHost.Request() with { IdempotencyKey = "order-42" };
        var first = await host.InviteAsync(request);

        var replay = await host.Manager.InviteAsync(request);
        replay.Value.Status.Should().Be(InviteStatus.Replayed);
        replay.Value.Invitation.Id.Should().Be(first.Invitation.Id);
        replay.Value.Link.Should().BeNull("the token is shown once");
        var before = Snapshot(host);

        var mismatch = await host.Manager.InviteAsync(request with { Groups = ["admins"] });
        mismatch.Error!.Code.Should().Be(InvitationErrorCodes.IdempotencyKeyReused);
        Snapshot(host).Should().Be(before);
        host.MemoryStore.Count.Should().Be(1);
    }

    [Fact]
    public async Task Bad_cursor_and_page_size_return_field_invalid()
    {
        using var host = new TestHost();
        (await host.Manager.FindAsync(new InvitationSearch { Cursor = "garbage" })).Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        (await host.Manager.FindAsync(new InvitationSearch { PageSize = 0 })).Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
    }

    internal static (int Invitations, int Outbox, int Sent, int Facts, string Versions) Snapshot(TestHost host) =>
        (host.MemoryStore.Count, host.MemoryStore.SnapshotOutbox().Count, host.Sender.Sent.Count, host.Sink.Facts.Count,
         string.Join(",", host.MemoryStore.SnapshotOutbox().Select(i => i.InvitationId).Distinct().Select(id => host.Store.FindAsync(id, default).AsTask().Result?.Version)));

    private static void AssertNothingWritten(TestHost host)
    {
        host.MemoryStore.Count.Should().Be(0);
        host.MemoryStore.SnapshotOutbox().Should().BeEmpty();
        host.Sender.Sent.Should().BeEmpty();
        host.Sink.Facts.Should().BeEmpty();
    }

    private sealed class RegisteredJane : IUserDirectory
    {
        public ValueTask<bool> IsRegisteredAsync(string address, MessageChannel channel, CancellationToken cancellationToken) =>
            new(address == "jane.doe@example.com");
    }
}
