using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

/// <param name="Text">The file's text, or null when the commit has no spec (or it could not be read).</param>
/// <param name="Unavailable">Why the spec could not be read; null when it was read (or is absent).</param>
public sealed record SpecFile(string? Text, string? Unavailable = null);
