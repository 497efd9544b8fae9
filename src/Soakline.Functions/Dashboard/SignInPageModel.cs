namespace Soakline.Functions.Dashboard;

/// <summary>What the sign-in page (<c>Slices/SignIn.cshtml</c>) shows; built by <see cref="SignInPage"/>.</summary>
/// <param name="ReturnTo">The dashboard address to go back to after signing in (<see cref="DashboardSignIn.SafeReturn"/>).</param>
/// <param name="Problem">Why the last attempt failed; null on a first visit.</param>
/// <param name="InAzure">Under Azure Functions, where App Service authentication signs people in as well.</param>
public sealed record SignInPageModel(DashboardLinks Links, string ReturnTo, string? Problem, bool InAzure)
{
    public string AzureSignIn => "/.auth/login/aad?post_login_redirect_uri=" + Uri.EscapeDataString(ReturnTo);

    public static string SessionHours => DashboardSession.Lifetime.TotalHours.ToString("0", System.Globalization.CultureInfo.InvariantCulture);
}
