using System.Globalization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;
using Microsoft.Extensions.Options;
using Soakline.Pipeline.Logging;

namespace Soakline.Functions.Observability;

/// <summary>
/// The app's console lines: one line per entry, <c>time level category: message | key=value ...</c>. Every scope is
/// printed as key=value pairs, whatever its type (the built-in simple formatter prints a scope's type name when it has
/// no ToString of its own, "System.Collections.Generic.Dictionary`2[...]"); empty values are left out. An exception
/// follows on its own lines, indented, as the simple formatter prints it.
/// </summary>
internal sealed class SoaklineConsoleFormatter : ConsoleFormatter, IDisposable
{
    public const string FormatterName = "soakline";

    private readonly IDisposable? _reload;
    private readonly TimeProvider _clock;
    private ConsoleFormatterOptions _options;

    public SoaklineConsoleFormatter(IOptionsMonitor<ConsoleFormatterOptions> options, TimeProvider clock)
        : base(FormatterName)
    {
        ArgumentNullException.ThrowIfNull(options);
        // AddConsoleFormatter configures (and binds Logging:Console:FormatterOptions to) the unnamed options.
        _options = options.CurrentValue;
        _reload = options.OnChange(changed => _options = changed);
        _clock = clock;
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        ArgumentNullException.ThrowIfNull(textWriter);
        var message = logEntry.Formatter(logEntry.State, logEntry.Exception);
        if (string.IsNullOrEmpty(message) && logEntry.Exception is null)
        {
            return;
        }

        var at = _clock.GetUtcNow().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        textWriter.Write(at);
        textWriter.Write(' ');
        textWriter.Write(LevelName(logEntry.LogLevel));
        textWriter.Write(' ');
        textWriter.Write(logEntry.Category);
        textWriter.Write(": ");
        textWriter.Write(message.ReplaceLineEndings(" "));
        if (_options.IncludeScopes && scopeProvider is not null)
        {
            var scopes = Scopes(scopeProvider);
            if (scopes.Length > 0)
            {
                textWriter.Write(" | ");
                textWriter.Write(scopes);
            }
        }

        textWriter.Write(Environment.NewLine);
        if (logEntry.Exception is { } exception)
        {
            textWriter.Write("      ");
            textWriter.Write(exception.ToString().ReplaceLineEndings(Environment.NewLine + "      "));
            textWriter.Write(Environment.NewLine);
        }
    }

    public void Dispose() => _reload?.Dispose();

    /// <summary>Every scope's pairs, outermost first, as key=value; a scope that is not a list of pairs as scope=text.</summary>
    internal static string Scopes(IExternalScopeProvider scopeProvider)
    {
        var pairs = new List<KeyValuePair<string, object?>>();
        scopeProvider.ForEachScope(
            static (scope, collected) =>
            {
                switch (scope)
                {
                    case IEnumerable<KeyValuePair<string, object?>> fields:
                        collected.AddRange(fields.Where(f => !IsEmptyParent(f)));
                        break;
                    case null:
                        break;
                    default:
                        collected.Add(new KeyValuePair<string, object?>("scope", scope.ToString()));
                        break;
                }
            },
            pairs);
        return KeyValueScope.Render(pairs);
    }

    /// <summary>The activity scope's ParentId of a span without a parent: sixteen zeros that say nothing.</summary>
    private static bool IsEmptyParent(KeyValuePair<string, object?> field) =>
        field.Key == "ParentId" && Convert.ToString(field.Value, CultureInfo.InvariantCulture) is { } id && id.All(c => c == '0');

    private static string LevelName(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        LogLevel.Critical => "crit",
        _ => "none",
    };
}
