using Soakline.Pipeline.Domain;

namespace Soakline.Pipeline.Ports;

/// <summary>Where and how one component lives on its hosts (the deploy-relevant part of the pipeline spec).</summary>
public sealed record ComponentTarget(
    string Component,
    string ReleaseRoot,
    IReadOnlyList<string> SharedPaths,
    string? DeployCommand,
    string? RestartCommand,
    IReadOnlyDictionary<string, string> Environment,
    int KeepReleases = 5);
