using System.Net;
using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Dashboard;

/// <summary>
/// How a browser gets into the dashboard: the sign-in page posts a named key once and gets a signed, expiring session
/// cookie that holds the name, never the key; a removed key ends its sessions.
/// </summary>
public sealed class DashboardSessionTests : IDisposable
{
    private readonly SoaklineAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient Browser() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    private static HttpRequestMessage Page(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/html"));
        return request;
    }

    private static FormUrlEncodedContent SignInForm(string key, string returnTo = "/dashboard?view=all") =>
        new([new KeyValuePair<string, string>(DashboardSignIn.KeyField, key), new KeyValuePair<string, string>(DashboardSignIn.ReturnField, returnTo)]);

    private async Task<string> SessionCookieAsync(string key = TestSettings.ApiKey)
    {
        var response = await Browser().PostAsync(DashboardSignIn.SignInRoute, SignInForm(key));
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        return cookie[..cookie.IndexOf(';', StringComparison.Ordinal)];
    }

    [Fact]
    public async Task A_browser_without_a_session_gets_a_sign_in_page_that_says_how_to_sign_in()
    {
        var response = await Browser().SendAsync(Page("/dashboard/pipelines/release:acme:shop:main:abc"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType!.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("<form method=\"post\" action=\"/dashboard/sign-in\">", html, StringComparison.Ordinal);
        Assert.Contains("type=\"password\" name=\"key\"", html, StringComparison.Ordinal);
        Assert.Contains("value=\"/dashboard/pipelines/release:acme:shop:main:abc\"", html, StringComparison.Ordinal);
        Assert.Contains("Soakline__ApiKeys", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_azure_the_sign_in_page_points_to_app_service_authentication_and_keeps_the_function_key()
    {
        await using var app = new SoaklineAppFactory().AsFunctionsWorker();
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var html = await (await http.SendAsync(Page("/dashboard?code=fn%2Bkey"))).Content.ReadAsStringAsync();

        Assert.Contains("App Service authentication", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/.auth/login/aad?post_login_redirect_uri=%2Fdashboard%3Fcode%3Dfn%252Bkey\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/dashboard/sign-in?code=fn%2Bkey\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_azure_the_function_key_alone_shows_the_dashboard_with_a_way_to_sign_in_and_a_session_shows_who_is_signed_in()
    {
        await using var app = new SoaklineAppFactory().AsFunctionsWorker().WithServices(s => s.AddSingleton<IStartupFilter, FunctionInvocations>());
        var http = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        var anonymous = await (await http.SendAsync(Page("/dashboard?code=fn"))).Content.ReadAsStringAsync();
        var signInPage = await http.SendAsync(Page("/dashboard/sign-in?code=fn"));
        using var signedIn = Page("/dashboard?code=fn");
        signedIn.Headers.Add("Cookie", await SessionCookieAsync());
        var named = await (await http.SendAsync(signedIn)).Content.ReadAsStringAsync();

        Assert.Contains("href=\"/dashboard/sign-in?code=fn\">Sign in to decide</a>", anonymous, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, signInPage.StatusCode);
        Assert.Contains("name=\"returnTo\" value=\"/dashboard?code=fn\"", await signInPage.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("<span class=\"sub\" id=\"signed-in-as\">lead@example.com</span>", named, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Signing_in_with_a_named_key_sets_a_signed_session_without_the_key_and_returns_to_the_page()
    {
        var response = await Browser().PostAsync(DashboardSignIn.SignInRoute, SignInForm(TestSettings.ApiKey));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard?view=all", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardSession.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("max-age=43200", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain(TestSettings.ApiKey, Uri.UnescapeDataString(cookie), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sign_in_returns_only_to_dashboard_pages_of_this_site()
    {
        var response = await Browser().PostAsync(DashboardSignIn.SignInRoute, SignInForm(TestSettings.ApiKey, "https://evil.example/dashboard"));

        Assert.Equal("/dashboard", response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task A_wrong_key_gets_the_sign_in_page_again_with_401_and_sets_no_cookie()
    {
        var response = await Browser().PostAsync(DashboardSignIn.SignInRoute, SignInForm("wrong-key-wrong-key"));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("That key is not one of the API keys of this app.", html, StringComparison.Ordinal);
        Assert.DoesNotContain("wrong-key", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_key_in_the_address_is_not_a_way_in()
    {
        var response = await Browser().SendAsync(Page("/dashboard?key=" + Uri.EscapeDataString(TestSettings.ApiKey)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task The_session_opens_the_dashboard_and_api_reads_but_a_change_also_needs_the_dashboard_header()
    {
        var http = Browser();
        http.DefaultRequestHeaders.Add("Cookie", await SessionCookieAsync());

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines")).StatusCode);

        var body = new StringContent("{}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/pipelines/release:acme:shop:main:abc/approve", body)).StatusCode);

        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/release:acme:shop:main:abc/approve") { Content = new StringContent("{}", System.Text.Encoding.UTF8, "application/json") };
        withHeader.Headers.Add(DashboardSession.RequestHeader, "1");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(withHeader)).StatusCode);
    }

    [Fact]
    public async Task A_session_ends_when_it_expires_when_its_key_is_removed_or_when_it_is_tampered_with()
    {
        var cookie = await SessionCookieAsync();
        var http = Browser();
        http.DefaultRequestHeaders.Add("Cookie", cookie);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines")).StatusCode);

        var forged = Browser();
        var value = cookie[(cookie.IndexOf('=', StringComparison.Ordinal) + 1)..];
        var parts = value.Split('.');
        forged.DefaultRequestHeaders.Add("Cookie", $"{DashboardSession.CookieName}={Convert.ToBase64String("mallory@example.com"u8.ToArray()).TrimEnd('=')}.{parts[1]}.{parts[2]}");
        Assert.Equal(HttpStatusCode.Unauthorized, (await forged.GetAsync("/api/pipelines")).StatusCode);

        await using (var withoutTheKey = new SoaklineAppFactory().With("Soakline__ApiKeys", $"{TestSettings.OtherKeyName}={TestSettings.OtherKey}"))
        {
            var other = withoutTheKey.CreateClient();
            other.DefaultRequestHeaders.Add("Cookie", cookie);
            Assert.Equal(HttpStatusCode.Unauthorized, (await other.GetAsync("/api/pipelines")).StatusCode);
        }

        _app.Clock.Advance(DashboardSession.Lifetime);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/api/pipelines")).StatusCode);
    }

    [Fact]
    public async Task Another_instance_of_the_app_with_the_same_settings_accepts_the_session()
    {
        var cookie = await SessionCookieAsync();
        await using var second = new SoaklineAppFactory();
        var http = second.CreateClient();
        http.DefaultRequestHeaders.Add("Cookie", cookie);

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines")).StatusCode);
    }

    [Fact]
    public async Task Signing_out_ends_the_session_in_the_browser()
    {
        var response = await Browser().PostAsync(DashboardSignIn.SignOutRoute, new FormUrlEncodedContent([]));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardSession.CookieName + "=;", cookie, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Without_key_or_session_the_dashboard_pages_and_assets_are_401()
    {
        var http = Browser();

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/pipelines/release:acme:shop:main:abc")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync("/dashboard/assets/dashboard.js")).StatusCode);
    }

    [Fact]
    public async Task A_function_key_in_the_address_is_carried_to_the_stylesheet_script_and_links()
    {
        var http = Browser();
        http.DefaultRequestHeaders.Add("X-Api-Key", TestSettings.ApiKey);

        var html = await http.GetStringAsync("/dashboard?code=fn%2Bkey");

        Assert.Contains("href=\"/dashboard/assets/dashboard.css?code=fn%2Bkey\"", html, StringComparison.Ordinal);
        Assert.Contains("src=\"/dashboard/assets/dashboard.js?code=fn%2Bkey\"", html, StringComparison.Ordinal);
        Assert.Contains("class=\"brand\" href=\"/dashboard?code=fn%2Bkey\"", html, StringComparison.Ordinal);
        Assert.Contains("action=\"/dashboard/sign-out?code=fn%2Bkey\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("?code=", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }
}
