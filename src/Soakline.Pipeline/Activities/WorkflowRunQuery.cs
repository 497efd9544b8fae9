using Soakline.Pipeline.Domain;
using Microsoft.DurableTask;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record WorkflowRunQuery(RepositoryRef Repository, string WorkflowFile, string HeadSha);
