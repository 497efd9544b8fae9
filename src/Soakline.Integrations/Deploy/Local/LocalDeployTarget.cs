using Microsoft.Extensions.Logging;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy.Local;

/// <summary>The deploy target for this machine: the same release folders and commands as over SSH, run by /bin/sh.</summary>
public sealed class LocalDeployTarget(LocalTargetOptions options, IHealthProbe healthProbe, ILogger<LocalDeployTarget>? logger = null)
    : ReleaseDeployTarget(new LocalHostShellFactory(options), healthProbe, options?.MaxParallelHosts ?? 1, logger);
