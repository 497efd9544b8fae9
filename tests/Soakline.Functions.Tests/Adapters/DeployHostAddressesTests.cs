using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Soakline.Functions.Adapters;
using Soakline.Pipeline.Ports;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace Soakline.Functions.Tests.Adapters;

/// <summary>
/// A health URL names the deploy host (<c>http://{host}:port/health</c> becomes <c>http://web-7:port/health</c>); the
/// probe reaches it at the host's configured address although the name is in no DNS.
/// </summary>
public sealed class DeployHostAddressesTests : IDisposable
{
    private readonly WireMockServer _app = WireMockServer.Start();

    public DeployHostAddressesTests() =>
        _app.Given(Request.Create().WithPath("/health").UsingGet()).RespondWith(Response.Create().WithStatusCode(200).WithBody("ok"));

    public void Dispose() => _app.Stop();

    [Fact]
    public async Task A_health_check_of_a_local_host_by_name_connects_to_its_address()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Soakline:Local:Hosts:web-7:Address"] = "127.0.0.1",
            ["Soakline:Local:Hosts:web-7:BaseDirectory"] = "/tmp/soakline-web-7",
        }).Build();
        var services = new ServiceCollection().AddLogging().AddSingleton(TimeProvider.System);
        services.AddSoaklineAdapters(configuration);
        await using var provider = services.BuildServiceProvider();
        var probe = provider.GetRequiredService<IHealthProbe>();
        var port = new Uri(_app.Url!).Port;

        var byName = await probe.CheckAsync(new HealthCheckRequest(new Uri($"http://web-7:{port}/health"), Attempts: 1, Timeout: TimeSpan.FromSeconds(5)), CancellationToken.None);
        var unknown = await probe.CheckAsync(new HealthCheckRequest(new Uri($"http://web-8.invalid:{port}/health"), Attempts: 1, Timeout: TimeSpan.FromSeconds(5)), CancellationToken.None);

        Assert.True(byName.Healthy, byName.Error);
        Assert.Equal(200, byName.LastStatusCode);
        Assert.Equal("web-7:" + port, _app.LogEntries.Single().RequestMessage!.Headers!["Host"].Single());
        Assert.False(unknown.Healthy);
    }
}
