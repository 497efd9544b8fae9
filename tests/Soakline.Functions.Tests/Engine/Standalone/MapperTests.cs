using DurableTask.Core;
using Microsoft.DurableTask.Client;
using Soakline.Functions.Engine.Standalone;
using Soakline.Functions.Hosting;

namespace Soakline.Functions.Tests.Engine.Standalone;

/// <summary>DTFx state reads as the SDK's OrchestrationMetadata.</summary>
public sealed class MapperTests
{
    [Fact]
    public void Every_dtfx_status_maps_and_continued_as_new_reads_as_running()
    {
        foreach (var status in Enum.GetValues<OrchestrationStatus>())
        {
            var sdk = OrchestrationStateMapper.ToSdk(status);
            if (status != OrchestrationStatus.ContinuedAsNew)
            {
                Assert.Equal(status, OrchestrationStateMapper.ToCore(sdk));
            }
        }

        Assert.Equal(OrchestrationRuntimeStatus.Running, OrchestrationStateMapper.ToSdk(OrchestrationStatus.ContinuedAsNew));
        Assert.False(OrchestrationStateMapper.IsTerminal(OrchestrationStatus.ContinuedAsNew));
        Assert.True(OrchestrationStateMapper.IsTerminal(OrchestrationStatus.Terminated));
    }

    [Fact]
    public void Metadata_carries_the_converter_failure_details_and_utc_times()
    {
        var created = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Unspecified);
        var state = new OrchestrationState
        {
            Name = "Release",
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "r-1" },
            OrchestrationStatus = OrchestrationStatus.Failed,
            CreatedTime = created,
            LastUpdatedTime = created.AddMinutes(1),
            Input = "{\"sha\":\"abc\"}",
            Output = "boom (not JSON)",
            Status = "{\"stageName\":\"canary\"}",
            FailureDetails = new FailureDetails("System.TimeoutException", "probe timed out", null, new FailureDetails("Inner", "inner", null, null, false), false),
        };

        var metadata = OrchestrationStateMapper.ToMetadata(state, includePayloads: true, PayloadJson.DataConverter);

        Assert.Same(PayloadJson.DataConverter, metadata.DataConverter);
        Assert.Equal(new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero), metadata.CreatedAt);
        Assert.Equal("{\"sha\":\"abc\"}", metadata.SerializedInput);
        Assert.Null(metadata.SerializedOutput);
        Assert.Equal("System.TimeoutException", metadata.FailureDetails!.ErrorType);
        Assert.Equal("inner", metadata.FailureDetails.InnerFailure!.ErrorMessage);
        Assert.Equal("canary", metadata.ReadCustomStatusAs<Dictionary<string, string>>()!["stageName"]);
    }

    [Fact]
    public void Without_payloads_the_metadata_carries_no_input_and_no_custom_status_but_reads_them_when_asked()
    {
        var state = new OrchestrationState
        {
            Name = "Release",
            OrchestrationInstance = new OrchestrationInstance { InstanceId = "r-2" },
            OrchestrationStatus = OrchestrationStatus.Running,
            Input = "{}",
            Status = "\"soaking\"",
        };

        var bare = OrchestrationStateMapper.ToMetadata(state, includePayloads: false, PayloadJson.DataConverter);
        var full = OrchestrationStateMapper.ToMetadata(state, includePayloads: true, PayloadJson.DataConverter);

        // As the fake-clock host does (the conformance suite checks both): payloads only when asked for.
        Assert.Null(bare.SerializedInput);
        Assert.Null(bare.SerializedCustomStatus);
        Assert.Equal("{}", full.SerializedInput);
        Assert.Equal("soaking", full.ReadCustomStatusAs<string>());
    }
}
