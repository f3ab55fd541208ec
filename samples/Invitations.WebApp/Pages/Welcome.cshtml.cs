using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Invitations.WebApp.Pages;

/// <summary>The allow-listed redirect an invitee lands on: who is signed in, with which roles.</summary>
[Authorize]
public sealed class WelcomeModel : PageModel
{
    public string Name => User.Identity?.Name ?? "";

    public IReadOnlyList<string> Roles => [.. User.FindAll(ClaimTypes.Role).Select(c => c.Value).Order(StringComparer.Ordinal)];

    public void OnGet()
    {
    }
}
