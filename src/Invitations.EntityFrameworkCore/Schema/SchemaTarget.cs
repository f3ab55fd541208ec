using Invitations.EntityFrameworkCore.Providers;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Schema;

/// <summary>What a <see cref="SchemaStep"/> works on: the host's context, its provider and the model's table names.</summary>
internal sealed class SchemaTarget
{
    public SchemaTarget(DbContext context)
    {
        Context = context;
        IsPostgres = context.Database.ProviderName == StoreProvider.NpgsqlProviderName;
        IsSqlite = context.Database.ProviderName == StoreProvider.SqliteProviderName;
        var invitations = context.Model.FindEntityType(typeof(InvitationRow))
            ?? throw new InvalidOperationException("The context's model has no invitations table; call modelBuilder.ApplyInvitationsModel().");
        Schema = invitations.GetSchema();
        Sql = context.GetService<ISqlGenerationHelper>();
    }

    public DbContext Context { get; }

    public bool IsPostgres { get; }

    public bool IsSqlite { get; }

    /// <summary>The schema of the invitation tables (null: the default).</summary>
    public string? Schema { get; }

    public ISqlGenerationHelper Sql { get; }

    /// <summary>A table of the invitation schema, delimited for this provider.</summary>
    public string Table(string name) => Sql.DelimitIdentifier(name, Schema);

    /// <summary>Runs DDL or a statement built only from identifiers and constants.</summary>
    public Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken) =>
#pragma warning disable EF1002 // Only identifiers from the model and constants are interpolated.
        Context.Database.ExecuteSqlRawAsync(sql, cancellationToken);
#pragma warning restore EF1002
}
