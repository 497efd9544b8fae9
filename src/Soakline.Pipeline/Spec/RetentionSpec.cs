namespace Soakline.Pipeline.Spec;

/// <param name="KeepReleases">Release directories kept per host (default 5); a component may override it.</param>
public sealed record RetentionSpec(int KeepReleases);
