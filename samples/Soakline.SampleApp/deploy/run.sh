#!/bin/sh
# Runs the sample app of the release folder this is called from, in the foreground (restart.sh starts it with nohup).
# SAMPLE_URLS (from the host's shared .env) says where it listens, e.g. http://127.0.1.1:5080.
set -eu
[ -f .env ] && . ./.env
: "${SAMPLE_URLS:?SAMPLE_URLS is not set: put e.g. SAMPLE_URLS=http://127.0.0.1:5080 in the host's shared/.env}"
export SAMPLE_URLS
exec dotnet out/Soakline.SampleApp.dll --urls "$SAMPLE_URLS" --contentRoot "$(pwd -P)"
