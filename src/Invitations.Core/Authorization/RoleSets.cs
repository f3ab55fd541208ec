namespace Invitations.Authorization;

/// <summary>Role checks on the invite path, as loops: <c>roles.Any(allowed.Contains)</c> made a delegate and an enumerator per call.</summary>
internal static class RoleSets
{
    /// <summary>Whether <paramref name="roles"/> holds one of <paramref name="allowed"/>.</summary>
    /// <param name="roles">The actor's roles.</param>
    /// <param name="allowed">The roles that qualify.</param>
    /// <returns>Whether one qualifies.</returns>
    public static bool HoldsAny(IReadOnlyCollection<string> roles, ISet<string> allowed)
    {
        if (roles is IReadOnlyList<string> list)
        {
            for (var i = 0; i < list.Count; i++)
            {
                if (allowed.Contains(list[i]))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (var role in roles)
        {
            if (allowed.Contains(role))
            {
                return true;
            }
        }

        return false;
    }
}
