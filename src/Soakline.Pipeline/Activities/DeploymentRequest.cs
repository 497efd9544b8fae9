using Microsoft.DurableTask;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Activities;

public sealed record DeploymentRequest(CommitRef Commit, string Environment, string Description);
