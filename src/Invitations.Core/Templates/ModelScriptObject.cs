using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;

namespace Invitations.Templates;

/// <summary>
/// Exposes a <see cref="TemplateModel"/> to Liquid as a read-only set of string variables, without copying
/// it into a <see cref="ScriptObject"/>. Reused per thread: set <see cref="Model"/> before each render.
/// Empty values read as nil, so <c>{% if header_image %}</c> and <c>| default:</c> work. Image URLs that are
/// not <c>https://</c> read as nil.
/// </summary>
internal sealed class ModelScriptObject : IScriptObject
{
    private readonly StringDictionaryScriptObject _customFields = new();

    public TemplateModel? Model { get; set; }

    public int Count => ModelFields.AllNames.Count;

    public bool IsReadOnly
    {
        get => true;
        set { }
    }

    public IEnumerable<string> GetMembers() => ModelFields.AllNames;

    public bool Contains(string member) => ModelFields.AllNames.Contains(member);

    public bool TryGetValue(TemplateContext? context, SourceSpan span, string member, out object? value)
    {
        var model = Model;
        if (model is null)
        {
            value = null;
            return false;
        }

        if (ModelFields.TryParse(member, out var field))
        {
            value = ModelFields.Read(model, field);
            return true;
        }

        if (string.Equals(member, ModelFields.CustomFields, StringComparison.Ordinal))
        {
            _customFields.Values = model.CustomFields;
            value = _customFields;
            return true;
        }

        value = null;
        return false;
    }

    public bool CanWrite(string member) => false;

    public bool TrySetValue(TemplateContext? context, SourceSpan span, string member, object? value, bool readOnly) => false;

    public bool Remove(string member) => false;

    public void SetReadOnly(string member, bool readOnly)
    {
    }

    public IScriptObject Clone(bool deep) => this;
}
