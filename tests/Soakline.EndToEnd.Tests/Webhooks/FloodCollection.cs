namespace Soakline.EndToEnd.Tests.Webhooks;

/// <summary>
/// The flood runs alone, after the other classes: its Azurite takes free ports and its app starts a host while other
/// classes do the same, and one full-suite run saw a dashboard app fail to start alongside it. Alone, neither can
/// take the other's port or race its host start, and the 16 concurrent requests do not compete with Chromium.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodCollection
{
    public const string Name = "Webhook flood";
}
