using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Soakline.Functions.Authentication;
using Soakline.Functions.Configuration;

namespace Soakline.Functions.Dashboard;

/// <summary>
/// A browser's dashboard session: an HttpOnly, SameSite=Strict cookie holding the signed-in name and its expiry,
/// signed with HMAC-SHA256 under a key derived (HKDF) for this purpose only from <c>Soakline__Approvals__SigningKey</c>,
/// so every instance and restart of the app accepts it and no approval token can pass for a session. The signature
/// also covers the hash of the named key the session was opened with: a key removed from (or changed in)
/// <c>Soakline__ApiKeys</c> ends its sessions. The cookie never holds the key.
/// </summary>
internal sealed class DashboardSession
{
    public const string CookieName = "soakline_session";

    /// <summary>Sent by the dashboard's scripts with every POST; a cookie alone never authorizes a change.</summary>
    public const string RequestHeader = "X-Soakline-Dashboard";

    public static readonly TimeSpan Lifetime = TimeSpan.FromHours(12);

    private static readonly byte[] Purpose = Encoding.UTF8.GetBytes("soakline dashboard session v1");

    private readonly byte[] _macKey;
    private readonly ApiKeySet _keys;
    private readonly TimeProvider _clock;

    public DashboardSession(AppSettings settings, TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(settings);
        _macKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, Convert.FromBase64String(settings.ApprovalSigningKey), 32, info: Purpose);
        _keys = settings.ApiKeys;
        _clock = clock;
    }

    /// <summary>
    /// The name of the session's caller, when the request may use the session: reads always, changes only with
    /// <see cref="RequestHeader"/>. Null for no cookie, a bad signature, an expired session or a key that is gone.
    /// </summary>
    public string? NameFrom(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.Cookies.TryGetValue(CookieName, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        var safe = HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method);
        return safe || request.Headers.ContainsKey(RequestHeader) ? Verify(value) : null;
    }

    /// <summary>Opens a session for the key's name: sets the cookie.</summary>
    public void Start(HttpResponse response, NamedApiKey key)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(key);
        response.Cookies.Append(CookieName, Issue(key, _clock.GetUtcNow() + Lifetime), Options(response, Lifetime));
    }

    /// <summary>Ends the browser's session: the cookie is overwritten with an expired one.</summary>
    public static void End(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.Cookies.Delete(CookieName, Options(response, TimeSpan.Zero));
    }

    /// <summary><c>base64url(name).expiry-unix-seconds.base64url(hmac)</c>.</summary>
    internal string Issue(NamedApiKey key, DateTimeOffset expiresAt)
    {
        var expires = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{WebEncoders.Base64UrlEncode(Encoding.UTF8.GetBytes(key.Name))}.{expires}.{WebEncoders.Base64UrlEncode(Mac(key, expires))}";
    }

    internal string? Verify(string value)
    {
        var parts = value.Split('.');
        if (parts.Length != 3 || !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var expires))
        {
            return null;
        }

        string name;
        byte[] presented;
        try
        {
            name = Encoding.UTF8.GetString(WebEncoders.Base64UrlDecode(parts[0]));
            presented = WebEncoders.Base64UrlDecode(parts[2]);
        }
        catch (FormatException)
        {
            return null;
        }

        if (_keys.Find(name) is not { } key || !CryptographicOperations.FixedTimeEquals(presented, Mac(key, parts[1])))
        {
            return null;
        }

        return expires > _clock.GetUtcNow().ToUnixTimeSeconds() ? key.Name : null;
    }

    private byte[] Mac(NamedApiKey key, string expires) =>
        HMACSHA256.HashData(_macKey, Encoding.UTF8.GetBytes($"{key.Name}\n{expires}\n{Convert.ToHexString(key.KeyHash)}"));

    private static CookieOptions Options(HttpResponse response, TimeSpan maxAge) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = response.HttpContext.Request.IsHttps,
        Path = "/",
        MaxAge = maxAge,
    };
}
