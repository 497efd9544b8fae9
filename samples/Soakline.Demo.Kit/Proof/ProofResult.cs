using System.Text.Json;

namespace Soakline.Demo.Kit.Proof;

/// <summary>
/// One part's line in <c>./run proof</c>'s table, written as <c>{part}.json</c> into the results directory
/// (<see cref="ResultsVariable"/>): what the part promised, what it measured, and whether the promise held.
/// </summary>
public sealed record ProofResult(string Part, string Target, string Measured, bool Pass, string Details)
{
    public const string ResultsVariable = "SOAKLINE_PROOF_RESULTS";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>Writes the result into the proof's results directory; without one (a normal test run) there is no table to feed.</summary>
    public static void Write(ProofResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var directory = Environment.GetEnvironmentVariable(ResultsVariable);
        if (string.IsNullOrEmpty(directory))
        {
            return;
        }

        WriteTo(Path.Combine(directory, result.Part + ".json"), result);
    }

    public static void WriteTo(string path, ProofResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(result, Json));
    }
}
