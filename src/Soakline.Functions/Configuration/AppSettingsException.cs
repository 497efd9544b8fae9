namespace Soakline.Functions.Configuration;

/// <summary>
/// The configuration is unusable. The message lists every bad setting by name with what is wrong; it never contains a
/// secret's value.
/// </summary>
internal sealed class AppSettingsException : Exception
{
    public AppSettingsException(IReadOnlyList<string> problems)
        : base("Soakline cannot start; fix these settings:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => "  - " + p)))
    {
        Problems = problems;
    }

    public AppSettingsException()
        : this(Array.Empty<string>())
    {
    }

    public AppSettingsException(string message)
        : this([message])
    {
    }

    public AppSettingsException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problems = [message];
    }

    public IReadOnlyList<string> Problems { get; } = [];

    /// <summary>The warnings the settings would have carried (see <see cref="AppSettings.Warnings"/>), for the log.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];
}
