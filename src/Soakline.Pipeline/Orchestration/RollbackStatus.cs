using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

public enum RollbackStatus
{
    RolledBack,

    /// <summary>Some host did not switch back or is unhealthy afterwards: people must look now.</summary>
    Failed,

    /// <summary>The order was invalid or unsafe; nothing was changed.</summary>
    Refused,

    /// <summary>Scope canary: the running pipeline was told to abort and roll back its canary.</summary>
    AbortRequested,

    NothingToRollBack,
}
