using Fluid;
using Fluid.Values;

namespace Invitations.Templates.Engine;

/// <summary>
/// The <see cref="TemplateModel"/> as Fluid's model: a variable a template reads (<c>name</c>, <c>invite_link</c>,
/// <c>custom_fields</c>, …) is looked up through <see cref="ModelFields"/>, the one mapping of names to values, never
/// through reflection. Values are strings (a blank one reads as nil) and the custom-field map. Each string value is
/// made once per render and shared by the subject, HTML and text; <see cref="Set"/> drops them after the render, so no
/// invitation's link outlives its message. Reused per thread.
/// </summary>
internal sealed class ModelValue : FluidValue
{
    private static readonly int FieldCount = Enum.GetValues<ModelField>().Length;

    private readonly StringValue?[] _values = new StringValue?[FieldCount];
    private readonly CustomFieldsIndex _customFieldsIndex = new();
    private readonly DictionaryValue _customFields;
    private TemplateModel? _model;

    public ModelValue()
    {
        _customFields = new DictionaryValue(_customFieldsIndex);
    }

    public override FluidValues Type => FluidValues.Object;

    /// <summary>Points the value at the model of the next render, or at none (null) after it.</summary>
    public void Set(TemplateModel? model)
    {
        _model = model;
        _customFieldsIndex.Values = model?.CustomFields;
        Array.Clear(_values);
    }

    public override ValueTask<FluidValue> GetValueAsync(string name, TemplateContext context) => new(Read(name));

    /// <summary>A field's text, nil (null) when missing or blank, without a string value.</summary>
    public string? Read(ModelField field) => _model is null ? null : ModelFields.Read(_model, field);

    public override bool Equals(FluidValue other) => ReferenceEquals(this, other);

    public override bool ToBooleanValue() => true;

    public override decimal ToNumberValue() => 0;

    public override string ToStringValue() => string.Empty;

    /// <summary>No .NET object behind the model: filters that reflect over one (<c>json</c>) find nothing.</summary>
    public override object ToObjectValue() => null!;

    public override ValueTask WriteToAsync(TextWriter writer, System.Text.Encodings.Web.TextEncoder encoder, System.Globalization.CultureInfo cultureInfo) => default;

    [Obsolete("Fluid's synchronous write; Fluid itself calls WriteToAsync.")]
    public override void WriteTo(TextWriter writer, System.Text.Encodings.Web.TextEncoder encoder, System.Globalization.CultureInfo cultureInfo)
    {
    }

    public override bool Equals(object? obj) => ReferenceEquals(this, obj);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);

    private FluidValue Read(string name)
    {
        var model = _model;
        if (model is null)
        {
            return NilValue.Instance;
        }

        if (ModelFields.TryParse(name, out var field))
        {
            var text = ModelFields.Read(model, field);
            if (text is null)
            {
                return NilValue.Instance;
            }

            ref var value = ref _values[(int)field];
            return value ??= new StringValue(text);
        }

        return string.Equals(name, ModelFields.CustomFields, StringComparison.Ordinal) ? _customFields : NilValue.Instance;
    }
}
