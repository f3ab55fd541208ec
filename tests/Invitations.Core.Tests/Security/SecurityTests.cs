using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Invitations.Core.Tests.Support;
using Invitations.Tokens;
using NodaTime;

namespace Invitations.Core.Tests.Security;

public sealed class SecurityTests
{
    private static readonly JsonSerializerOptions DataJson = new() { Converters = { new InstantJsonConverter() } };

    [Fact]
    public async Task Raw_tokens_never_reach_the_store_facts_logs_or_errors()
    {
        const int Count = 500;
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var tokens = new List<string>();
        var texts = new List<string>();
        var ids = new List<InvitationId>();
        void Keep(object? result) => texts.Add(result?.ToString() ?? string.Empty);

        for (var i = 0; i < Count; i++)
        {
            var invited = await host.InviteAsync(TestHost.Request($"sec{i}@example.com"));
            Keep(invited);
            ids.Add(invited.Invitation.Id);
            var token = TestHost.TokenOf(invited.Link!);
            tokens.Add(token);
            if (i % 5 == 0)
            {
                host.Clock.Advance(Duration.FromSeconds(1));
                var resent = await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);
                Keep(resent.Value);
                Keep(await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-old")));
                token = TestHost.TokenOf(resent.Value.Link!);
                tokens.Add(token);
            }

            Keep(await host.Redemption.PreviewAsync(token));
            Keep(await host.Redemption.AcceptAsync(token[..42] + "A", new AcceptRequest("sub-tampered")));
            switch (i % 5)
            {
                case 0:
                case 3:
                    Keep(await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-" + i)));
                    Keep(await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-again")));
                    break;
                case 1:
                    Keep(await host.Redemption.RejectAsync(token));
                    Keep(await host.Redemption.RejectAsync(token));
                    break;
                case 2:
                    Keep(await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin));
                    Keep(await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-revoked")));
                    break;
            }
        }

        host.Clock.Advance(Duration.FromDays(8));
        foreach (var token in tokens.Take(20))
        {
            Keep(await host.Redemption.AcceptAsync(token, new AcceptRequest("sub-late")));
        }

        var probes = Substrings(tokens, 12);
        var hits = new List<string>();
        void Scan(string where, string? text)
        {
            if (text is not null && FirstHit(text, probes) is { } hit)
            {
                hits.Add($"{where}: ...{hit}...");
            }
        }

        foreach (var id in ids)
        {
            var data = (await host.Store.FindAsync(id, default))!;
            Scan("store json", JsonSerializer.Serialize(data, DataJson));
            Scan("store record", data.ToString());
        }

        var outbox = host.MemoryStore.SnapshotOutbox();
        foreach (var item in outbox)
        {
            if (item.Fact is { } fact)
            {
                Scan("fact json", InvitationJson.SerializeFactToString(fact));
            }

            Scan("outbox error", item.LastError);
        }

        foreach (var fact in host.Sink.Facts)
        {
            Scan("delivered fact", InvitationJson.SerializeFactToString(fact));
        }

        foreach (var record in host.Logs.GetSnapshot())
        {
            Scan("log", record.Message);
            Scan("log exception", record.Exception?.ToString());
            Scan("log state", string.Join(";", record.StructuredState?.Select(kv => kv.Key + "=" + kv.Value) ?? []));
        }

        foreach (var text in texts)
        {
            Scan("result/error text", text);
        }

        hits.Should().BeEmpty();
        texts.Should().HaveCountGreaterThan(2000);
        outbox.Where(i => i.Kind == OutboxItemKind.Message).Should().OnlyContain(i => i.Message == null, "delivered messages drop their bodies");
        host.Sender.Sent.Count(m => FirstHit(m.TextBody, probes) != null).Should().Be(host.Sender.Sent.Count, "the scanner finds tokens where they belong: in the sent messages");
    }

    [Fact]
    public async Task Sender_failure_quoting_the_message_does_not_leak_the_token_into_logs_outbox_or_facts()
    {
        using var host = new TestHost(
            o =>
            {
                o.Delivery.RetrySchedule.Clear();
                o.Delivery.RetrySchedule.Add(TimeSpan.FromSeconds(1));
                o.Delivery.RetryJitter = 0;
            },
            b => b.AddMessageSender(new EchoingFailingSender()));
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        host.Clock.Advance(Duration.FromSeconds(1));
        await ((Invitations.Delivery.OutboxDispatcher)host.Services.GetService(typeof(Invitations.Delivery.OutboxDispatcher))!).DispatchAsync(null, default);

        var facts = await host.Manager.ListFactsAsync(invited.Invitation.Id);
        facts.Select(f => f.Type).Should().Contain(FactTypes.InviteDeliveryFailed, "the sender failed twice and the schedule allows one retry");
        var probes = Substrings([token], 12);
        var leaks = new List<string>();
        foreach (var fact in facts)
        {
            if (FirstHit(InvitationJson.SerializeFactToString(fact), probes) is not null)
            {
                leaks.Add($"fact {fact.Type}");
            }
        }

        foreach (var item in host.MemoryStore.SnapshotOutbox())
        {
            if (item.LastError is { } error && FirstHit(error, probes) is not null)
            {
                leaks.Add($"outbox {item.Kind} last_error");
            }
        }

        foreach (var record in host.Logs.GetSnapshot())
        {
            if (FirstHit(record.Message, probes) is not null)
            {
                leaks.Add($"log {record.Id.Name}");
            }
        }

        leaks.Should().BeEmpty("a live token must not reach a webhook, the store or a log, even when a sender's error quotes the message");
    }

    [Fact]
    public async Task Stored_token_digest_is_sha256_of_the_secret()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var token = TestHost.TokenOf(invited.Link!);
        var secret = Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + "=");

        var stored = (await host.Store.FindAsync(invited.Invitation.Id, default))!;

        stored.TokenHash.Should().Equal(SHA256.HashData(secret));
        stored.TokenHash.Should().NotEqual(secret);
        stored.TokenHash.Should().NotEqual(Encoding.ASCII.GetBytes(token));
    }

    [Fact]
    public async Task Logs_show_addresses_only_in_redacted_form()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var emails = Enumerable.Range(0, 50).Select(i => $"jane.doe{i}@example.com").ToList();
        foreach (var email in emails)
        {
            var invited = await host.InviteAsync(TestHost.Request(email));
            await host.Manager.ResendAsync(invited.Invitation.Id, TestHost.Admin);
            await host.Manager.RevokeAsync(invited.Invitation.Id, TestHost.Admin);
        }

        await host.Manager.InviteAsync(TestHost.Request("broken@@example.com"));
        var lines = host.Logs.GetSnapshot()
            .Select(r => r.Message + " " + string.Join(";", r.StructuredState?.Select(kv => kv.Value) ?? []))
            .ToList();

        lines.Should().NotBeEmpty();
        lines.Where(l => emails.Any(e => l.Contains(e, StringComparison.OrdinalIgnoreCase))).Should().BeEmpty();
        lines.Where(l => l.Contains("jane.doe", StringComparison.OrdinalIgnoreCase)).Should().BeEmpty();
        lines.Count(l => l.Contains("j***@example.com", StringComparison.Ordinal)).Should().BeGreaterThanOrEqualTo(50, "every creation is logged with the redacted address");
    }

    [Fact]
    public async Task Logs_show_mobile_numbers_only_in_redacted_form()
    {
        using var host = new TestHost();
        var invited = await host.Manager.InviteAsync(new InviteRequest { Inviter = TestHost.Admin, MobileNumber = "+49 151 12345678", GivenName = "Jane" });
        invited.IsSuccess.Should().BeTrue(invited.Error?.ToString());
        host.Sender.Sent.Should().ContainSingle().Which.To.Should().Be("+4915112345678");

        var lines = host.Logs.GetSnapshot().Select(r => r.Message).ToList();

        lines.Where(l => l.Contains("4915112345678", StringComparison.Ordinal) || l.Contains("12345678", StringComparison.Ordinal)).Should().BeEmpty();
        lines.Should().Contain(l => l.Contains("+49*********78", StringComparison.Ordinal), "the creation is logged with the redacted number");
    }

    [Fact]
    public async Task Delivered_outbox_keeps_no_message_body()
    {
        using var host = new TestHost(o => o.Delivery.Inline = false);
        var tokens = new List<string>();
        for (var i = 0; i < 20; i++)
        {
            tokens.Add(TestHost.TokenOf((await host.InviteAsync(TestHost.Request($"body{i}@example.com"))).Link!));
        }

        var pending = host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Message).ToList();
        pending.Should().HaveCount(20).And.OnlyContain(i => i.Message != null && i.Status == OutboxItemStatus.Pending);
        pending.Select(i => i.Message!.TextBody).Should().OnlyContain(b => tokens.Any(t => b.Contains(t, StringComparison.Ordinal)), "a queued message carries its link");

        var dispatcher = host.Services.GetService(typeof(Invitations.Delivery.OutboxDispatcher)) as Invitations.Delivery.OutboxDispatcher;
        await dispatcher!.DispatchAsync(null, default);

        host.MemoryStore.PendingOutboxCount.Should().Be(0);
        var done = host.MemoryStore.SnapshotOutbox().Where(i => i.Kind == OutboxItemKind.Message).ToList();
        done.Should().HaveCount(20).And.OnlyContain(i => i.Status == OutboxItemStatus.Delivered && i.Message == null);
        host.Sender.Sent.Should().HaveCount(20);
    }

    [Fact]
    public async Task Previewing_a_thousand_times_changes_nothing()
    {
        using var host = new TestHost();
        var invited = await host.InviteAsync();
        var id = invited.Invitation.Id;
        var token = TestHost.TokenOf(invited.Link!);
        var before = await host.Store.FindAsync(id, default);
        var outbox = host.MemoryStore.SnapshotOutbox().Count;

        for (var i = 0; i < 1000; i++)
        {
            (await host.Redemption.PreviewAsync(token)).IsSuccess.Should().BeTrue();
        }

        (await host.Store.FindAsync(id, default)).Should().BeSameAs(before);
        host.MemoryStore.SnapshotOutbox().Should().HaveCount(outbox);
        host.Sink.Facts.Should().HaveCount(1);
        host.Sender.Sent.Should().HaveCount(1);

        host.Clock.Advance(Duration.FromDays(8));
        for (var i = 0; i < 1000; i++)
        {
            (await host.Redemption.PreviewAsync(token)).Error!.Code.Should().Be(InvitationErrorCodes.InvitationExpired);
        }

        (await host.Store.FindAsync(id, default)).Should().BeSameAs(before, "observing an expiry does not persist it");
        host.MemoryStore.SnapshotOutbox().Should().HaveCount(outbox);
        (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub"))).Error!.Code.Should().Be(InvitationErrorCodes.InvitationExpired);
    }

    [Fact]
    public async Task Unknown_revoked_rejected_and_superseded_tokens_get_identical_answers()
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var revoked = await host.InviteAsync(TestHost.Request("revoked@example.com"));
        await host.Manager.RevokeAsync(revoked.Invitation.Id, TestHost.Admin);
        var rejected = await host.InviteAsync(TestHost.Request("rejected@example.com"));
        (await host.Redemption.RejectAsync(TestHost.TokenOf(rejected.Link!))).IsSuccess.Should().BeTrue();
        var superseded = await host.InviteAsync(TestHost.Request("superseded@example.com"));
        (await host.Manager.ResendAsync(superseded.Invitation.Id, TestHost.Admin)).IsSuccess.Should().BeTrue();

        var cases = new Dictionary<string, string>
        {
            ["unknown"] = InvitationToken.Create().Token,
            ["revoked"] = TestHost.TokenOf(revoked.Link!),
            ["rejected"] = TestHost.TokenOf(rejected.Link!),
            ["superseded"] = TestHost.TokenOf(superseded.Link!),
            ["malformed"] = "not-a-token",
        };

        var answers = new List<(string Case, string Op, InvitationError? Error)>();
        foreach (var (name, token) in cases)
        {
            answers.Add((name, "accept", (await host.Redemption.AcceptAsync(token, new AcceptRequest("sub"))).Error));
            answers.Add((name, "reject", (await host.Redemption.RejectAsync(token)).Error));
            answers.Add((name, "preview", (await host.Redemption.PreviewAsync(token)).Error));
        }

        var reference = answers[0].Error;
        reference!.Code.Should().Be(InvitationErrorCodes.InvalidToken);
        answers.Where(a => a.Error != reference || a.Error!.ToString() != reference.ToString())
            .Select(a => $"{a.Case}/{a.Op}: {a.Error}").Should().BeEmpty();
    }

    public static TheoryData<string, string> InjectionMatrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var field in new[] { "given_name", "family_name", "subject", "from_name", "title_text", "activation_button_text" })
        {
            foreach (var bad in new[] { "\r", "\n", "\r\n", "\0", "\u0085", "\u2028", "\u2029" })
            {
                data.Add(field, bad);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(InjectionMatrix))]
    public async Task Line_break_in_a_header_bound_field_is_refused_and_nothing_is_written(string field, string bad)
    {
        using var host = new TestHost();
        var value = "Jane" + bad + "Bcc: attacker@evil.example";
        var request = TestHost.Request();
        request = field switch
        {
            "given_name" => request with { GivenName = value },
            "family_name" => request with { FamilyName = value },
            "subject" => request with { Branding = new InvitationBranding { Subject = value } },
            "from_name" => request with { Branding = new InvitationBranding { FromName = value } },
            "title_text" => request with { Branding = new InvitationBranding { TitleText = value } },
            _ => request with { Branding = new InvitationBranding { ActivationButtonText = value } },
        };

        var result = await host.Manager.InviteAsync(request);

        result.IsSuccess.Should().BeFalse();
        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        result.Error.Field.Should().Be(field);
        AssertNothingWritten(host);
    }

    [Fact]
    public async Task Encoded_word_that_decodes_to_a_line_break_in_the_subject_is_refused()
    {
        // SECURITY.md §3.1 / checklist 13: RFC 2047 encoded-words decoding to CR/LF are header injection too.
        using var host = new TestHost();
        var request = TestHost.Request() with { Branding = new InvitationBranding { Subject = "Hi =?utf-8?Q?=0D=0A?=Bcc: attacker@evil.example" } };

        var result = await host.Manager.InviteAsync(request);

        result.IsSuccess.Should().BeFalse("an encoded CR/LF must not reach a subject header");
        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        AssertNothingWritten(host);
    }

    [Theory]
    [InlineData("Eve\r\nBcc: x@evil.example")]
    [InlineData("Eve\u2028Bcc")]
    public async Task Line_break_in_the_resending_actor_name_is_refused_and_nothing_is_written(string name)
    {
        using var host = new TestHost(o => o.Limits.ResendCooldown = TimeSpan.Zero);
        var invited = await host.InviteAsync();
        var before = await host.Store.FindAsync(invited.Invitation.Id, default);

        var result = await host.Manager.ResendAsync(invited.Invitation.Id, new InvitationActor("admin-9", name, ["admin"]));

        result.Error!.Code.Should().Be(InvitationErrorCodes.FieldInvalid);
        (await host.Store.FindAsync(invited.Invitation.Id, default)).Should().BeSameAs(before);
        host.Sender.Sent.Should().HaveCount(1);
    }

    private static void AssertNothingWritten(TestHost host)
    {
        host.MemoryStore.Count.Should().Be(0);
        host.MemoryStore.SnapshotOutbox().Should().BeEmpty();
        host.Sender.Sent.Should().BeEmpty();
        host.Sink.Facts.Should().BeEmpty();
    }

    private static HashSet<string> Substrings(IEnumerable<string> tokens, int length)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        foreach (var t in tokens)
        {
            for (var i = 0; i + length <= t.Length; i++)
            {
                set.Add(t.Substring(i, length));
            }
        }

        return set;
    }

    private static string? FirstHit(string text, HashSet<string> probes)
    {
        var lookup = probes.GetAlternateLookup<ReadOnlySpan<char>>();
        for (var i = 0; i + 12 <= text.Length; i++)
        {
            if (lookup.Contains(text.AsSpan(i, 12)))
            {
                return text.Substring(i, 12);
            }
        }

        return null;
    }
}
