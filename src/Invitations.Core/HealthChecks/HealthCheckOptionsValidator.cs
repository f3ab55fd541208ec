using Microsoft.Extensions.Options;

namespace Invitations.HealthChecks;

/// <summary>Each Degraded threshold must lie below its Unhealthy one, or Degraded could never be reported.</summary>
internal sealed class HealthCheckOptionsValidator : IValidateOptions<InvitationsOptions>
{
    public ValidateOptionsResult Validate(string? name, InvitationsOptions options)
    {
        var h = options.HealthChecks;
        var failures = new List<string>();
        if (h.BacklogDegraded > h.BacklogUnhealthy)
        {
            failures.Add("HealthChecks.BacklogDegraded must not exceed HealthChecks.BacklogUnhealthy.");
        }

        if (h.OldestDueDegraded > h.OldestDueUnhealthy)
        {
            failures.Add("HealthChecks.OldestDueDegraded must not exceed HealthChecks.OldestDueUnhealthy.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
