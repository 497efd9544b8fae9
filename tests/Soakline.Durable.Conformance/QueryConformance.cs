using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Soakline.Durable.Conformance;

/// <summary>Metadata and queries: payload reading, filters, paging.</summary>
public abstract class QueryConformance(IDurableBackendFixture fixture) : ConformanceTestBase(fixture)
{
    public sealed record Order(string Sku, int Quantity);

    [Fact]
    public async Task Metadata_reads_input_output_and_custom_status_only_when_asked()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<Order, Order>("Packer", (ctx, order) =>
            {
                ctx.SetCustomStatus(new { stage = "packed", items = order.Quantity });
                return Task.FromResult(order with { Quantity = order.Quantity * 2 });
            }));

        var id = await StartAsync(host, "Packer", new Order("sku-1", 3));
        await CompletionOf(host, id);
        var full = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        var bare = await host.Client.GetInstanceAsync(id);

        Assert.Equal(new Order("sku-1", 3), full!.ReadInputAs<Order>());
        Assert.Equal(new Order("sku-1", 6), full.ReadOutputAs<Order>());
        Assert.Equal("packed", full.ReadCustomStatusAs<System.Text.Json.JsonElement>().GetProperty("stage").GetString());
        Assert.Equal("Packer", full.Name);
        Assert.True(full.IsCompleted);
        Assert.True(full.LastUpdatedAt >= full.CreatedAt);
        Assert.Null(bare!.SerializedInput);
        Assert.Null(bare.SerializedOutput);
        Assert.Null(bare.SerializedCustomStatus);
        Assert.Null(await host.Client.GetInstanceAsync(NewInstanceId("missing")));
    }

    [Fact]
    public async Task Queries_filter_by_status_and_prefix_and_page_through_results()
    {
        await using var host = await StartAsync(r => r
            .AddOrchestratorFunc<string>("Done", _ => Task.FromResult("ok"))
            .AddOrchestratorFunc<string>("Waits", async ctx =>
            {
                ctx.SetCustomStatus("waiting");
                return await ctx.WaitForExternalEvent<string>("never");
            }));

        var prefix = $"q{Guid.NewGuid():N}"[..12];
        var finished = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            if (i == 2)
            {
                await host.LetClockPassCreationOfAsync(finished[^1]); // So the created-time filter has a line to draw.
            }

            var id = await StartAsync(host, "Done", null, $"{prefix}-done-{i}");
            finished.Add(id);
            await CompletionOf(host, id);
        }

        var waiting = await StartAsync(host, "Waits", null, $"{prefix}-wait");
        await CustomStatusOf(host, waiting, "waiting");

        var completed = await ToListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery(
            Statuses: [OrchestrationRuntimeStatus.Completed], InstanceIdPrefix: prefix, PageSize: 2)));
        var running = await ToListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery(
            Statuses: [OrchestrationRuntimeStatus.Running], InstanceIdPrefix: prefix)));
        var pages = new List<int>();
        await foreach (var page in host.Client.GetAllInstancesAsync(new OrchestrationQuery(InstanceIdPrefix: prefix, PageSize: 4)).AsPages())
        {
            pages.Add(page.Values.Count);
        }

        var created = await host.Client.GetInstanceAsync(finished[2]);
        var since = await ToListAsync(host.Client.GetAllInstancesAsync(new OrchestrationQuery(CreatedFrom: created!.CreatedAt, InstanceIdPrefix: prefix)));

        Assert.Equal(finished.Order(StringComparer.Ordinal), completed.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
        Assert.Equal([waiting], running.Select(m => m.InstanceId));
        Assert.Equal(6, pages.Sum());
        Assert.True(pages.Count >= 2, $"6 instances at 4 per page came back in {pages.Count} page(s)");
        Assert.Equal(finished.Skip(2).Append(waiting).Order(StringComparer.Ordinal), since.Select(m => m.InstanceId).Order(StringComparer.Ordinal));
    }

    private static async Task<List<OrchestrationMetadata>> ToListAsync(AsyncPageable<OrchestrationMetadata> pageable)
    {
        var list = new List<OrchestrationMetadata>();
        await foreach (var item in pageable)
        {
            list.Add(item);
        }

        return list;
    }
}
