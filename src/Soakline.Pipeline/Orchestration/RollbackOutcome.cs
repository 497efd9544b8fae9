using Soakline.Pipeline.Domain;
using Soakline.Pipeline.Ports;

namespace Soakline.Pipeline.Orchestration;

public sealed record RollbackOutcome(RollbackStatus Status, string Detail, IReadOnlyList<ComponentRollback> Components, IncidentRef? Incident = null);
