using System.ComponentModel.DataAnnotations;
using Invitations.AspNetCore;
using Invitations.WebApp.Setup;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;

namespace Invitations.WebApp.Pages.Admin;

/// <summary>Invite someone (name, e-mail, role); the pending invitations with resend and revoke. Administrators only (see Program).</summary>
public sealed class IndexModel(IInvitationManager invitations, WebAppLinks links, IOptions<WebAppOptions> options) : PageModel
{
    private const int ListSize = 100;

    [BindProperty, Display(Name = "Given name"), StringLength(100)]
    public string? GivenName { get; set; }

    [BindProperty, Display(Name = "Family name"), StringLength(100)]
    public string? FamilyName { get; set; }

    [BindProperty, Required, Display(Name = "E-mail address")]
    public string Email { get; set; } = "";

    [BindProperty, Required]
    public string Role { get; set; } = "";

    [TempData]
    public string? Status { get; set; }

    [TempData]
    public string? Problem { get; set; }

    public IReadOnlyList<string> Roles => options.Value.InvitableRoles;

    public IReadOnlyList<InvitationSnapshot> Pending { get; private set; } = [];

    public async Task OnGetAsync(CancellationToken cancellationToken) => await LoadPendingAsync(cancellationToken);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken cancellationToken)
    {
        if (!Roles.Contains(Role, StringComparer.Ordinal))
        {
            ModelState.AddModelError(nameof(Role), "Choose one of the listed roles.");
        }

        if (!ModelState.IsValid)
        {
            await LoadPendingAsync(cancellationToken);
            return Page();
        }

        // The library validates the address, the names and the redirect, and answers with a code instead of throwing.
        var invited = await invitations.InviteAsync(
            new InviteRequest
            {
                Inviter = Actor,
                Email = Email.Trim(),
                GivenName = Blank(GivenName),
                FamilyName = Blank(FamilyName),
                Roles = [Role],
                RedirectLink = links.RedirectAfterRegistration,
            },
            cancellationToken);
        if (!invited.IsSuccess)
        {
            ModelState.AddModelError(string.Empty, $"Not invited: {invited.Error.Message} ({invited.Error.Code})");
            await LoadPendingAsync(cancellationToken);
            return Page();
        }

        Status = $"Invited {Describe(invited.Value.Invitation)} as {Role}: {invited.Value.Status}. The e-mail is on its way.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResendAsync(string id, CancellationToken cancellationToken)
    {
        if (!InvitationId.TryParse(id, out var invitationId))
        {
            return BadRequest();
        }

        var resent = await invitations.ResendAsync(invitationId, Actor, cancellationToken: cancellationToken);
        Report(resent.IsSuccess ? $"Sent again to {Describe(resent.Value.Invitation)}; the earlier link no longer works." : null, resent.Error);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(string id, CancellationToken cancellationToken)
    {
        if (!InvitationId.TryParse(id, out var invitationId))
        {
            return BadRequest();
        }

        var revoked = await invitations.RevokeAsync(invitationId, Actor, cancellationToken: cancellationToken);
        Report(revoked.IsSuccess ? $"Revoked the invitation of {Describe(revoked.Value)}; its link no longer works." : null, revoked.Error);
        return RedirectToPage();
    }

    /// <summary>The invitee's name and address as plain text (Razor encodes it wherever it is shown).</summary>
    public static string Describe(InvitationSnapshot invitation)
    {
        var name = string.Join(' ', new[] { invitation.GivenName, invitation.FamilyName }.Where(n => !string.IsNullOrWhiteSpace(n)));
        return name.Length == 0 ? invitation.Email ?? "" : $"{name} <{invitation.Email}>";
    }

    // The signed-in administrator as the library's actor (id, name and role claims of the Identity cookie).
    private InvitationActor Actor => User.ToInvitationActor() ?? throw new InvalidOperationException("The admin pages require a signed-in user.");

    private void Report(string? success, InvitationError? error)
    {
        if (error is null)
        {
            Status = success;
        }
        else
        {
            Problem = $"{error.Message} ({error.Code})";
        }
    }

    private async Task LoadPendingAsync(CancellationToken cancellationToken)
    {
        // "Pending" is two states: sent once (Initiated) and sent again (Reinitiated).
        var pending = new List<InvitationSnapshot>();
        foreach (var state in new[] { InvitationState.Initiated, InvitationState.Reinitiated })
        {
            var page = await invitations.FindAsync(new InvitationSearch { State = state, PageSize = ListSize }, Actor, cancellationToken);
            if (page.IsSuccess)
            {
                pending.AddRange(page.Value.Items);
            }
        }

        Pending = [.. pending.OrderByDescending(i => i.CreatedAt).Take(ListSize)];
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
