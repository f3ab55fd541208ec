using Invitations.Diagnostics;
using Invitations.MailKit.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Invitations.Internal;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Invitations.MailKit;

/// <summary>
/// Writes each invitation e-mail as an <c>.eml</c> file into a directory instead of sending it: for
/// development and the quickstart. Open the files with any mail client.
/// </summary>
/// <remarks>
/// The file is named after <see cref="OutgoingMessage.MessageId"/> (or a hash of it when it contains characters
/// that are unsafe in file names), so a retried message overwrites its own file instead of adding one. Files are
/// written to a temporary name first and then renamed, so a watcher never sees a half-written file. The message is
/// built and checked exactly as <see cref="SmtpMessageSender"/> builds it.
/// </remarks>
public sealed class PickupDirectoryMessageSender : IMessageSender
{
    private readonly PickupDirectoryOptions _options;
    private readonly MailDefaults _defaults;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;

    /// <summary>Creates the sender.</summary>
    /// <param name="options">The settings; validated here as well as at startup.</param>
    /// <param name="logger">The logger, if any.</param>
    /// <param name="timeProvider">The clock for the <c>Date</c> header; the system clock when null.</param>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public PickupDirectoryMessageSender(IOptions<PickupDirectoryOptions> options, ILogger<PickupDirectoryMessageSender>? logger = null, TimeProvider? timeProvider = null)
    {
        _options = ValidatedOptions.Get(options, new PickupDirectoryOptionsValidator());

        _defaults = new MailDefaults(_options.FromAddress, _options.FromName, _options.ReplyTo, _options.AllowMessageOverrides);
        _logger = logger ?? (ILogger)NullLogger.Instance;
        _time = timeProvider ?? TimeProvider.System;
    }

    /// <summary>The full path of the directory the files are written to.</summary>
    public string Directory => Path.GetFullPath(_options.Directory);

    /// <summary>The path the file for <paramref name="messageId"/> is written to.</summary>
    /// <param name="messageId">An <see cref="OutgoingMessage.MessageId"/>.</param>
    /// <returns>The full path of the <c>.eml</c> file.</returns>
    public string GetFilePath(string messageId)
    {
        ArgumentNullException.ThrowIfNull(messageId);
        return Path.Combine(Directory, HeaderSafety.FileNameStem(messageId) + ".eml");
    }

    /// <inheritdoc />
    public bool CanSend(MessageChannel channel) => channel == MessageChannel.Email;

    /// <inheritdoc />
    public async ValueTask<DeliveryResult> SendAsync(OutgoingMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var recipient = Redact.Address(message.To);
        if (message.Channel != MessageChannel.Email)
        {
            Log.PermanentFailure(_logger, message.MessageId, recipient, "not an e-mail");
            return DeliveryResult.Permanent($"PickupDirectoryMessageSender writes e-mail only, not {message.Channel}");
        }

        if (!MimeMessageFactory.TryCreate(message, _defaults, _time.GetUtcNow(), out var mime, out var refusal))
        {
            Log.PermanentFailure(_logger, message.MessageId, recipient, refusal);
            return DeliveryResult.Permanent(refusal);
        }

        using (mime)
        {
            mime.Prepare(EncodingConstraint.SevenBit);
            var path = GetFilePath(message.MessageId);
            var temporary = path + "." + Guid.NewGuid().ToString("N") + ".tmp";
            try
            {
                System.IO.Directory.CreateDirectory(Directory);
                var stream = new FileStream(temporary, FileMode.CreateNew, FileAccess.Write, FileShare.None, 4096, useAsync: true);
                await using (stream.ConfigureAwait(false))
                {
                    await mime.WriteToAsync(stream, cancellationToken).ConfigureAwait(false);
                }

                File.Move(temporary, path, overwrite: true);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                TryDelete(temporary);
                var detail = $"cannot write to the pickup directory: {ex.GetType().Name}: {ex.Message}";
                Log.TransientFailure(_logger, message.MessageId, recipient, detail);
                return DeliveryResult.Transient(detail);
            }
            catch (OperationCanceledException)
            {
                TryDelete(temporary);
                throw;
            }

            Log.WrotePickupFile(_logger, message.MessageId, recipient, path);
            return DeliveryResult.Delivered();
        }
    }

    private static void TryDelete(string path)
    {
        try
        {
            File.Delete(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Best effort: a stray .tmp file is harmless.
        }
    }
}
