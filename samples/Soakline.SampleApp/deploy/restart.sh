#!/bin/sh
# Restart hook (the component's `restart` command): runs in `current` after the switch. Stops the app this host
# runs, starts the current release in the background and waits until it listens (or reports why it did not).
set -eu
here=$(cd "$(dirname "$0")" && pwd -P)
release_dir=$(pwd -P)
shared=${SOAKLINE_SHARED_DIR:-$release_dir/../../shared}
mkdir -p "$shared/logs"
ready="$shared/sample.ready"
log="$shared/logs/sample.log"

sh "$here/stop.sh"
rm -f "$ready"
# stdin from /dev/null and output to a log file: the app must not hold the hook's pipes open after the hook exits.
SAMPLE_READY_FILE=$ready nohup sh "$here/run.sh" >>"$log" 2>&1 </dev/null &
pid=$!
echo "$pid" >"$shared/sample.pid"

i=0
while [ ! -f "$ready" ]; do
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "restart.sh: the sample app exited during start; the end of $log:" >&2
    tail -n 20 "$log" >&2
    exit 1
  fi
  i=$((i + 1))
  if [ "$i" -gt "${SAMPLE_START_TIMEOUT_TICKS:-150}" ]; then
    echo "restart.sh: the sample app did not start listening in time (see $log)" >&2
    exit 1
  fi
  sleep 0.2
done
echo "started $(basename "$release_dir") as pid $pid"
