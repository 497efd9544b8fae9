using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Soakline.Integrations.Traffic.Nginx;

/// <summary>Renders the upstream block Soakline owns. Every value in it is validated, so the file cannot carry directives.</summary>
internal static partial class NginxUpstreamFile
{
    public static string Render(string upstreamName, string description, IReadOnlyList<NginxBackend> backends, NginxWeights weights)
    {
        ArgumentNullException.ThrowIfNull(backends);
        if (!UpstreamNamePattern().IsMatch(upstreamName ?? ""))
        {
            throw new ArgumentException($"UpstreamName: '{upstreamName}' is not a plain nginx upstream name.", nameof(upstreamName));
        }

        var text = new StringBuilder()
            .Append("# Written by Soakline (").Append(CommentSafe().Replace(description ?? "", "_")).Append("). The next traffic shift overwrites it.\n")
            .Append("upstream ").Append(upstreamName).Append(" {\n");
        foreach (var backend in backends)
        {
            var weight = backend.IsCanary ? weights.CanaryWeight : weights.StableWeight;
            if (weight == 0)
            {
                continue;
            }

            if (!AddressPattern().IsMatch(backend.Address) || backend.Port is < 1 or > 65535)
            {
                throw new ArgumentException($"Hosts[{backend.Host}].Address: '{backend.Address}:{backend.Port}' is not a plain address and port.", nameof(backends));
            }

            text.Append(CultureInfo.InvariantCulture, $"    server {backend.Address}:{backend.Port} weight={weight};")
                .Append(CultureInfo.InvariantCulture, $"  # {CommentSafe().Replace(backend.Host, "_")} {(backend.IsCanary ? "canary" : "stable")}\n");
        }

        return text.Append("}\n").ToString();
    }

    [GeneratedRegex("^[A-Za-z0-9_]+$", RegexOptions.CultureInvariant)]
    private static partial Regex UpstreamNamePattern();

    [GeneratedRegex(@"^(\[[0-9A-Fa-f:]+\]|[A-Za-z0-9.-]+)$", RegexOptions.CultureInvariant)]
    private static partial Regex AddressPattern();

    [GeneratedRegex("[^A-Za-z0-9 ._%/:-]", RegexOptions.CultureInvariant)]
    private static partial Regex CommentSafe();
}
