using Microsoft.Extensions.Logging;
using Soakline.Pipeline.Ports;

namespace Soakline.Integrations.Deploy.Ssh;

/// <summary>The deploy target for remote hosts over SSH (SSH.NET): release folders, SFTP uploads, pinned host keys.</summary>
public sealed class SshDeployTarget(SshHostShellFactory shells, SshTargetOptions options, IHealthProbe healthProbe, ILogger<SshDeployTarget>? logger = null)
    : ReleaseDeployTarget(shells, healthProbe, options?.MaxParallelHosts ?? 1, logger);
