using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

public enum RollbackScope
{
    All,
    Component,

    /// <summary>Abort the running canary: its pipeline rolls back exactly the hosts it changed.</summary>
    Canary,
}
