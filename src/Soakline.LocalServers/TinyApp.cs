namespace Soakline.Integrations.Tests.Fixtures;

/// <summary>
/// The application each test release runs: a Python HTTP server answering <c>/</c> with its release id (the name
/// of the folder it runs in) and <c>/health</c> with 200, or 500 when the release contains an UNHEALTHY file.
/// Its address and port come from the host's shared <c>.env</c>, so every simulated host serves on its own address.
/// </summary>
public static class TinyApp
{
    /// <summary>A release with this file answers /health with 500.</summary>
    public const string UnhealthyMarker = "UNHEALTHY";

    /// <summary>A release with this file makes the deploy hook exit 3 (and print the secret, which must be masked).</summary>
    public const string FailDeployMarker = "FAIL_DEPLOY";

    public static readonly string[] Markers = [UnhealthyMarker, FailDeployMarker];

    public static readonly IReadOnlyDictionary<string, string> Files = new Dictionary<string, string>
    {
        ["app.py"] = """
            import http.server, os, sys, time
            env = {}
            for line in open('.env'):
                if '=' in line:
                    key, value = line.strip().split('=', 1)
                    env[key] = value
            port = int(sys.argv[1]) if len(sys.argv) > 1 else int(env['PORT'])
            release = os.path.basename(os.getcwd())
            healthy = not os.path.exists('UNHEALTHY')

            class Handler(http.server.BaseHTTPRequestHandler):
                def do_GET(self):
                    if self.path == '/health':
                        code, body = (200, 'ok') if healthy else (500, 'unhealthy')
                    else:
                        code, body = 200, release
                    data = (body + '\n').encode()
                    self.send_response(code)
                    self.send_header('Content-Type', 'text/plain')
                    self.send_header('Content-Length', str(len(data)))
                    self.end_headers()
                    self.wfile.write(data)

                def log_message(self, *args):
                    pass

            # The previous instance may still hold the port for a moment after being stopped.
            for attempt in range(100):
                try:
                    server = http.server.ThreadingHTTPServer((env['ADDRESS'], port), Handler)
                    break
                except OSError:
                    time.sleep(0.05)
            else:
                sys.exit('port %d stayed busy' % port)
            server.serve_forever()
            """,
        ["bin/restart"] = """
            #!/bin/sh
            # Stops the running instance (and a preview) and starts the app from the release being activated.
            set -e
            run="$SOAKLINE_SHARED_DIR"
            for name in app preview; do
              if [ -f "$run/$name.pid" ]; then
                kill "$(cat "$run/$name.pid")" 2>/dev/null || true
                rm -f "$run/$name.pid"
              fi
            done
            cd "$SOAKLINE_RELEASE_DIR"
            setsid /usr/bin/python3 app.py </dev/null >>"$run/logs/app.log" 2>&1 &
            echo $! > "$run/app.pid"
            """,
        ["bin/deploy"] = """
            #!/bin/sh
            # Deploy hook: records what it was given, optionally starts a preview instance, can be told to fail.
            set -e
            printf '%s' "$SOAKLINE_BRANCH" > branch.txt
            printf '%s' "$SOAKLINE_RELEASE" > hook-release.txt
            printf '%s' "$API_TOKEN" > token.txt
            if [ -n "$START_PREVIEW" ]; then
              preview_port=$(sed -n 's/^PREVIEW_PORT=//p' .env)
              if [ -f "$SOAKLINE_SHARED_DIR/preview.pid" ]; then kill "$(cat "$SOAKLINE_SHARED_DIR/preview.pid")" 2>/dev/null || true; fi
              setsid /usr/bin/python3 app.py "$preview_port" </dev/null >>"$SOAKLINE_SHARED_DIR/logs/preview.log" 2>&1 &
              echo $! > "$SOAKLINE_SHARED_DIR/preview.pid"
            fi
            if [ -f FAIL_DEPLOY ]; then
              echo "migration failed; token was $API_TOKEN" >&2
              exit 3
            fi
            """,
    };
}
