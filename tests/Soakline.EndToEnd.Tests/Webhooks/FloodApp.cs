using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Soakline.EndToEnd.Tests.Infrastructure;
using Soakline.Functions.Webhooks;

namespace Soakline.EndToEnd.Tests.Webhooks;

/// <summary>
/// The real app in process, standalone on its engine (the Durable Task Framework on Azurite) under its own task hub, with the real
/// release orchestrators and the table-backed delivery ledger: nothing replaced.
/// </summary>
internal sealed class FloodApp(string storageConnectionString, string taskHub) : WebApplicationFactory<Program>
{
    /// <summary>The app's source control: without one it refuses to start.</summary>
    private readonly SpeclessClone _clone = new();

    public const string WebhookSecret = "whsec-FLOOD-TEST-9c8b7a6f5e4d";

    /// <summary>Small, so an oversized body is cheap to build and send many times.</summary>
    public const int MaxBodyBytes = 8192;

    public DurableTaskClient Client => Services.GetRequiredService<DurableTaskClient>();

    public IDeliveryLedger Ledger => Services.GetRequiredService<IDeliveryLedger>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Test");
        builder.UseSetting("Soakline:TaskHub", taskHub);
        builder.UseSetting("Soakline:Storage:ConnectionString", storageConnectionString);
        builder.UseSetting("Soakline:ApiKeys", "flood-test=apikey-FLOOD-TEST-1a2b3c4d5e6f");
        builder.UseSetting("Soakline:GitHub:WebhookSecret", WebhookSecret);
        builder.UseSetting("Soakline:GitHub:WebhookMaxBodyBytes", $"{MaxBodyBytes}");
        builder.UseSetting("Soakline:Approvals:SigningKey", "c2lnbmluZy1rZXktRkxPT0QtMDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY=");
        builder.UseSetting("Soakline:Policy:Repositories", "acme/shop");
        builder.UseSetting("Soakline:LocalGit:Repositories:acme/shop", _clone.Path);
    }

    /// <summary>
    /// Every instance in the task hub, with its name, once every accepted push has its pipeline: the webhook answers a
    /// push when it is recorded and the app's pump starts it, so this waits until the ledger holds no pending push.
    /// </summary>
    public async Task<List<OrchestrationMetadata>> InstancesAsync()
    {
        await Eventually.MatchAsync(
            () => Ledger.PendingPushesAsync(CancellationToken.None),
            pending => pending.Count == 0,
            TimeSpan.FromMinutes(5),
            "every accepted push to have a started pipeline",
            describe: pending => $"{pending.Count} accepted push(es) still pending");

        var list = new List<OrchestrationMetadata>();
        await foreach (var instance in Client.GetAllInstancesAsync(new OrchestrationQuery()))
        {
            list.Add(instance);
        }

        return list;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        _clone.Dispose();
    }
}
