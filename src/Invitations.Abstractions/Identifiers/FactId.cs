namespace Invitations;

/// <summary>
/// The identifier of one fact. Receivers use it as their idempotency key: a fact delivered twice
/// (at-least-once delivery) carries the same id both times (Standard Webhooks <c>webhook-id</c>).
/// </summary>
/// <param name="Value">The underlying GUID.</param>
[System.Text.Json.Serialization.JsonConverter(typeof(Invitations.FactIdJsonConverter))]
public readonly record struct FactId(Guid Value)
{
    /// <summary>The id as <c>fact_</c> followed by 32 hex digits, the form used on the wire.</summary>
    /// <returns>For example <c>fact_0193a6f08c2e7b7e9a612f6c1d2e3f40</c>.</returns>
    public override string ToString() => "fact_" + Value.ToString("N");
}
