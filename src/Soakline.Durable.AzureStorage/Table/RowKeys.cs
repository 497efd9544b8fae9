using System.Globalization;

namespace Soakline.Durable.AzureStorage.Table;

/// <summary>
/// The row keys inside one instance's partition. History chunks are keyed by a generation that moves on whenever
/// history is replaced (ContinueAsNew, a restart), so a replacement never has to delete old rows in the same commit.
/// </summary>
internal static class RowKeys
{
    public const string Instance = "instance";
    public const string HistoryPrefix = "history|";
    public const string HistoryEnd = "history}";
    public const string OutboxPrefix = "outbox|";
    public const string OutboxEnd = "outbox}";

    public static string HistoryChunk(long generation, int chunk) =>
        string.Create(CultureInfo.InvariantCulture, $"{HistoryPrefix}{generation:D19}|{chunk:D10}");

    public static string HistoryGenerationPrefix(long generation) =>
        string.Create(CultureInfo.InvariantCulture, $"{HistoryPrefix}{generation:D19}|");

    public static string NewOutbox() => OutboxPrefix + Guid.NewGuid().ToString("N");
}
