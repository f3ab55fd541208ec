namespace Invitations.MailKit.Tests;

public sealed class SmtpAuthenticationTests(AuthSmtpServerFixture server) : IClassFixture<AuthSmtpServerFixture>
{
    [Fact]
    public async Task Authenticates_once_and_delivers()
    {
        await using var sender = TestMessages.Sender(server.Port, o => (o.UserName, o.Password) = ("inviter", "s3cret"));
        var first = TestMessages.Email();

        (await sender.SendAsync(first, CancellationToken.None)).IsDelivered.Should().BeTrue();
        (await sender.SendAsync(TestMessages.Email(), CancellationToken.None)).IsDelivered.Should().BeTrue();

        server.RawMessagesWithId(first.MessageId).Should().ContainSingle();
        File.ReadAllText(Path.Combine(server.Directory, "0001.json")).Should().Contain("\"authenticated\": true");
    }

    [Fact]
    public async Task Wrong_credentials_are_a_transient_failure_that_names_authentication()
    {
        await using var sender = TestMessages.Sender(server.Port, o => (o.UserName, o.Password) = ("inviter", "wrong"));

        var result = await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("authentication").And.NotContain("wrong");
    }

    [Fact]
    public async Task Missing_credentials_when_the_server_requires_auth_is_a_failure_not_a_delivery()
    {
        await using var sender = TestMessages.Sender(server.Port);

        var result = await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("Authentication required");
    }
}

public sealed class SmtpStartTlsTests(TlsSmtpServerFixture server) : IClassFixture<TlsSmtpServerFixture>
{
    [Fact]
    public async Task Delivers_over_starttls_when_the_certificate_is_trusted_by_the_callback()
    {
        await using var sender = TestMessages.Sender(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.CheckCertificateRevocation = false;
            o.ServerCertificateValidationCallback = (_, cert, _, _) =>
                cert is not null && string.Equals(cert.GetCertHashString(), server.CertificateThumbprint, StringComparison.OrdinalIgnoreCase);
        });
        var message = TestMessages.Email();

        var result = await sender.SendAsync(message, CancellationToken.None);

        result.IsDelivered.Should().BeTrue(result.Detail);
        server.RawMessagesWithId(message.MessageId).Should().ContainSingle();
    }

    [Fact]
    public async Task An_untrusted_certificate_is_a_transient_tls_failure()
    {
        await using var sender = TestMessages.Sender(server.Port, o =>
        {
            o.Security = SmtpSecurity.StartTls;
            o.CheckCertificateRevocation = false;
        });

        var result = await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("TLS");
    }

    [Fact]
    public async Task Plain_text_to_a_server_that_requires_starttls_is_not_delivered()
    {
        await using var sender = TestMessages.Sender(server.Port);

        var result = await sender.SendAsync(TestMessages.Email(), CancellationToken.None);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("STARTTLS");
    }
}
