using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record ChecksQuery(CommitRef Commit, IReadOnlyList<string> RequiredChecks);
