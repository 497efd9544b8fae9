using Soakline.Functions.Webhooks;

namespace Soakline.Functions.Releases;

/// <param name="Started">False when the pipeline for this commit already existed (a redelivery): nothing was changed.</param>
public sealed record ReleaseStart(string InstanceId, bool Started);
