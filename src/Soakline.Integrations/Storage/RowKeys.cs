using System.Text;

namespace Soakline.Integrations.Storage;

/// <summary>Table keys may not contain '/', '\', '#', '?' or control characters; keys that do are stored hex-encoded.</summary>
internal static class RowKeys
{
    public static string Escape(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        var safe = key.Length <= 512 && !key.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
        return safe ? key : "x" + Convert.ToHexString(Encoding.UTF8.GetBytes(key));
    }
}
