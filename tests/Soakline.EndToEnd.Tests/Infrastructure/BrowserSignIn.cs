using Microsoft.Playwright;

namespace Soakline.EndToEnd.Tests.Infrastructure;

/// <summary>Signs a browser page in the way a person does: open the page, get the sign-in form, paste the key.</summary>
internal static class BrowserSignIn
{
    /// <returns>The response of the page the form returned to.</returns>
    public static async Task<IResponse?> SignInAsync(IPage page, Uri address, string apiKey)
    {
        var signInPage = await page.GotoAsync(address.ToString());
        if (signInPage?.Status != 401)
        {
            throw new InvalidOperationException($"{address} answered {signInPage?.Status} instead of the sign-in page");
        }

        await page.Locator("input[name='key']").FillAsync(apiKey);
        // The form posts the key and is redirected back to the page: wait for that page's own response.
        var response = await page.RunAndWaitForResponseAsync(
            () => page.Locator("form button[type='submit']").ClickAsync(),
            r => r.Request.Method == "GET" && r.Request.RedirectedFrom?.Method == "POST");
        await page.WaitForLoadStateAsync(LoadState.DOMContentLoaded);
        return response;
    }
}
