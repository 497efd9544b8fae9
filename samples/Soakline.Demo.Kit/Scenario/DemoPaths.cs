namespace Soakline.Demo.Kit.Scenario;

/// <summary>Where the demo finds the repository's parts: <c>samples/</c> (the demo repository's script) and the built app.</summary>
public sealed record DemoPaths(string SamplesFolder, string AppDll);
