using Microsoft.Extensions.Logging;

namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>Collects every formatted log message (all levels), so tests can check what reaches logs.</summary>
public sealed class CapturingLogger<T> : ILogger<T>
{
    private readonly List<string> _messages = [];

    public IReadOnlyList<string> Messages
    {
        get
        {
            lock (_messages)
            {
                return _messages.ToList();
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_messages)
        {
            _messages.Add($"{logLevel}: {formatter(state, exception)} {exception}");
        }
    }
}
