using Microsoft.EntityFrameworkCore;

namespace Invitations.EntityFrameworkCore.Schema;

/// <summary>
/// One ordered, numbered change to the invitation tables, applied once per database in its own transaction and recorded
/// in <c>invitations_schema_version</c>. A step must be idempotent: a database created by a newer version's
/// <c>EnsureCreated</c> or by the host's own migrations may already hold its change when it runs (such a database has
/// no version rows until the first upgrade).
/// </summary>
/// <param name="Version">The step's number: unique, ascending, never reused or renumbered once released.</param>
/// <param name="Description">What the step changes (stored with it).</param>
/// <param name="Apply">Applies the step inside the upgrader's transaction; returns how many rows it rewrote (0 for DDL).</param>
internal sealed record SchemaStep(int Version, string Description, Func<SchemaTarget, CancellationToken, Task<int>> Apply);
