using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using MimeKit;

namespace Invitations.MailKit.Tests;

public sealed class SmtpMessageSenderTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    [Fact]
    public async Task Sends_multipart_alternative_with_text_and_html_bodies_containing_the_link()
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email();

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.Delivered);
        var (_, mime) = server.Single(message.MessageId);
        mime.Body.Should().BeOfType<MultipartAlternative>();
        var parts = ((MultipartAlternative)mime.Body!).OfType<TextPart>().ToList();
        parts.Select(p => p.ContentType.MimeType).Should().Equal("text/plain", "text/html");
        mime.TextBody!.ReplaceLineEndings("\n").Should().Be(message.TextBody).And.Contain(TestMessages.Link);
        mime.HtmlBody.Should().Be(message.HtmlBody).And.Contain($"href=\"{TestMessages.Link}\"");
    }

    [Fact]
    public async Task Sets_from_to_subject_reply_to_content_language_and_message_id_headers()
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.AllowMessageOverrides = MailSenderOverrides.FromName | MailSenderOverrides.ReplyTo);
        var message = TestMessages.Email();

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (raw, mime) = server.Single(message.MessageId);
        mime.From.Mailboxes.Should().ContainSingle().Which.Should().Match<MailboxAddress>(m => m.Address == "invitations@acme.example" && m.Name == "Acme Portal");
        mime.To.Mailboxes.Should().ContainSingle().Which.Should().Match<MailboxAddress>(m => m.Address == "jane.doe@example.org" && m.Name == "Jane Doe");
        mime.ReplyTo.Mailboxes.Should().ContainSingle().Which.Address.Should().Be("support@acme.example");
        mime.Subject.Should().Be("Einladung für Zoë zu Acme");
        mime.MessageId.Should().Be($"{message.MessageId}@acme.example");
        mime.Body!.Headers[HeaderId.ContentLanguage].Should().Be("de-CH");
        raw.Should().Contain("Content-Language: de-CH");
        raw.Should().ContainEquivalentOf($"Message-ID: <{message.MessageId}@acme.example>");
    }

    [Fact]
    public async Task Uses_the_configured_from_name_and_reply_to_when_the_message_has_none()
    {
        await using var sender = TestMessages.Sender(server.Port, o => o.ReplyTo = "help@acme.example");
        var message = TestMessages.Email() with { FromName = null, ReplyTo = null };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (_, mime) = server.Single(message.MessageId);
        mime.From.Mailboxes.Single().Name.Should().Be("Acme Invitations");
        mime.ReplyTo.Mailboxes.Single().Address.Should().Be("help@acme.example");
    }

    [Fact]
    public async Task Sends_a_single_text_plain_part_when_there_is_no_html_body()
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email() with { HtmlBody = null };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (_, mime) = server.Single(message.MessageId);
        mime.Body.Should().BeOfType<TextPart>().Which.ContentType.MimeType.Should().Be("text/plain");
        mime.TextBody.Should().Contain(TestMessages.Link);
        mime.HtmlBody.Should().BeNull();
    }

    [Fact]
    public async Task Two_sends_of_the_same_message_carry_the_same_message_id()
    {
        var message = TestMessages.Email();
        await using (var first = TestMessages.Sender(server.Port))
        {
            (await first.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();
        }

        await using (var second = TestMessages.Sender(server.Port))
        {
            (await second.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();
        }

        var raws = server.RawMessagesWithId(message.MessageId);
        raws.Should().HaveCount(2);
        raws.Select(r => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(r))).MessageId)
            .Should().AllBe($"{message.MessageId}@acme.example");
    }

    [Fact]
    public async Task A_message_id_that_is_not_dot_atom_text_becomes_a_stable_hash()
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email(messageId: "outbox item 42 <x>");

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();
        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var ids = server.AllRawMessages()
            .Select(r => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(r))))
            .Where(m => m.MessageId is not null && m.MessageId.StartsWith('h') && m.MessageId.EndsWith("@acme.example", StringComparison.Ordinal))
            .Select(m => m.MessageId)
            .ToList();
        ids.Should().HaveCount(2).And.OnlyContain(id => id == ids[0]);
        ids[0].Should().MatchRegex("^h[0-9a-f]{64}@acme\\.example$");
    }

    [Fact]
    public async Task Adds_extra_headers()
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email() with
        {
            Headers = new Dictionary<string, string> { ["X-Invitation-Campaign"] = "spring-2026", ["List-Unsubscribe"] = "<mailto:unsub@acme.example>" },
        };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (_, mime) = server.Single(message.MessageId);
        mime.Headers["X-Invitation-Campaign"].Should().Be("spring-2026");
        mime.Headers["List-Unsubscribe"].Should().Be("<mailto:unsub@acme.example>");
    }

    public static TheoryData<string, Func<OutgoingMessage, OutgoingMessage>> Injections => new()
    {
        { "CRLF in ToName", m => m with { ToName = "Jane\r\nX-Injected: yes" } },
        { "LF in ToName", m => m with { ToName = "Jane\nX-Injected: yes" } },
        { "CR in FromName", m => m with { FromName = "Acme\rX-Injected: yes" } },
        { "CRLF in Subject", m => m with { Subject = "Hello\r\nX-Injected: yes" } },
        { "CRLF CRLF in Subject (body injection)", m => m with { Subject = "Hello\r\n\r\nfake body" } },
        { "NUL in Subject", m => m with { Subject = "Hello\0X-Injected: yes" } },
        { "U+0085 in Subject", m => m with { Subject = "Hello\u0085X-Injected: yes" } },
        { "U+2028 in ToName", m => m with { ToName = "Jane\u2028X-Injected: yes" } },
        { "U+2029 in FromName", m => m with { FromName = "Acme\u2029X-Injected: yes" } },
        { "CRLF in extra header value", m => m with { Headers = new Dictionary<string, string> { ["X-Campaign"] = "a\r\nX-Injected: yes" } } },
        { "encoded-word decoding to CRLF in Subject", m => m with { Subject = "=?utf-8?Q?Hello=0D=0AX-Injected:_yes?=" } },
        { "CRLF in ReplyTo", m => m with { ReplyTo = "a@b.example\r\nX-Injected: yes" } },
        { "CRLF in To", m => m with { To = "jane@example.org\r\nX-Injected: yes" } },
        { "CRLF in Locale", m => m with { Locale = "de\r\nX-Injected: yes" } },
    };

    [Theory]
    [MemberData(nameof(Injections))]
    public async Task Refuses_header_injection_as_a_permanent_failure_and_sends_nothing(string _, Func<OutgoingMessage, OutgoingMessage> inject)
    {
        // The message's FromName and ReplyTo reach the headers only when the host allows them: allow them here.
        await using var sender = TestMessages.Sender(server.Port, o => o.AllowMessageOverrides = MailSenderOverrides.FromName | MailSenderOverrides.ReplyTo);
        var message = inject(TestMessages.Email());

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().Contain("refused").And.NotContain("X-Injected");
        server.RawMessagesWithId(message.MessageId).Should().BeEmpty();
        server.AllRawMessages().Should().NotContain(raw => raw.Contains("\nX-Injected:", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Non_ascii_names_and_subjects_are_encoded_and_cannot_add_headers()
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email() with { ToName = "Zoë: X-Injected: yes", Subject = "Grüße X-Injected: yes" };

        (await sender.SendAsync(message, CancellationToken.None)).IsDelivered.Should().BeTrue();

        var (raw, mime) = server.Single(message.MessageId);
        raw.Split("\r\n").Should().NotContain(line => line.StartsWith("X-Injected", StringComparison.OrdinalIgnoreCase));
        mime.Headers.Contains("X-Injected").Should().BeFalse();
        mime.To.Mailboxes.Single().Name.Should().Be("Zoë: X-Injected: yes");
        mime.Subject.Should().Be("Grüße X-Injected: yes");
    }

    [Theory]
    [InlineData("From")]
    [InlineData("to")]
    [InlineData("Bcc")]
    [InlineData("Subject")]
    [InlineData("Message-ID")]
    [InlineData("Reply-To")]
    [InlineData("Content-Type")]
    [InlineData("Content-Transfer-Encoding")]
    [InlineData("Resent-To")]
    public async Task Refuses_extra_headers_that_override_headers_the_sender_owns(string name)
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email() with { Headers = new Dictionary<string, string> { [name] = "attacker@evil.example" } };

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        server.RawMessagesWithId(message.MessageId).Should().BeEmpty();
    }

    [Theory]
    [InlineData("X Bad")]
    [InlineData("X:Bad")]
    [InlineData("")]
    [InlineData("X-Ünicode")]
    [InlineData("X-Bad\r\nX-Injected")]
    public async Task Refuses_extra_header_names_that_are_not_rfc5322_field_names(string name)
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email() with { Headers = new Dictionary<string, string> { [name] = "value" } };

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        server.RawMessagesWithId(message.MessageId).Should().BeEmpty();
    }

    [Theory]
    [InlineData("a@example.org, b@example.org")]
    [InlineData("Jane <jane@example.org>")]
    [InlineData("jane")]
    [InlineData("")]
    public async Task Refuses_a_recipient_that_is_not_one_plain_address(string to)
    {
        await using var sender = TestMessages.Sender(server.Port);
        var message = TestMessages.Email() with { To = to };

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().Contain("recipient");
    }

    [Fact]
    public async Task A_451_reply_to_rcpt_is_a_transient_failure_with_the_servers_reply()
    {
        await using var sender = TestMessages.Sender(server.Port);

        var result = await sender.SendAsync(TestMessages.Email(to: "tempfail@example.org"), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("451").And.Contain("4.3.0 try again later");
    }

    [Fact]
    public async Task A_550_reply_to_rcpt_is_a_permanent_failure_with_the_servers_reply()
    {
        await using var sender = TestMessages.Sender(server.Port);

        var result = await sender.SendAsync(TestMessages.Email(to: "permfail@example.org"), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
        result.Detail.Should().StartWith("550").And.Contain("5.1.1 mailbox unavailable");
    }

    [Fact]
    public async Task A_451_reply_to_data_is_transient_and_a_554_reply_to_data_is_permanent()
    {
        await using var sender = TestMessages.Sender(server.Port);

        var temp = await sender.SendAsync(TestMessages.Email(to: "tempfail-data@example.org"), CancellationToken.None);
        var perm = await sender.SendAsync(TestMessages.Email(to: "permfail-data@example.org"), CancellationToken.None);

        temp.Status.Should().Be(DeliveryStatus.TransientFailure);
        temp.Detail.Should().Contain("451");
        perm.Status.Should().Be(DeliveryStatus.PermanentFailure);
        perm.Detail.Should().StartWith("554").And.Contain("5.6.0 message refused");
    }

    [Fact]
    public async Task A_refused_recipient_does_not_cost_the_connection()
    {
        await using var sender = TestMessages.Sender(server.Port);
        (await sender.SendAsync(TestMessages.Email(), CancellationToken.None)).IsDelivered.Should().BeTrue();
        var before = server.ConnectionCount();

        (await sender.SendAsync(TestMessages.Email(to: "permfail@example.org"), CancellationToken.None)).Status.Should().Be(DeliveryStatus.PermanentFailure);
        (await sender.SendAsync(TestMessages.Email(to: "tempfail@example.org"), CancellationToken.None)).Status.Should().Be(DeliveryStatus.TransientFailure);
        (await sender.SendAsync(TestMessages.Email(), CancellationToken.None)).IsDelivered.Should().BeTrue();

        server.ConnectionCount().Should().Be(before);
    }

    [Fact]
    public async Task Twenty_sends_use_one_connection()
    {
        var before = server.ConnectionCount();
        await using (var sender = TestMessages.Sender(server.Port))
        {
            for (var i = 0; i < 20; i++)
            {
                (await sender.SendAsync(TestMessages.Email(), CancellationToken.None)).IsDelivered.Should().BeTrue();
            }
        }

        server.ConnectionCount().Should().Be(before + 1);
    }

    [Fact]
    public async Task Concurrent_sends_share_one_connection()
    {
        var before = server.ConnectionCount();
        await using (var sender = TestMessages.Sender(server.Port))
        {
            var messages = Enumerable.Range(0, 10).Select(_ => TestMessages.Email()).ToList();
            var results = await Task.WhenAll(messages.Select(m => sender.SendAsync(m, CancellationToken.None).AsTask()));
            results.Should().OnlyContain(r => r.IsDelivered);
            messages.Should().OnlyContain(m => server.RawMessagesWithId(m.MessageId).Count == 1);
        }

        server.ConnectionCount().Should().Be(before + 1);
    }

    [Fact]
    public async Task A_connection_closed_by_the_server_is_a_transient_failure_and_the_next_send_reconnects()
    {
        await using var sender = TestMessages.Sender(server.Port);
        (await sender.SendAsync(TestMessages.Email(), CancellationToken.None)).IsDelivered.Should().BeTrue();
        var before = server.ConnectionCount();

        var dropped = await sender.SendAsync(TestMessages.Email(to: "disconnect@example.org"), CancellationToken.None);
        var next = TestMessages.Email();
        var after = await sender.SendAsync(next, CancellationToken.None);

        dropped.Status.Should().Be(DeliveryStatus.TransientFailure);
        dropped.Detail.Should().Contain("421");
        after.IsDelivered.Should().BeTrue();
        server.RawMessagesWithId(next.MessageId).Should().ContainSingle();
        // The 421 on the reused connection is retried once on a fresh one (it may have been an idle timeout);
        // that one gets 421 too and is closed, so the next message needs a third connection.
        server.ConnectionCount().Should().Be(before + 2);
    }

    [Fact]
    public async Task Connection_refused_is_a_transient_failure()
    {
        await using var sender = TestMessages.Sender(SmtpServerFixture.FreePort());

        var result = await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("ConnectionRefused");
    }

    [Fact]
    public async Task A_server_that_never_answers_is_a_transient_timeout()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        // Keep the accepted socket rooted: a collected TcpClient is finalized and resets the connection.
        var accepting = silent.AcceptTcpClientAsync();
        await using var sender = TestMessages.Sender(port, o => o.Timeout = TimeSpan.FromSeconds(1));
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var result = await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("timed out");
        watch.Elapsed.Should().BeLessThan(TimeSpan.FromSeconds(30), "the configured 1 s timeout bounds the wait");
        (await accepting).Dispose();
    }

    [Fact]
    public async Task Cancellation_by_the_caller_throws_instead_of_reporting_a_failure()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var port = ((IPEndPoint)silent.LocalEndpoint).Port;
        // Keep the accepted socket rooted: a collected TcpClient is finalized and resets the connection.
        var accepting = silent.AcceptTcpClientAsync();
        await using var sender = TestMessages.Sender(port);
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        Exception? thrown = null;
        DeliveryResult? result = null;
        try
        {
            result = await sender.SendAsync(TestMessages.Email(), cts.Token);
        }
        catch (Exception ex)
        {
            thrown = ex;
        }

        thrown.Should().BeAssignableTo<OperationCanceledException>($"no result should come back, but got {result}");
        (await accepting).Dispose();
    }

    [Fact]
    public async Task Sends_only_email()
    {
        await using var sender = TestMessages.Sender(server.Port);

        sender.CanSend(MessageChannel.Email).Should().BeTrue();
        sender.CanSend(MessageChannel.Sms).Should().BeFalse();
        var result = await sender.SendAsync(TestMessages.Email() with { Channel = MessageChannel.Sms, To = "+41791234567" }, CancellationToken.None);
        result.Status.Should().Be(DeliveryStatus.PermanentFailure);
    }

    [Fact]
    public async Task Logs_name_the_recipient_only_redacted_and_never_contain_the_body_or_link()
    {
        var logger = new FakeLogger<SmtpMessageSender>();
        await using var sender = TestMessages.Sender(server.Port, logger: logger);

        await sender.SendAsync(TestMessages.Email(), CancellationToken.None);
        await sender.SendAsync(TestMessages.Email(to: "permfail@example.org"), CancellationToken.None);
        await sender.SendAsync(TestMessages.Email() with { Subject = "x\r\ny" }, CancellationToken.None);

        var lines = logger.Collector.GetSnapshot().Select(r => r.Message).ToList();
        lines.Should().Contain(l => l.Contains("j***@example.org", StringComparison.Ordinal));
        lines.Should().Contain(l => l.Contains("p***@example.org", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("jane.doe@", StringComparison.Ordinal) || l.Contains("permfail@", StringComparison.Ordinal));
        lines.Should().NotContain(l => l.Contains("token=", StringComparison.Ordinal) || l.Contains("registriere", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Throws_after_disposal()
    {
        var sender = TestMessages.Sender(server.Port);
        await sender.DisposeAsync();

        var act = async () => await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        await act.Should().ThrowAsync<ObjectDisposedException>();
    }
}

public sealed class SmtpReconnectTests(SmtpServerFixture server) : IClassFixture<SmtpServerFixture>
{
    [Fact]
    public async Task A_connection_the_server_silently_closed_is_replaced_within_the_same_send()
    {
        await using var sender = TestMessages.Sender(server.Port);
        var before = server.ConnectionCount();
        (await sender.SendAsync(TestMessages.Email(to: "close-after@example.org"), CancellationToken.None)).IsDelivered.Should().BeTrue();
        await Task.Delay(300);
        var next = TestMessages.Email();

        var result = await sender.SendAsync(next, CancellationToken.None);

        result.IsDelivered.Should().BeTrue(result.Detail);
        server.RawMessagesWithId(next.MessageId).Should().ContainSingle();
        server.ConnectionCount().Should().Be(before + 2);
    }
}
