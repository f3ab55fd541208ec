using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// One of the store's raw statements as EF Core's relational command, run by EF Core's own pipeline (interceptors,
/// logging, diagnostics): the text as it is and the parameters as raw parameters. <see cref="IRawSqlCommandBuilder"/>
/// would copy a text three times (through <c>string.Format</c>, a string builder and its string), several kilobytes
/// per statement on the invite and accept paths. Made <see cref="Prepared"/>, its <see cref="DbCommand"/> is
/// prepared once made (<see cref="StatementPreparation"/>).
/// </summary>
internal sealed class StoreCommand : RelationalCommand
{
    private readonly bool _prepare;

    private StoreCommand(RelationalCommandBuilderDependencies dependencies, string sql, IReadOnlyList<IRelationalParameter> parameters, bool prepare)
        : base(dependencies, sql, sql, parameters)
    {
        _prepare = prepare;
    }

    /// <summary>
    /// The command of <paramref name="sql"/> with <paramref name="parameters"/> on <paramref name="context"/>'s provider:
    /// a <see cref="StoreCommand"/> where the provider builds EF Core's own commands (SQLite, PostgreSQL), else the
    /// command the provider's builder makes of the text (a provider or host with a builder of its own keeps it).
    /// </summary>
    public static IRelationalCommand Create(DbContext context, string sql, DbParameter[] parameters)
    {
        var factory = context.GetService<IRelationalCommandBuilderFactory>();
        var builder = factory.Create();
        foreach (var parameter in parameters)
        {
            builder.AddRawParameter(parameter.ParameterName, parameter);
        }

        return factory.GetType() == typeof(RelationalCommandBuilderFactory)
            ? new StoreCommand(context.GetService<RelationalCommandBuilderDependencies>(), sql, builder.Parameters, prepare: false)
            : builder.Append(sql).Build();
    }

    /// <summary>This command, its <see cref="DbCommand"/> prepared once made: the statement must already be prepared on the connection it runs on.</summary>
    public StoreCommand Prepared() => new(Dependencies, CommandText, Parameters, prepare: true);

    /// <inheritdoc />
    public override DbCommand CreateDbCommand(RelationalCommandParameterObject parameterObject, Guid commandId, DbCommandMethod commandMethod)
    {
        var created = base.CreateDbCommand(parameterObject, commandId, commandMethod);

        // An interceptor may have changed the text (a tag, a hint): that statement was not prepared, so it runs as it is
        // rather than be prepared here synchronously. Otherwise Prepare finds the statement prepared and sends nothing.
        if (_prepare && string.Equals(created.CommandText, CommandText, StringComparison.Ordinal))
        {
            try
            {
                created.Prepare();
            }
            catch
            {
                // EF Core cleans a command up only once it has it: release the parameters for a retry, and close the
                // connection a reader's execution opened before it made the command (the others open after).
                created.Parameters.Clear();
                created.Dispose();
                if (commandMethod == DbCommandMethod.ExecuteReader)
                {
                    parameterObject.Connection.Close();
                }

                throw;
            }
        }

        return created;
    }
}
