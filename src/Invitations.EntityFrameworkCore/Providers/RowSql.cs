using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Invitations.EntityFrameworkCore.Providers;

/// <summary>
/// Multi-row INSERT, whole-row UPDATE and single-row SELECT statements (and reading that row back) for one row type, built from the context's model (table, schema,
/// column names, value conversions), so the raw statements write exactly what EF Core would. Values go in as parameters
/// made by each column's own type mapping (SQLite's text GUIDs, the instant-to-ticks conversion). Resolved once per model.
/// </summary>
/// <typeparam name="TRow">The row type.</typeparam>
internal sealed class RowSql<TRow>
    where TRow : class, new()
{
    /// <summary>The most parameters one statement takes: below SQLite's 32,766 and PostgreSQL's 65,535.</summary>
    public const int MaxParameters = 30_000;

    private static readonly ConditionalWeakTable<IModel, RowSql<TRow>> Cache = [];
    private readonly IProperty[] _properties;
    private readonly IClrPropertyGetter[] _getters;
    private readonly RelationalTypeMapping[] _mappings;
    private readonly string[] _columns;
    private readonly Func<DbDataReader, int, object?>[] _readers;
    private readonly Action<TRow, object?>[] _setters;
    private readonly ConcurrentDictionary<string, string> _selects = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(int, int, string), string> _texts = new();
    private readonly ConcurrentDictionary<(ulong, int, string), string> _changedUpdates = new();
    private readonly Dictionary<string, int> _indexes;
    private DbProviderFactory? _providerFactory;

    /// <summary>The first parameter names, made once.</summary>
    private static readonly string[] Names = Enumerable.Range(0, 1_000).Select(i => "@p" + i.ToString(CultureInfo.InvariantCulture)).ToArray();

    private RowSql(DbContext context)
    {
        var entity = context.Model.FindEntityType(typeof(TRow))
            ?? throw new InvalidOperationException($"The context's model has no {typeof(TRow).Name}; call modelBuilder.ApplyInvitationsModel().");
        var sql = context.GetService<ISqlGenerationHelper>();
        var table = StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
        _properties = entity.GetProperties().ToArray();
        if (Array.Find(_properties, p => p.PropertyInfo is null) is { } shadow)
        {
            throw new InvalidOperationException(
                $"The invitation store reads and writes {typeof(TRow).Name} through its CLR properties, but the model gives it the shadow property '{shadow.Name}' (a model convention of the host's?). Keep the entity types of ApplyInvitationsModel() free of shadow properties.");
        }

        _indexes = _properties.Select((p, i) => (p.Name, i)).ToDictionary(x => x.Name, x => x.i, StringComparer.Ordinal);
        _getters = Array.ConvertAll(_properties, p => p.GetGetter());
        _mappings = Array.ConvertAll(_properties, p => (RelationalTypeMapping)p.GetTypeMapping());
        _columns = Array.ConvertAll(_properties, p => sql.DelimitIdentifier(p.GetColumnName(table)!));
        _readers = Array.ConvertAll(_mappings, ReaderOf);
        _setters = Array.ConvertAll(_properties, SetterOf);
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

    /// <summary>How many parameters a row takes.</summary>
    public int ColumnCount => _columns.Length;

    /// <summary>How many rows one INSERT statement holds at most with <paramref name="maxParameters"/> parameters.</summary>
    public int RowsPerStatement(int maxParameters) => Math.Max(1, Math.Min(MaxParameters, maxParameters) / _columns.Length);

    private int KeyIndex { get; }

    public static RowSql<TRow> For(DbContext context) => Cache.GetValue(context.Model, _ => new RowSql<TRow>(context));

    /// <summary>The delimited column of <paramref name="property"/> (a property name of <typeparamref name="TRow"/>).</summary>
    public string Column(string property) => _columns[IndexOf(property)];

    /// <summary>
    /// A parameter named <paramref name="name"/> for a value of <paramref name="property"/>, made by that column's type
    /// mapping (its value conversion applied), as EF Core would bind it.
    /// </summary>
    public DbParameter Parameter(DbCommand factory, string property, string name, object? value)
    {
        var c = IndexOf(property);
        return _mappings[c].CreateParameter(factory, name, value, _properties[c].IsNullable);
    }

    private int IndexOf(string property) =>
        _indexes.TryGetValue(property, out var i) ? i : throw new ArgumentException($"{typeof(TRow).Name} has no property {property}.", nameof(property));

    /// <summary>
    /// <c>SELECT every column FROM t WHERE {column of property} = @v LIMIT 1</c> (SQLite and PostgreSQL), the columns in
    /// the order <see cref="ReadRow"/> reads them.
    /// </summary>
    public string SelectOneWhere(string property) => _selects.GetOrAdd(property, p =>
        $"SELECT {string.Join(", ", _columns)} FROM {Table} WHERE {Column(p)} = @v LIMIT 1");

    /// <summary>
    /// The row at the reader's position, selected by <see cref="SelectOneWhere"/>: each column read as its type mapping's
    /// provider type and converted back as EF Core would (the instant-from-ticks conversion).
    /// </summary>
    public TRow ReadRow(DbDataReader reader)
    {
        var row = new TRow();
        for (var c = 0; c < _columns.Length; c++)
        {
            if (reader.IsDBNull(c))
            {
                if (!_properties[c].IsNullable)
                {
                    throw new InvalidOperationException($"The column {_columns[c]} of {Table} is NULL, which the model does not allow.");
                }
            }
            else
            {
                var value = _readers[c](reader, c);
                _setters[c](row, _mappings[c].Converter is { } converter ? converter.ConvertFromProvider(value) : value);
            }
        }

        return row;
    }

    private static Func<DbDataReader, int, object?> ReaderOf(RelationalTypeMapping mapping)
    {
        var type = mapping.Converter?.ProviderClrType ?? mapping.ClrType;
        type = Nullable.GetUnderlyingType(type) ?? type;
        return typeof(RowSql<TRow>).GetMethod(nameof(Read), BindingFlags.NonPublic | BindingFlags.Static)!
            .MakeGenericMethod(type).CreateDelegate<Func<DbDataReader, int, object?>>();
    }

    private static object? Read<T>(DbDataReader reader, int ordinal) => reader.GetFieldValue<T>(ordinal);

    /// <summary><c>(row, value) =&gt; row.Property = (T)value</c>, compiled once per model.</summary>
    private static Action<TRow, object?> SetterOf(IProperty property)
    {
        var row = System.Linq.Expressions.Expression.Parameter(typeof(TRow), "row");
        var value = System.Linq.Expressions.Expression.Parameter(typeof(object), "value");
        var assign = System.Linq.Expressions.Expression.Assign(
            System.Linq.Expressions.Expression.Property(row, property.PropertyInfo!),
            System.Linq.Expressions.Expression.Convert(value, property.ClrType));
        return System.Linq.Expressions.Expression.Lambda<Action<TRow, object?>>(assign, row, value).Compile();
    }

    /// <summary>
    /// <c>INSERT INTO t (columns) VALUES (...), (...)</c> for <paramref name="rows"/> (at most <see cref="RowsPerStatement"/>),
    /// with <paramref name="suffix"/> appended (an <c>ON CONFLICT</c> or <c>RETURNING</c> clause). The text is built
    /// once per row count and suffix, so a prepared statement finds it again.
    /// </summary>
    /// <param name="context">The context whose model and provider make the parameters.</param>
    /// <param name="rows">The rows.</param>
    /// <param name="suffix">Appended to the statement.</param>
    /// <param name="firstParameter">The number of the first parameter (<c>@p{n}</c>): another statement of the same command uses those before it.</param>
    public (string Sql, DbParameter[] Parameters) Insert(DbContext context, IReadOnlyList<TRow> rows, string suffix = "", int firstParameter = 0) =>
        (_texts.GetOrAdd((rows.Count, firstParameter, suffix), InsertText), Parameters(context, rows, firstParameter));

    /// <summary>
    /// <c>INSERT INTO t (columns) SELECT {select} FROM (VALUES (...), (...)) AS v (columns) {rest}</c> for
    /// <paramref name="rows"/>: the rows as a derived table that <paramref name="rest"/> joins or filters (PostgreSQL,
    /// inside a <c>WITH</c> that also writes the rows they depend on). <paramref name="select"/> makes each inserted
    /// value from the column of <c>v</c> (null: the column as it is).
    /// </summary>
    public (string Sql, DbParameter[] Parameters) InsertFromValues(DbContext context, IReadOnlyList<TRow> rows, int firstParameter, Func<string, string?> select, string rest)
    {
        var text = new StringBuilder(96 + (rows.Count * _columns.Length * 8));
        text.Append("INSERT INTO ").Append(Table).Append(" (").AppendJoin(", ", _columns).Append(") SELECT ");
        for (var c = 0; c < _columns.Length; c++)
        {
            text.Append(c == 0 ? "" : ", ").Append(select(_columns[c]) ?? "v." + _columns[c]);
        }

        text.Append(" FROM (");
        AppendValues(text, rows.Count, firstParameter);
        text.Append(") AS v (").AppendJoin(", ", _columns).Append(") ").Append(rest);
        return (text.ToString(), Parameters(context, rows, firstParameter));
    }

    private DbParameter[] Parameters(DbContext context, IReadOnlyList<TRow> rows, int firstParameter)
    {
        var parameters = new DbParameter[rows.Count * _columns.Length];
        using var factory = ParameterFactory(context);
        for (var r = 0; r < rows.Count; r++)
        {
            for (var c = 0; c < _columns.Length; c++)
            {
                var index = (r * _columns.Length) + c;
                parameters[index] = _mappings[c].CreateParameter(factory, Name(firstParameter + index), _getters[c].GetClrValueUsingContainingEntity(rows[r]), _properties[c].IsNullable);
            }
        }

        return parameters;
    }

    private string InsertText((int Rows, int First, string Suffix) shape)
    {
        var text = new StringBuilder(64 + (shape.Rows * _columns.Length * 8));
        text.Append("INSERT INTO ").Append(Table).Append(" (").AppendJoin(", ", _columns).Append(") ");
        AppendValues(text, shape.Rows, shape.First);
        return text.Append(shape.Suffix).ToString();
    }

    private void AppendValues(StringBuilder text, int rows, int firstParameter)
    {
        text.Append("VALUES ");
        for (var r = 0; r < rows; r++)
        {
            text.Append(r == 0 ? "(" : ", (");
            for (var c = 0; c < _columns.Length; c++)
            {
                text.Append(c == 0 ? "" : ", ").Append(Name(firstParameter + (r * _columns.Length) + c));
            }

            text.Append(')');
        }
    }

    /// <summary>
    /// <c>UPDATE t SET every column but the key = ... WHERE key = @key AND {guard} = @g</c> for one row, with the
    /// clause <paramref name="suffix"/> makes of the key's parameter name appended (a <c>RETURNING</c> clause).
    /// </summary>
    public (string Sql, DbParameter[] Parameters) UpdateWhere(DbContext context, TRow row, string guard, object guardValue, Func<string, string> suffix)
    {
        var g = IndexOf(guard);
        var sets = _columns.Length - 1;
        var text = _texts.GetOrAdd((-1 - g, 0, suffix(Name(sets))), shape => UpdateText(c => c != KeyIndex, -1 - shape.Item1, shape.Item3));
        return (text, UpdateParameters(context, Values(row), c => c != KeyIndex, sets, g, guardValue));
    }

    /// <summary>
    /// <c>UPDATE t SET (the columns whose value differs from <paramref name="before"/>) = ... WHERE key = @key AND
    /// {guard} = @g</c>, with <paramref name="suffix"/> appended as in <see cref="UpdateWhere"/>: the same update when
    /// <paramref name="before"/> is the stored row, binding and writing only what changed. The properties of
    /// <paramref name="together"/> are written all or none (columns another writer may change as a unit). One text per
    /// set of changed columns (a few per kind of transition, at most <see cref="MaxChangedShapes"/>; past that, and past
    /// 64 columns, the whole-row <see cref="UpdateWhere"/>).
    /// </summary>
    public (string Sql, DbParameter[] Parameters) UpdateChangedWhere(
        DbContext context, TRow row, TRow before, string[] together, string guard, object guardValue, Func<string, string> suffix)
    {
        if (_columns.Length > 64)
        {
            return UpdateWhere(context, row, guard, guardValue, suffix);
        }

        var values = Values(row);
        var changed = 0UL;
        for (var c = 0; c < _columns.Length; c++)
        {
            if (c != KeyIndex && !SameValue(values[c], _getters[c].GetClrValueUsingContainingEntity(before)))
            {
                changed |= 1UL << c;
            }
        }

        var group = 0UL;
        foreach (var property in together)
        {
            group |= 1UL << IndexOf(property);
        }

        if ((changed & group) != 0)
        {
            changed |= group;
        }

        var g = IndexOf(guard);
        var sets = System.Numerics.BitOperations.PopCount(changed);
        var shape = (changed, g, suffix(Name(sets)));
        if (!_changedUpdates.TryGetValue(shape, out var text))
        {
            if (_changedUpdates.Count >= MaxChangedShapes)
            {
                // Bounded: this many sets of changed columns means the updates are not a few kinds of transition.
                return UpdateWhere(context, row, guard, guardValue, suffix);
            }

            text = _changedUpdates.GetOrAdd(shape, s => UpdateText(c => (s.Item1 & (1UL << c)) != 0, s.Item2, s.Item3));
        }

        return (text, UpdateParameters(context, values, c => (changed & (1UL << c)) != 0, sets, g, guardValue));
    }

    /// <summary>The most sets of changed columns <see cref="UpdateChangedWhere"/> keeps a text for (each a prepared statement on PostgreSQL).</summary>
    public const int MaxChangedShapes = 128;

    private object?[] Values(TRow row)
    {
        var values = new object?[_columns.Length];
        for (var c = 0; c < _columns.Length; c++)
        {
            values[c] = _getters[c].GetClrValueUsingContainingEntity(row);
        }

        return values;
    }

    private static bool SameValue(object? a, object? b) =>
        a is byte[] x && b is byte[] y ? x.AsSpan().SequenceEqual(y) : Equals(a, b);

    /// <summary>The parameters of an update's text from <see cref="UpdateText"/>: the columns it sets (<c>@p0</c> on), the key, the guard's <c>@g</c>.</summary>
    private DbParameter[] UpdateParameters(DbContext context, object?[] values, Func<int, bool> sets, int count, int guard, object guardValue)
    {
        var parameters = new DbParameter[count + 2];
        using var factory = ParameterFactory(context);
        var n = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            if (sets(c))
            {
                parameters[n] = _mappings[c].CreateParameter(factory, Name(n), values[c], _properties[c].IsNullable);
                n++;
            }
        }

        parameters[n] = _mappings[KeyIndex].CreateParameter(factory, Name(n), values[KeyIndex], nullable: false);
        parameters[^1] = _mappings[guard].CreateParameter(factory, "@g", guardValue, nullable: false);
        return parameters;
    }

    /// <summary><c>UPDATE t SET c = @p0, ... WHERE key = @pN AND {guard} = @g{suffix}</c> for the columns <paramref name="sets"/> selects.</summary>
    private string UpdateText(Func<int, bool> sets, int guard, string suffix)
    {
        var text = new StringBuilder(64 + (_columns.Length * 24));
        text.Append("UPDATE ").Append(Table).Append(" SET ");
        var n = 0;
        for (var c = 0; c < _columns.Length; c++)
        {
            if (sets(c))
            {
                text.Append(n == 0 ? "" : ", ").Append(_columns[c]).Append(" = ").Append(Name(n));
                n++;
            }
        }

        if (n == 0)
        {
            // Nothing changed (an update that rewrites the row as it is): the key to itself keeps the statement valid.
            text.Append(Key).Append(" = ").Append(Key);
        }

        return text.Append(" WHERE ").Append(Key).Append(" = ").Append(Name(n))
            .Append(" AND ").Append(_columns[guard]).Append(" = @g").Append(suffix).ToString();
    }

    /// <summary>
    /// The name of the parameter at <paramref name="index"/>, <c>@</c> included: Microsoft.Data.Sqlite looks a name up in
    /// the statement as given before it tries the prefixes, so a prefixed name is found on the first look-up.
    /// </summary>
    private static string Name(int index) =>
        index < Names.Length ? Names[index] : "@p" + index.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// A command for the type mappings' <c>CreateParameter</c>: made without a connection from the provider's
    /// <see cref="DbProviderFactory"/> (cached), as a command made on the connection registered with it and was disposed
    /// per statement. One per statement (dispose it), so no command object is shared between threads.
    /// </summary>
    public DbCommand ParameterFactory(DbContext context)
    {
        var connection = context.Database.GetDbConnection();
        return (_providerFactory ??= DbProviderFactories.GetFactory(connection))?.CreateCommand() ?? connection.CreateCommand();
    }
}
