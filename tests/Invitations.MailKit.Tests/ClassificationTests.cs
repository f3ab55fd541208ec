using System.Net.Sockets;
using MailKit;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Invitations.MailKit.Tests;

public sealed class ClassificationTests
{
    public static TheoryData<Exception, DeliveryStatus> Cases => new()
    {
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress("", "a@b.example"), "5.1.1 mailbox unavailable"), DeliveryStatus.PermanentFailure },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxNameNotAllowed, new MailboxAddress("", "a@b.example"), "5.1.3 bad address"), DeliveryStatus.PermanentFailure },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.TransactionFailed, "5.7.1 rejected as spam"), DeliveryStatus.PermanentFailure },
        { new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxBusy, new MailboxAddress("", "a@b.example"), "4.2.0 greylisted"), DeliveryStatus.TransientFailure },
        { new SmtpCommandException(SmtpErrorCode.MessageNotAccepted, SmtpStatusCode.InsufficientStorage, "4.3.1 insufficient storage"), DeliveryStatus.TransientFailure },
        { new SmtpCommandException(SmtpErrorCode.UnexpectedStatusCode, SmtpStatusCode.ServiceNotAvailable, "4.3.2 shutting down"), DeliveryStatus.TransientFailure },
        { new SmtpProtocolException("garbled reply"), DeliveryStatus.TransientFailure },
        { new SocketException((int)SocketError.ConnectionRefused), DeliveryStatus.TransientFailure },
        { new SocketException((int)SocketError.HostNotFound), DeliveryStatus.TransientFailure },
        { new IOException("connection reset"), DeliveryStatus.TransientFailure },
        { new TimeoutException(), DeliveryStatus.TransientFailure },
        { new AuthenticationException("535: 5.7.8 bad credentials"), DeliveryStatus.TransientFailure },
        { new SslHandshakeException("untrusted certificate"), DeliveryStatus.TransientFailure },
        { new ServiceNotConnectedException(), DeliveryStatus.TransientFailure },
        { new NotSupportedException("The SMTP server does not support the STARTTLS extension."), DeliveryStatus.TransientFailure },
        { new InvalidOperationException("something else"), DeliveryStatus.TransientFailure },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Maps_smtp_and_network_exceptions_to_delivery_results(Exception exception, DeliveryStatus expected)
    {
        var result = SmtpMessageSender.Classify(exception, timedOut: false);

        result.Status.Should().Be(expected);
        result.Detail.Should().NotBeNullOrWhiteSpace();
    }

    [Fact]
    public void A_5xx_detail_starts_with_the_reply_code_and_carries_the_servers_text()
    {
        var ex = new SmtpCommandException(SmtpErrorCode.RecipientNotAccepted, SmtpStatusCode.MailboxUnavailable, new MailboxAddress("", "a@b.example"), "5.1.1 mailbox unavailable");

        SmtpMessageSender.Classify(ex, timedOut: false).Detail.Should().Be("550 5.1.1 mailbox unavailable");
    }

    [Fact]
    public void Cancellation_by_the_own_timeout_is_a_transient_timeout()
    {
        var result = SmtpMessageSender.Classify(new OperationCanceledException(), timedOut: true);

        result.Status.Should().Be(DeliveryStatus.TransientFailure);
        result.Detail.Should().Contain("timed out");
    }
}
