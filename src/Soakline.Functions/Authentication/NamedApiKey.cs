namespace Soakline.Functions.Authentication;

/// <summary>
/// One entry of <c>Soakline__ApiKeys</c>: the identity a key stands for and the SHA-256 of the key (the key itself is
/// not kept; comparisons and session signatures use the hash).
/// </summary>
internal sealed record NamedApiKey(string Name, byte[] KeyHash)
{
    public override string ToString() => $"NamedApiKey {{ Name = {Name}, key redacted }}";
}
