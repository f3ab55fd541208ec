namespace Invitations.Benchmarks.Verbs.AgainstFloor;

/// <summary>One side of the comparison: the library over its EF Core store, or the hand-written floor on the same kind of database.</summary>
internal interface IContender : IAsyncDisposable
{
    string Name { get; }

    /// <summary>Opens what <paramref name="callers"/> concurrent callers need (the floor: a session each).</summary>
    Task PrepareAsync(int callers, CancellationToken cancellationToken);

    /// <summary>Invites recipient number <paramref name="index"/> as caller <paramref name="caller"/>; returns the token.</summary>
    Task<string> InviteAsync(int caller, int index, CancellationToken cancellationToken);

    /// <summary>Accepts by token as caller <paramref name="caller"/>; true when accepted.</summary>
    Task<bool> AcceptAsync(int caller, string token, CancellationToken cancellationToken);

    /// <summary>Invites recipients <paramref name="offset"/> to <paramref name="offset"/> + <paramref name="count"/> − 1 in bulk; returns how many were invited.</summary>
    Task<int> InviteManyAsync(int offset, int count, CancellationToken cancellationToken);

    /// <summary>The statements the database ran for this side since the last call.</summary>
    long TakeStatements();
}
