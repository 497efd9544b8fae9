using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;
using Soakline.Pipeline.Spec;

namespace Soakline.Pipeline.Activities;

public sealed record EnvironmentLeaseRequest(string Environment, string Holder, ConcurrencyMode Mode);
