using System.Buffers.Binary;
using Invitations.Delivery;
using Invitations.Diagnostics;
using Invitations.Domain;
using Invitations.Facts;
using Invitations.Links;
using Invitations.Templates;
using Invitations.Validation;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using NodaTime;
using E = Invitations.Errors.Errors;

namespace Invitations.Services;

/// <summary>The service façade: orchestrates validation, the aggregate, the store and the dispatcher. Holds no state of its own.</summary>
internal sealed partial class InvitationService : IInvitationService
{
    private const int MaxConflictRetries = 8;
    private readonly IInvitationStore _store;
    private readonly IClock _clock;
    private readonly InvitationsOptions _options;
    private readonly InviteRequestValidator _validator;
    private readonly LinkBuilder _links;
    private readonly MessageComposer _composer;
    private readonly FactFactory _facts;
    private readonly OutboxDispatcher _dispatcher;
    private readonly IUserDirectory? _directory;
    private readonly InvitationsTelemetry _telemetry;
    private readonly ILogger _logger;

    public InvitationService(
        IInvitationStore store, IClock clock, IOptions<InvitationsOptions> options, TemplateCatalog templates,
        OutboxDispatcher dispatcher, InvitationsTelemetry telemetry, ILogger<InvitationService> logger, IUserDirectory? directory = null)
    {
        _store = store;
        _clock = clock;
        _options = options.Value;
        _links = new LinkBuilder(_options);
        _validator = new InviteRequestValidator(_options, _links, templates);
        _composer = new MessageComposer(_options, templates);
        _facts = new FactFactory(_options.Links.FactUrlTemplate);
        _dispatcher = dispatcher;
        _directory = directory;
        _telemetry = telemetry;
        _logger = logger;
    }

    public async Task<InvitationResult<InvitationSnapshot>> GetAsync(InvitationId id, CancellationToken cancellationToken = default)
    {
        var data = await _store.FindAsync(id, cancellationToken).ConfigureAwait(false);
        return data is null ? Fail(E.NotFound()) : data.ToSnapshot(_clock.GetCurrentInstant());
    }

    public async Task<InvitationResult<InvitationSearchPage>> FindAsync(InvitationSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(search);
        if (search.PageSize is < 1 or > 1000)
        {
            return Fail(E.FieldInvalid("page_size", "must be between 1 and 1000"));
        }

        InvitationCursor? after = null;
        if (search.Cursor is not null)
        {
            if (DecodeCursor(search.Cursor) is not { } decoded)
            {
                return Fail(E.FieldInvalid("cursor", "not a cursor returned by a previous page"));
            }

            after = decoded;
        }

        string? email = null;
        if (search.Email is not null && (email = EmailAddressNormalizer.Normalize(search.Email)) is null)
        {
            return Fail(E.EmailInvalid("email"));
        }

        var now = _clock.GetCurrentInstant();
        var page = await _store.QueryAsync(
            new InvitationQuery
            {
                State = search.State,
                Email = email,
                InvitedById = search.InvitedBy,
                OrganizationId = search.OrganizationId,
                CreatedFrom = search.CreatedFrom,
                CreatedBefore = search.CreatedBefore,
                After = after,
                Limit = search.PageSize,
                AsOf = now,
            },
            cancellationToken).ConfigureAwait(false);
        return new InvitationSearchPage(page.Items.Select(d => d.ToSnapshot(now)).ToList(), page.Next is { } next ? EncodeCursor(next) : null);
    }

    public Task<IReadOnlyList<InvitationFact>> ListFactsAsync(InvitationId id, CancellationToken cancellationToken = default) =>
        _store.ListFactsAsync(id, cancellationToken).AsTask();

    /// <summary>Logs and counts a refusal, and passes the error on.</summary>
    private InvitationError Fail(InvitationError error)
    {
        Log.Refused(_logger, error.Code);
        _telemetry.Failed.Add(1, new KeyValuePair<string, object?>("code", error.Code));
        return error;
    }

    /// <summary>Renders the message; a missing template or a template that fails at run time is a typed error, not an exception.</summary>
    private OutgoingMessage? ComposeOrError(InvitationData data, string link, OutboxItemId itemId, out InvitationError? error)
    {
        try
        {
            var message = _composer.Compose(data, link, itemId.ToString());
            error = message is null ? E.TemplateNotFound() : null;
            return message;
        }
        catch (TemplateRenderException ex)
        {
            error = E.TemplateRenderFailed($"{ex.Part} at line {ex.Line}");
            return null;
        }
    }

    private async Task DispatchAsync(InvitationId id, CancellationToken cancellationToken)
    {
        if (_options.Delivery.Inline)
        {
            await _dispatcher.DispatchInvitationAsync(id, cancellationToken).ConfigureAwait(false);
        }
    }

    private static string EncodeCursor(InvitationCursor cursor)
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, cursor.CreatedAt.ToUnixTimeTicks());
        cursor.Id.Value.TryWriteBytes(bytes[8..]);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    private static InvitationCursor? DecodeCursor(string text)
    {
        Span<byte> bytes = stackalloc byte[24];
        var padded = text.Replace('-', '+').Replace('_', '/');
        if (text.Length != 32 || !Convert.TryFromBase64String(padded, bytes, out var written) || written != 24)
        {
            return null;
        }

        var id = new Guid(bytes[8..]);
        return id == Guid.Empty ? null : new InvitationCursor(Instant.FromUnixTimeTicks(BinaryPrimitives.ReadInt64BigEndian(bytes)), new InvitationId(id));
    }
}
