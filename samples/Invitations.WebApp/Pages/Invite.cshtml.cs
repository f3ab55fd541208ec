using System.ComponentModel.DataAnnotations;
using Invitations.AspNetCore.Identity;
using Invitations.WebApp.Setup;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Invitations.WebApp.Pages;

/// <summary>
/// The page the invitation link opens (the client's <c>InitiateLoginUri</c>). GET only previews, so a mail scanner that
/// follows the link changes nothing; every change is a POST with the form's antiforgery token.
/// </summary>
public sealed class InviteModel(
    IInvitationRedemption redemption,
    IInvitationAccounts<IdentityUser> accounts,
    SignInManager<IdentityUser> signIn,
    WebAppLinks links) : PageModel
{
    [BindProperty]
    public string Token { get; set; } = "";

    /// <summary>The invited address, shown read-only; posted back only for the double-submit sign-in (see below), never to register.</summary>
    [BindProperty]
    public string? Email { get; set; }

    [BindProperty, Display(Name = "Given name"), StringLength(100)]
    public string? GivenName { get; set; }

    [BindProperty, Display(Name = "Family name"), StringLength(100)]
    public string? FamilyName { get; set; }

    [BindProperty, DataType(DataType.Password)]
    public string Password { get; set; } = "";

    [BindProperty, DataType(DataType.Password), Display(Name = "Repeat the password")]
    public string ConfirmPassword { get; set; } = "";

    public InviteView View { get; private set; } = InviteView.NotValid;

    /// <summary>The invitation as the link's token previews it (read-only address, names to pre-fill).</summary>
    public InvitationPreview? Invitation { get; private set; }

    /// <summary>The address of the account signed in now, when it is not the invited one.</summary>
    public string? SignedInEmail { get; private set; }

    /// <summary>Whether the invitation may only be accepted by an account with the invited address.</summary>
    public bool SameEmailRequired { get; private set; }

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Token = Request.Query[links.TokenParameter].ToString();
        var loginLink = string.Equals(Request.Query["view_type"], "login", StringComparison.Ordinal);
        await ShowAsync(loginLink, cancellationToken);
        if (View == InviteView.Register)
        {
            Email = Invitation!.Email;
            GivenName = Invitation.GivenName;
            FamilyName = Invitation.FamilyName;
        }
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken cancellationToken)
    {
        if (Password.Length == 0)
        {
            ModelState.AddModelError(nameof(Password), "Choose a password.");
        }
        else if (!string.Equals(Password, ConfirmPassword, StringComparison.Ordinal))
        {
            ModelState.AddModelError(nameof(ConfirmPassword), "The two passwords differ.");
        }

        if (!ModelState.IsValid)
        {
            return await RedisplayAsync(cancellationToken);
        }

        var registered = await accounts.RegisterAsync(
            new InvitationRegistration
            {
                Token = Token,
                Password = Password,
                GivenName = Blank(GivenName),
                FamilyName = Blank(FamilyName),
                RequestId = HttpContext.TraceIdentifier,
            },
            cancellationToken);
        if (registered.Succeeded)
        {
            await signIn.SignInAsync(registered.User, isPersistent: false);
            return RedirectAfterAccept(registered.Accepted);
        }

        if (registered.Error.Code is InvitationErrorCodes.InvitationAlreadyAccepted or InvitationErrorCodes.AccountExists
            && await SignInWithInvitedAddressAsync())
        {
            // A double submit: the first request made the account, this one proves its password. Land where the first went
            // (or, for an account that existed before, back on the link, which now offers to accept into it).
            return registered.Error.Code == InvitationErrorCodes.InvitationAlreadyAccepted ? RedirectAfterAccept(null) : Redirect(LinkUrl());
        }

        foreach (var error in registered.IdentityErrors)
        {
            ModelState.AddModelError(nameof(Password), error.Description);
        }

        if (registered.IdentityErrors.Count == 0)
        {
            ModelState.AddModelError(string.Empty, Explain(registered.Error));
        }

        return await RedisplayAsync(cancellationToken);
    }

    public async Task<IActionResult> OnPostAcceptHereAsync(CancellationToken cancellationToken)
    {
        var accepted = await accounts.AcceptSignedInAsync(User, Token, cancellationToken);
        if (!accepted.Succeeded)
        {
            ModelState.AddModelError(string.Empty, Explain(accepted.Error));
            return await RedisplayAsync(cancellationToken);
        }

        // The roles were just added: a new cookie carries them.
        await signIn.RefreshSignInAsync(accepted.User);
        return RedirectAfterAccept(accepted.Accepted);
    }

    public async Task<IActionResult> OnPostSignOutAsync()
    {
        await signIn.SignOutAsync();
        return Redirect(LinkUrl());
    }

    private async Task ShowAsync(bool loginLink, CancellationToken cancellationToken)
    {
        Response.Headers.CacheControl = "no-store";
        if (Token.Length == 0)
        {
            View = InviteView.NotValid;
            return;
        }

        if (User.Identity?.IsAuthenticated == true)
        {
            var check = await accounts.CheckSignedInAsync(User, Token, cancellationToken);
            if (!check.IsSuccess)
            {
                View = ViewOf(check.Error);
                return;
            }

            Invitation = check.Value.Invitation;
            SameEmailRequired = check.Value.SameEmailRequired;
            SignedInEmail = check.Value.SignedInEmail;
            View = check.Value.Status switch
            {
                SignedInAccountStatus.SameAddress => InviteView.SignedInAsInvitee,
                SignedInAccountStatus.DifferentAddress => InviteView.SignedInAsSomeoneElse,
                _ => loginLink ? InviteView.SignInFirst : InviteView.Register,
            };
            return;
        }

        var preview = await redemption.PreviewAsync(Token, cancellationToken);
        if (!preview.IsSuccess)
        {
            View = ViewOf(preview.Error);
            return;
        }

        Invitation = preview.Value;
        SameEmailRequired = preview.Value.AllowSameEmailOnly;
        View = loginLink ? InviteView.SignInFirst : InviteView.Register;
    }

    private async Task<IActionResult> RedisplayAsync(CancellationToken cancellationToken)
    {
        await ShowAsync(loginLink: false, cancellationToken);
        return Page();
    }

    /// <summary>
    /// The second request of a double submit cannot preview the invitation any more (the first accepted it), so it signs in
    /// with the address the form showed and the password it carries: a plain password sign-in, which proves the account.
    /// </summary>
    private async Task<bool> SignInWithInvitedAddressAsync()
    {
        if (string.IsNullOrEmpty(Email))
        {
            return false;
        }

        var result = await signIn.PasswordSignInAsync(Email, Password, isPersistent: false, lockoutOnFailure: true);
        return result.Succeeded;
    }

    private IActionResult RedirectAfterAccept(AcceptResult? accepted)
    {
        var target = accepted?.RedirectLink ?? links.RedirectAfterRegistration;
        return links.IsAllowedRedirect(target) ? Redirect(target!) : LocalRedirect("/welcome");
    }

    /// <summary>This page for the same token, as a local path (where sign-in returns to).</summary>
    public string LinkUrl() => $"/invite?{links.TokenParameter}={Uri.EscapeDataString(Token)}";

    private static InviteView ViewOf(InvitationError error) => error.Code switch
    {
        InvitationErrorCodes.InvitationExpired => InviteView.Expired,
        InvitationErrorCodes.InvitationAlreadyAccepted => InviteView.AlreadyUsed,
        _ => InviteView.NotValid,
    };

    private static string Explain(InvitationError error) => error.Code switch
    {
        InvitationErrorCodes.AccountExists => "An account with this address exists already: sign in with it, then open the link again.",
        InvitationErrorCodes.SameEmailRequired => "This invitation can only be accepted by an account with the invited address.",
        _ => $"{error.Message} ({error.Code})",
    };

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
