namespace Soakline.Integrations.Deploy.Shell;

/// <summary>
/// What Soakline knows about one host named in a spec beyond how to reach it: the address its application answers
/// on (health checks and load balancer entries use it) and the directory relative release roots live under.
/// </summary>
public sealed record DeployHost(string Name, string Address, RemotePath? BaseDirectory);
