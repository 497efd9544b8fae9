using CsCheck;

namespace Soakline.Tests.Properties;

/// <summary>
/// Runs a property over generated cases. The normal suite runs a handful of cases from one fixed seed, in order, so a
/// run is the same every time and a failure names the case to replay. <c>./run proof</c> sets
/// <see cref="CasesVariable"/> (10,000 and more): then CsCheck samples that many cases from fresh seeds and shrinks a
/// failure to a small case, printing the seed that reproduces it (<c>CsCheck_Seed</c>).
/// </summary>
/// <remarks>In the test kit, referenced by each test project with property tests, so every suite counts cases alike.</remarks>
public static class PropertyRun
{
    public const string CasesVariable = "SOAKLINE_PROOF_CASES";

    /// <summary>The normal suite's seed: fixed, so the suite is deterministic.</summary>
    public const ulong FixedSeed = 18_2026_1207;

    /// <summary>The proof's case count, or null in the normal suite.</summary>
    public static long? ProofCases =>
        long.TryParse(Environment.GetEnvironmentVariable(CasesVariable), out var cases) && cases > 0 ? cases : null;

    public static void Check<T>(Gen<T> gen, Action<T> property, int normalCases, Func<T, string>? print = null)
    {
        if (ProofCases is { } cases)
        {
            gen.Sample(property, iter: cases, print: print);
            return;
        }

        var random = new PCG(1, FixedSeed);
        for (var i = 0; i < normalCases; i++)
        {
            var value = gen.Generate(random, null, out _);
            try
            {
                property(value);
            }
            catch (Exception e)
            {
                throw new PropertyFailedException(i, FixedSeed, print?.Invoke(value) ?? CsCheck.Check.Print(value), e);
            }
        }
    }

    /// <summary>For properties that talk to a server: one case at a time, so a case's effects are its own.</summary>
    public static async Task CheckAsync<T>(Gen<T> gen, Func<T, Task> property, int normalCases, Func<T, string>? print = null)
    {
        if (ProofCases is { } cases)
        {
            await gen.SampleAsync(property, iter: cases, threads: 1, print: print);
            return;
        }

        var random = new PCG(1, FixedSeed);
        for (var i = 0; i < normalCases; i++)
        {
            var value = gen.Generate(random, null, out _);
            try
            {
                await property(value);
            }
            catch (Exception e)
            {
                throw new PropertyFailedException(i, FixedSeed, print?.Invoke(value) ?? CsCheck.Check.Print(value), e);
            }
        }
    }
}
