using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using Soakline.Functions.Dashboard;
using Soakline.Functions.Tests.Infrastructure;

namespace Soakline.Functions.Tests.Dashboard;

/// <summary>How a browser gets into the dashboard: a one-time ?key= becomes an HttpOnly, SameSite=Strict cookie.</summary>
public sealed class DashboardSessionTests : IDisposable
{
    private readonly SoaklineAppFactory _app = new();

    public void Dispose() => _app.Dispose();

    private HttpClient Browser() => _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    [Fact]
    public async Task A_valid_key_in_the_address_sets_the_cookie_and_redirects_without_the_key()
    {
        var response = await Browser().GetAsync("/dashboard?key=" + Uri.EscapeDataString(TestSettings.ApiKey) + "&view=all");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/dashboard?view=all", response.Headers.Location!.OriginalString);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardSession.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task A_wrong_key_in_the_address_is_401_and_sets_no_cookie()
    {
        var response = await Browser().GetAsync("/dashboard?key=wrong-key-wrong-key");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
        Assert.DoesNotContain("wrong-key", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_cookie_opens_the_dashboard_and_api_reads_but_a_change_also_needs_the_dashboard_header()
    {
        var http = Browser();
        http.DefaultRequestHeaders.Add("Cookie", $"{DashboardSession.CookieName}={Uri.EscapeDataString(TestSettings.ApiKey)}");

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/dashboard")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync("/api/pipelines")).StatusCode);

        var body = new StringContent("{\"by\":\"lead@example.com\"}", System.Text.Encoding.UTF8, "application/json");
        Assert.Equal(HttpStatusCode.Unauthorized, (await http.PostAsync("/api/pipelines/release:acme:shop:main:abc/approve", body)).StatusCode);

        using var withHeader = new HttpRequestMessage(HttpMethod.Post, "/api/pipelines/release:acme:shop:main:abc/approve") { Content = new StringContent("{\"by\":\"lead@example.com\"}", System.Text.Encoding.UTF8, "application/json") };
        withHeader.Headers.Add(DashboardSession.RequestHeader, "1");
        Assert.Equal(HttpStatusCode.NotFound, (await http.SendAsync(withHeader)).StatusCode);
    }

    [Fact]
    public async Task Without_key_or_cookie_the_dashboard_pages_and_assets_are_401()
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
        Assert.DoesNotContain("?code=", await http.GetStringAsync("/dashboard"), StringComparison.Ordinal);
    }
}
