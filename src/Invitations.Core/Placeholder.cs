namespace Invitations;

/// <summary>Placeholder removed once the Core types land.</summary>
internal static class Placeholder;
