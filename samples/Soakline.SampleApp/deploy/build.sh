#!/bin/sh
# Deploy hook (the component's `deploy` command): builds the sample app of this release into ./out.
# Runs in the new release folder (the repository tree at the pushed commit, with REVISION written).
#
# Several hosts on one machine deploy the same commit at the same time; with SAMPLE_BUILD_CACHE set, the first one
# builds into <cache>/<commit> under a lock and the others copy the result instead of compiling again.
set -eu

# A hook may be started from inside another build (a test run); its MSBuild variables must not leak into ours.
unset MSBUILD_EXE_PATH MSBuildExtensionsPath MSBuildSDKsPath MSBuildLoadMicrosoftTargetsReadOnly 2>/dev/null || true
# No build servers or reused MSBuild nodes: they would outlive the hook and keep its output pipes open.
export MSBUILDDISABLENODEREUSE=1 DOTNET_CLI_USE_MSBUILD_SERVER=0 DOTNET_NOLOGO=1 DOTNET_CLI_TELEMETRY_OPTOUT=1

project=app/Soakline.SampleApp.csproj
[ -f "$project" ] || { echo "build.sh: $project not found in $(pwd -P)" >&2; exit 2; }

publish() {
  dotnet publish "$project" -c Release -o "$1" --nologo -v:quiet -nodeReuse:false --disable-build-servers \
    -p:UseSharedCompilation=false
}

if [ -n "${SAMPLE_BUILD_CACHE:-}" ] && [ -n "${SOAKLINE_COMMIT:-}" ]; then
  mkdir -p "$SAMPLE_BUILD_CACHE"
  cached="$SAMPLE_BUILD_CACHE/$SOAKLINE_COMMIT"
  (
    flock 9
    if [ ! -f "$cached/.complete" ]; then
      rm -rf "$cached"
      publish "$cached"
      touch "$cached/.complete"
    fi
  ) 9>"$SAMPLE_BUILD_CACHE/.lock"
  rm -rf out
  cp -R "$cached" out
else
  publish out
fi
echo "built $(cat REVISION 2>/dev/null || echo 'an unknown commit') into $(pwd -P)/out"
