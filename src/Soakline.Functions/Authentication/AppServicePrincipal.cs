using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Soakline.Functions.Authentication;

/// <summary>
/// The caller App Service authentication (Easy Auth) signed in: <c>X-MS-CLIENT-PRINCIPAL</c>, base64 JSON
/// (<c>{"auth_typ":…,"claims":[{"typ":…,"val":…}],"name_typ":…,"role_typ":…}</c>), whose name claim is the claim
/// typed <c>name_typ</c>; failing that, <c>X-MS-CLIENT-PRINCIPAL-NAME</c>. The platform sets these headers and strips
/// them from client requests, so they are only read when the app runs behind it (see <see cref="Api.ApiKeyFilter"/>).
/// </summary>
internal static class AppServicePrincipal
{
    public const string PrincipalHeader = "X-MS-CLIENT-PRINCIPAL";
    public const string NameHeader = "X-MS-CLIENT-PRINCIPAL-NAME";

    /// <summary>The signed-in caller's name, or null when the headers carry none.</summary>
    public static string? NameFrom(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var fromPrincipal = NameFromPrincipal(request.Headers[PrincipalHeader].ToString());
        if (fromPrincipal is not null)
        {
            return fromPrincipal;
        }

        var name = request.Headers[NameHeader].ToString().Trim();
        return name.Length > 0 ? name : null;
    }

    private static string? NameFromPrincipal(string encoded)
    {
        if (encoded.Length == 0)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(encoded)));
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || !root.TryGetProperty("name_typ", out var nameType) || nameType.ValueKind != JsonValueKind.String
                || !root.TryGetProperty("claims", out var claims) || claims.ValueKind != JsonValueKind.Array)
            {
                return null;
            }

            var type = nameType.GetString();
            foreach (var claim in claims.EnumerateArray())
            {
                if (claim.ValueKind == JsonValueKind.Object
                    && claim.TryGetProperty("typ", out var typ) && typ.ValueKind == JsonValueKind.String && typ.GetString() == type
                    && claim.TryGetProperty("val", out var val) && val.ValueKind == JsonValueKind.String && val.GetString() is { Length: > 0 } name)
                {
                    return name.Trim();
                }
            }

            return null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
