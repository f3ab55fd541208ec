using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Invitations.Templates;

/// <summary>Exposes a string dictionary (custom fields) to Liquid as a read-only object: <c>custom_fields.department</c>.</summary>
internal sealed class StringDictionaryScriptObject : IScriptObject
{
    public IReadOnlyDictionary<string, string>? Values { get; set; }

    public int Count => Values?.Count ?? 0;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => Values?.Keys ?? [];

    public bool Contains(string member) => Values?.ContainsKey(member) ?? false;

    public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        value = ModelFields.ReadCustomField(Values, member);
        return value is not null || (Values?.ContainsKey(member) ?? false);
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;

    public override string ToString() => string.Empty;
}
