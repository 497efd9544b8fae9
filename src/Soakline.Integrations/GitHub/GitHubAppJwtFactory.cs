using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

namespace Soakline.Integrations.GitHub;

/// <summary>
/// Builds the short-lived RS256 JSON Web Token a GitHub App signs with its private key to ask for installation tokens.
/// </summary>
internal sealed class GitHubAppJwtFactory : IDisposable
{
    /// <summary>GitHub accepts at most ten minutes; nine leaves room for clock drift at the far end.</summary>
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(9);

    /// <summary>Issued-at is backdated as GitHub recommends, in case this machine's clock runs ahead of GitHub's.</summary>
    private static readonly TimeSpan Backdate = TimeSpan.FromSeconds(60);

    private static readonly string EncodedHeader = Base64Url.EncodeToString("""{"alg":"RS256","typ":"JWT"}"""u8);
    private readonly long _appId;
    private readonly RSA _key;
    private readonly TimeProvider _timeProvider;

    public GitHubAppJwtFactory(long appId, string privateKeyPem, TimeProvider timeProvider)
    {
        _appId = appId;
        _timeProvider = timeProvider;
        _key = RSA.Create();
        try
        {
            _key.ImportFromPem(privateKeyPem);
        }
        catch (ArgumentException ex)
        {
            _key.Dispose();
            throw new ArgumentException("GitHub:PrivateKeyPem is not a PEM-encoded RSA private key.", ex);
        }
        catch (CryptographicException ex)
        {
            _key.Dispose();
            throw new ArgumentException("GitHub:PrivateKeyPem could not be read as an RSA private key.", ex);
        }
    }

    public string CreateToken()
    {
        var now = _timeProvider.GetUtcNow();
        var claims = new Dictionary<string, object>
        {
            ["iat"] = (now - Backdate).ToUnixTimeSeconds(),
            ["exp"] = (now + Lifetime).ToUnixTimeSeconds(),
            ["iss"] = _appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        var signingInput = $"{EncodedHeader}.{Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(claims))}";
        var signature = _key.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{signingInput}.{Base64Url.EncodeToString(signature)}";
    }

    public void Dispose() => _key.Dispose();
}
