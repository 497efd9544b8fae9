using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Time.Testing;
using Soakline.Functions.Observability;
using Soakline.Functions.Tests.Infrastructure;
using Soakline.Pipeline.Logging;

namespace Soakline.Functions.Tests.Observability;

/// <summary>The console lines: one per entry, every scope key=value, and the framework chatter quiet by default.</summary>
public sealed class ConsoleLogTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 1, 2, 3, 456, TimeSpan.Zero);

    private static (ServiceProvider Services, SoaklineConsoleFormatter Formatter) Formatter(IConfiguration configuration)
    {
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(new FakeTimeProvider(Now))
            .AddLogging(logging => logging.AddSoaklineConsole(configuration))
            .BuildServiceProvider();
        return (services, services.GetServices<ConsoleFormatter>().OfType<SoaklineConsoleFormatter>().Single());
    }

    private static string Write(SoaklineConsoleFormatter formatter, IExternalScopeProvider scopes, string message)
    {
        var state = new MessageState(message);
        using var text = new StringWriter();
        formatter.Write(new LogEntry<MessageState>(LogLevel.Information, "Soakline.Test", default, state, null, (s, _) => s.ToString()), scopes, text);
        return text.ToString();
    }

    [Fact]
    public void Every_scope_is_printed_as_key_value_on_the_entrys_one_line()
    {
        var (services, formatter) = Formatter(new ConfigurationBuilder().Build());
        using var owner = services;
        var scopes = new LoggerExternalScopeProvider();
        using var activity = scopes.Push(new Dictionary<string, object> { ["SpanId"] = "866a26579a7df285", ["TraceId"] = "a147", ["ParentId"] = "0000000000000000" });
        using var pipeline = scopes.Push(new KeyValueScope(("pipeline", "release:demo:shop:main:abc"), ("repository", "demo/shop"), ("release", null)));
        using var plain = scopes.Push("a plain text scope");

        var line = Write(formatter, scopes, "StageStarted on production: stage 1: 5% requested");

        Assert.Equal(
            "2026-12-07T01:02:03.456Z info Soakline.Test: StageStarted on production: stage 1: 5% requested | SpanId=866a26579a7df285 TraceId=a147 pipeline=release:demo:shop:main:abc repository=demo/shop scope=\"a plain text scope\"" + Environment.NewLine,
            line);
        Assert.DoesNotContain("Dictionary`2", line, StringComparison.Ordinal);
        Assert.DoesNotContain("(null)", line, StringComparison.Ordinal);
    }

    [Fact]
    public void A_key_value_scope_reads_as_its_pairs_wherever_it_is_printed() =>
        Assert.Equal("InstanceId=release:x Commit=\"two words\"", new KeyValueScope(("InstanceId", "release:x"), ("Commit", "two words"), ("Empty", "")).ToString());

    [Fact]
    public void The_framework_chatter_is_at_warning_unless_the_settings_name_its_category()
    {
        static bool Enabled(IConfiguration configuration, string category, LogLevel level)
        {
            using var services = new ServiceCollection().AddLogging(logging =>
            {
                logging.AddConfiguration(configuration.GetSection("Logging"));
                logging.AddSoaklineLogDefaults(configuration);
                logging.AddProvider(new LogCapture());
            }).BuildServiceProvider();
            return services.GetRequiredService<ILoggerFactory>().CreateLogger(category).IsEnabled(level);
        }

        var quiet = new ConfigurationBuilder().Build();
        var raised = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Logging:LogLevel:Microsoft.DurableTask"] = "Information" }).Build();

        Assert.False(Enabled(quiet, "Microsoft.DurableTask.Worker.Activities", LogLevel.Information));
        Assert.False(Enabled(quiet, "Microsoft.AspNetCore.Routing.EndpointMiddleware", LogLevel.Information));
        Assert.False(Enabled(quiet, "DurableTask.AzureStorage", LogLevel.Information));
        Assert.True(Enabled(quiet, "DurableTask.AzureStorage", LogLevel.Warning));
        Assert.True(Enabled(quiet, "Soakline.Pipeline.Transitions", LogLevel.Information));
        Assert.True(Enabled(raised, "Microsoft.DurableTask.Worker.Activities", LogLevel.Information));
    }

    /// <summary>A log entry's state: its message, and the template field the framework adds.</summary>
    private sealed class MessageState(string message) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public int Count => 1;

        public KeyValuePair<string, object?> this[int index] => new("{OriginalFormat}", message);

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
        }

        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => message;
    }
}
