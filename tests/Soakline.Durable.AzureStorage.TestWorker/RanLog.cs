namespace Soakline.Durable.AzureStorage.TestWorker;

/// <summary>
/// Where activities record that they ran: one line per run, appended to a file shared by every worker process of a
/// test. "Ran" may count a step more than once (at-least-once); what the orchestration applied is in its output.
/// </summary>
public sealed class RanLog(string path, string workerName)
{
    private static readonly Lock Gate = new();

    public string WorkerName { get; } = workerName;

    public void Record(string line)
    {
        lock (Gate)
        {
            // One short O_APPEND write per line: lines from several processes do not interleave.
            File.AppendAllText(path, $"{WorkerName}|{line}\n");
        }
    }

    public static IReadOnlyList<string[]> Read(string path) =>
        File.Exists(path) ? [.. File.ReadAllLines(path).Where(l => l.Length > 0).Select(l => l.Split('|'))] : [];
}
