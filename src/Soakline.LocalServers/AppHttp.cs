namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>Observes the tiny app over HTTP: which release answers on a host.</summary>
public static class AppHttp
{
    private static readonly HttpClient Client = new() { Timeout = TimeSpan.FromSeconds(2) };

    public static async Task<string?> GetAsync(Uri url)
    {
        try
        {
            return (await Client.GetStringAsync(url)).Trim();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return null;
        }
    }

    /// <summary>Waits until the host answers with <paramref name="release"/> (a restart returns before the app listens).</summary>
    public static async Task<string?> WaitForReleaseAsync(string address, int port, string release, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(10));
        string? answer;
        do
        {
            answer = await GetAsync(new Uri($"http://{address}:{port}/"));
            if (answer == release)
            {
                return answer;
            }

            await Task.Delay(25);
        }
        while (DateTime.UtcNow < deadline);
        return answer;
    }
}
