using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

public sealed record WorkflowDispatch(
    RepositoryRef Repository,
    string WorkflowFile,
    string GitRef,
    IReadOnlyDictionary<string, string> Inputs);
