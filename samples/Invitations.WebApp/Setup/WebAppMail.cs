using Invitations.MailKit;
using Microsoft.Extensions.Options;

namespace Invitations.WebApp.Setup;

/// <summary>Where invitation e-mails go: an SMTP server when <c>Invitations:Smtp:Host</c> is set, else .eml files.</summary>
public static class WebAppMail
{
    /// <summary>The SMTP settings, inside the invitations section as the MailKit package's documentation places them.</summary>
    public const string SmtpSection = "Invitations:Smtp";

    /// <summary>Whether an SMTP server is configured.</summary>
    public static bool UsesSmtp(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[$"{SmtpSection}:Host"]);

    /// <summary>
    /// Registers the sender. Both come from Invitations.MailKit: its pickup-directory sender writes each message as a
    /// complete MIME file (the same bytes SMTP would carry), which any mail client opens and the browser tests parse.
    /// </summary>
    public static InvitationsBuilder UseWebAppMail(this InvitationsBuilder invitations, IConfiguration configuration)
    {
        if (UsesSmtp(configuration))
        {
            return invitations.UseMailKit(configuration.GetSection(SmtpSection));
        }

        invitations.UsePickupDirectory("pickup", o => o.FromAddress = "invitations@example.test");

        // The folder lives in the data directory, which is known once configuration (a test's included) is complete.
        invitations.Services.AddOptions<PickupDirectoryOptions>().Configure<WebAppPaths>((o, paths) => o.Directory = paths.Pickup);
        return invitations;
    }

    /// <summary>One line saying where the mail goes, for the start banner.</summary>
    public static string Describe(IServiceProvider services)
    {
        var configuration = services.GetRequiredService<IConfiguration>();
        return UsesSmtp(configuration)
            ? $"SMTP {configuration[$"{SmtpSection}:Host"]}:{configuration[$"{SmtpSection}:Port"] ?? "587"}"
            : $".eml files in {services.GetRequiredService<IOptions<PickupDirectoryOptions>>().Value.Directory}";
    }
}
