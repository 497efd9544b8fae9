using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record ChangedPathsQuery(RepositoryRef Repository, string BaseSha, string HeadSha);
