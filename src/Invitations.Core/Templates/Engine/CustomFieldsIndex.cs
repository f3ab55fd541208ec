using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// The invitation's custom fields as Fluid reads a dictionary (<c>custom_fields.department</c>,
/// <c>custom_fields["cost center"]</c>, <c>custom_fields.size</c>, <c>{% for pair in custom_fields %}</c>). A blank
/// value reads as nil, like the other variables. Reused per thread: <see cref="Values"/> is set before each render.
/// </summary>
internal sealed class CustomFieldsIndex : IFluidIndexable
{
    public IReadOnlyDictionary<string, string>? Values { get; set; }

    public int Count => Values?.Count ?? 0;

    public IEnumerable<string> Keys => Values?.Keys ?? [];

    public bool TryGetValue(string name, out FluidValue value)
    {
        var text = ModelFields.ReadCustomField(Values, name);
        value = text is null ? NilValue.Instance : new StringValue(text);
        return text is not null || (Values?.ContainsKey(name) ?? false);
    }
}
