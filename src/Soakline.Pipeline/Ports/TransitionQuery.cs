using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Ports;

public sealed record TransitionQuery(string? Environment = null, string? PipelineId = null, DateTimeOffset? From = null, DateTimeOffset? To = null);
