using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

/// <summary>The payload of the <c>abort</c> event a running production pipeline listens for during soaks.</summary>
public sealed record AbortRequest(string Reason, string RequestedBy);
