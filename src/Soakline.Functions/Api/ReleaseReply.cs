namespace Soakline.Functions.Api;

/// <summary>
/// The answer of <c>POST /api/releases</c>. <see cref="Status"/> is <c>started</c> (202) or <c>exists</c> (200: the
/// pipeline of this repository, branch and commit was started before, by a push or a release request; nothing changed).
/// </summary>
internal sealed record ReleaseReply(string Status, string InstanceId, string Repository, string Branch, string Commit, string Detail);
