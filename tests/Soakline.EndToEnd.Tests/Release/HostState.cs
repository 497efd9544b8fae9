using System.Net.Http.Json;
using System.Text.Json;
using Soakline.Demo.Kit.Hosts;

namespace Soakline.EndToEnd.Tests.Release;

/// <summary>What one demo host runs, read from outside the app: its <c>current</c> release on disk and the sample app's answer.</summary>
internal sealed record HostState(string Host, string? CurrentRelease, string? Revision, string HealthStatus, string? ServedRelease)
{
    public static async Task<HostState> ReadAsync(LocalHosts hosts, string name)
    {
        var current = new DirectoryInfo(Path.Combine(hosts.FolderOf(name), "app", "current"));
        var address = LocalHosts.All.Single(h => h.Name == name).Address;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        try
        {
            using var response = await http.GetAsync(new Uri($"http://{address}:{hosts.AppPort}/health"));
            var health = await response.Content.ReadFromJsonAsync<JsonElement>();
            return new HostState(name, current.ResolveLinkTarget(returnFinalTarget: true)?.Name, hosts.CurrentRevisionOf(name),
                health.GetProperty("status").GetString() ?? "", health.GetProperty("release").GetString());
        }
        catch (HttpRequestException e)
        {
            return new HostState(name, current.ResolveLinkTarget(returnFinalTarget: true)?.Name, hosts.CurrentRevisionOf(name), $"no answer: {e.Message}", null);
        }
    }

    /// <summary>Healthy, serving its <c>current</c> release, built from <paramref name="commit"/>.</summary>
    public void AssertServes(string commit)
    {
        Assert.True(HealthStatus == "healthy", $"{Host}: {this}");
        Assert.True(Revision == commit, $"{Host} runs {Revision}, expected {commit}: {this}");
        Assert.True(CurrentRelease is not null && ServedRelease == CurrentRelease, $"{Host} serves {ServedRelease} but current is {CurrentRelease}");
    }
}
