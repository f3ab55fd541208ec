using System.Collections.Concurrent;

namespace Invitations.Core.Tests.Authorization;

/// <summary>A host's authorizer: answers with <paramref name="decide"/> and records every question.</summary>
internal sealed class RecordingAuthorizer(Func<InvitationAuthorizationContext, InvitationAuthorizationResult> decide) : IInvitationAuthorizer
{
    public ConcurrentQueue<InvitationAuthorizationContext> Contexts { get; } = new();

    public ValueTask<InvitationAuthorizationResult> AuthorizeAsync(InvitationAuthorizationContext context, CancellationToken cancellationToken)
    {
        Contexts.Enqueue(context);
        return ValueTask.FromResult(decide(context));
    }
}
