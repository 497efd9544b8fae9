#!/bin/sh
# Stops the sample app this host runs (whatever release it is), using the pid file in the shared folder.
set -eu
shared=${SOAKLINE_SHARED_DIR:-$(pwd -P)/../../shared}
pid_file="$shared/sample.pid"
[ -f "$pid_file" ] || exit 0
pid=$(cat "$pid_file")
if kill "$pid" 2>/dev/null; then
  # Give ASP.NET Core its graceful shutdown, then insist.
  i=0
  while kill -0 "$pid" 2>/dev/null && [ "$i" -lt 50 ]; do sleep 0.2; i=$((i + 1)); done
  kill -9 "$pid" 2>/dev/null || true
fi
rm -f "$pid_file"
