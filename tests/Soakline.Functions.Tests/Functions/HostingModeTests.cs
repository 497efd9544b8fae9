using Microsoft.Extensions.Configuration;
using Soakline.Functions.Configuration;
using Soakline.Functions.Hosting;

namespace Soakline.Functions.Tests.Functions;

/// <summary>One executable, two modes: only the Functions host's own start-up signals select the worker.</summary>
public sealed class HostingModeTests
{
    [Fact]
    public void The_functions_host_arguments_select_the_worker()
    {
        string[] args = ["--host", "127.0.0.1", "--port", "51234", "--workerId", "w", "--requestId", "r", "--grpcMaxMessageLength", "2147483647",
            "--functions-uri", "http://127.0.0.1:51234/", "--functions-worker-id", "w", "--functions-request-id", "r", "--functions-grpc-max-message-length", "2147483647"];
        Assert.Equal(HostingMode.FunctionsWorker, HostingModeDetector.Detect(args, _ => null));
    }

    [Fact]
    public void The_placeholder_host_environment_selects_the_worker()
        => Assert.Equal(HostingMode.FunctionsWorker, HostingModeDetector.Detect([], name => name == "Functions__Worker__HostEndpoint" ? "http://127.0.0.1:1/" : null));

    [Fact]
    public void Anything_else_is_standalone_even_with_functions_app_settings()
        => Assert.Equal(HostingMode.Standalone, HostingModeDetector.Detect(["--urls", "http://127.0.0.1:5000"], name => name is "FUNCTIONS_WORKER_RUNTIME" ? "dotnet-isolated" : null));

    [Fact]
    public void The_settings_say_worker_mode_under_the_key_the_host_argument_maps_to()
    {
        var values = Infrastructure.TestSettings.Defaults();
        values["Functions:Worker:HostEndpoint"] = "http://127.0.0.1:51234/";

        var settings = AppSettingsReader.Read(new ConfigurationBuilder().AddInMemoryCollection(values).Build());

        Assert.Equal(HostingMode.FunctionsWorker, settings.Mode);
    }
}
