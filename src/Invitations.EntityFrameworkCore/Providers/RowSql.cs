using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// Multi-row INSERT and whole-row UPDATE statements for one row type, built from the context's model (table, schema,
/// column names, value conversions), so the raw statements write exactly what EF Core would. Values go in as parameters
/// made by each column's own type mapping (SQLite's text GUIDs, the instant-to-ticks conversion). Resolved once per model.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
internal sealed class RowSql<TRow>
    where TRow : class
{
    /// <summary>The most parameters one statement takes: below SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    public const int MaxParameters = 30_000;

    private static readonly ConditionalWeakTable<IModel, RowSql<TRow>> Cache = [];
    private readonly IProperty[] _properties;
    private readonly IClrPropertyGetter[] _getters;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string[] _columns;

    private RowSql(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(TRow))
            ?? throw new InvalidOperationException($"The context's model has no {typeof(TRow).Name}; call modelBuilder.ApplyInvitationsModel().");
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _properties = entity.GetProperties().ToArray();
        _getters = Array.ConvertAll(_properties, p => p.GetGetter());
        _mappings = Array.ConvertAll(_properties, p => (RelationalTypeMapping)p.GetTypeMapping());
        _columns = Array.ConvertAll(_properties, p => sql.DelimitIdentifier(p.GetColumnName(table)!));
        var key = entity.FindPrimaryKey()!.Properties.Single();
        Table = sql.DelimitIdentifier(table.Name, table.Schema);
        Key = sql.DelimitIdentifier(key.GetColumnName(table)!);
        KeyIndex = Array.IndexOf(_properties, key);
        Value = sql.DelimitIdentifier("Value");
    }

    /// <summary>The delimited table name.</summary>
    public string Table { get; }

    /// <summary>The delimited primary-key column.</summary>
    public string Key { get; }

    /// <summary>The column name EF Core reads a scalar <c>SqlQuery</c> result from.</summary>
    public string Value { get; }

    /// <summary>How many rows one INSERT statement holds at most with <paramref name="maxParameters"/> parameters.</summary>
    public int RowsPerStatement(int maxParameters) => Math.Max(1, Math.Min(MaxParameters, maxParameters) / _columns.Length);

    private int KeyIndex { get; }

    public static RowSql<TRow> For(DbContext context) => Cache.GetValue(context.Model, _ => new RowSql<TRow>(context));

    /// <summary>
    /// <c>INSERT INTO t (columns) VALUES (...), (...)</c> for <paramref name="rows"/> (at most <see cref="RowsPerStatement"/>),
    /// with <paramref name="suffix"/> appended (an <c>ON CONFLICT</c> or <c>RETURNING</c> clause).
    /// </summary>
    public (string Sql, DbParameter[] Parameters) Insert(DbContext context, IReadOnlyList<TRow> rows, string suffix = "")
    {
        var parameters = new DbParameter[rows.Count * _columns.Length];
        var text = new StringBuilder(64 + (parameters.Length * 8));
        text.Append("INSERT INTO ").Append(Table).Append(" (").AppendJoin(", ", _columns).Append(") VALUES ");
        using var factory = context.Database.GetDbConnection().CreateCommand();
        for (var r = 0; r < rows.Count; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                var index = (r * _columns.Length) + c;
                var name = "p" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
                parameters[index] = _mappings[c].CreateParameter(factory, name, _getters[c].GetClrValueUsingContainingEntity(rows[r]), _properties[c].IsNullable);
                text.Append(c == 0 ? "@" : ", @").Append(name);
            }

            text.Append(')');
        }

        text.Append(suffix);
        return (text.ToString(), parameters);
    }

    /// <summary>
    /// <c>UPDATE t SET every column but the key = ... WHERE key = @key AND {guard} = @g</c> for one row, with the
    /// clause <paramref name="suffix"/> makes of the key's parameter name appended (a <c>RETURNING</c> clause).
    /// </summary>
    public (string Sql, DbParameter[] Parameters) UpdateWhere(DbContext context, TRow row, string guard, object guardValue, Func<string, string> suffix)
    {
        var parameters = new List<DbParameter>(_columns.Length + 1);
        var text = new StringBuilder(64 + (_columns.Length * 24));
        text.Append("UPDATE ").Append(Table).Append(" SET ");
        using var factory = context.Database.GetDbConnection().CreateCommand();
        var first = true;
        for (var c = 0; c < _columns.Length; c++)
        {
            var name = "p" + c.ToString(System.Globalization.CultureInfo.InvariantCulture);
            parameters.Add(_mappings[c].CreateParameter(factory, name, _getters[c].GetClrValueUsingContainingEntity(row), _properties[c].IsNullable));
            if (c == KeyIndex)
            {
                continue;
            }

            text.Append(first ? "" : ", ").Append(_columns[c]).Append(" = @").Append(name);
            first = false;
        }

        var g = Array.FindIndex(_properties, p => p.Name == guard);
        parameters.Add(_mappings[g].CreateParameter(factory, "g", guardValue, nullable: false));
        var key = "@p" + KeyIndex.ToString(System.Globalization.CultureInfo.InvariantCulture);
        text.Append(" WHERE ").Append(Key).Append(" = ").Append(key)
            .Append(" AND ").Append(_columns[g]).Append(" = @g").Append(suffix(key));
        return (text.ToString(), parameters.ToArray());
    }
}
