namespace Soakline.Tests.Properties;

/// <summary>A property that failed on one case of the fixed-seed run: which case, and what it was.</summary>
public sealed class PropertyFailedException(int index, ulong seed, string value, Exception inner)
    : Exception($"case {index} of the fixed-seed run (seed {seed}) failed: {inner.Message}\ncase: {value}", inner);
