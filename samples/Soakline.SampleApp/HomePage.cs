using System.Net;

namespace Soakline.SampleApp;

/// <summary>The page at <c>/</c>: which release this instance runs and whether it is healthy.</summary>
public static class HomePage
{
    public static string Render(ReleaseInfo release, bool failing)
    {
        ArgumentNullException.ThrowIfNull(release);
        var status = failing ? "failing" : "healthy";
        return $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Soakline sample · {{Encode(release.Version)}}</title>
              <style>
                body { font-family: system-ui, sans-serif; margin: 3rem; color: #1b2733; background: #f5f7fa; }
                main { max-width: 40rem; background: #fff; border-radius: 8px; padding: 2rem; box-shadow: 0 1px 4px #0002; }
                dt { font-weight: 600; margin-top: 1rem; }
                dd { margin: 0.25rem 0 0; font-family: ui-monospace, monospace; }
                .healthy { color: #17803d; } .failing { color: #b42318; }
              </style>
            </head>
            <body>
              <main>
                <h1>Soakline sample app</h1>
                <dl>
                  <dt>Release</dt><dd id="release-id">{{Encode(release.ReleaseId)}}</dd>
                  <dt>Version</dt><dd id="version">{{Encode(release.Version)}}</dd>
                  <dt>Commit</dt><dd id="commit">{{Encode(release.Commit)}}</dd>
                  <dt>Status</dt><dd id="status" class="{{status}}">{{status}}</dd>
                </dl>
              </main>
            </body>
            </html>
            """;
    }

    private static string Encode(string text) => WebUtility.HtmlEncode(text);
}
