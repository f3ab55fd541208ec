namespace Invitations.WebApp.Setup;

/// <summary>Response headers every page gets.</summary>
public static class SecurityHeaders
{
    /// <summary>
    /// The app runs no script at all, so the policy forbids every script: an invitee's name that slipped past encoding
    /// still could not run. <c>no-referrer</c> keeps the invitation token of the current URL out of the Referer of any
    /// request the page makes.
    /// </summary>
    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = "default-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XContentTypeOptions = "nosniff";
            return next(context);
        });
}
