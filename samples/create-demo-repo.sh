#!/bin/sh
# Creates the demo's git repository in <folder> (which must not exist or be empty): the template in demo-repo/
# plus the sample app's source under app/, committed on main, with develop branched from it.
# Used by `./run demo` and by tests/Soakline.EndToEnd.Tests. Prints the commit SHA of main.
set -eu
[ $# -eq 1 ] || { echo "usage: $0 <folder>" >&2; exit 2; }
target=$1
samples=$(cd "$(dirname "$0")" && pwd -P)
if [ -e "$target" ] && [ -n "$(ls -A "$target")" ]; then
  echo "create-demo-repo.sh: $target exists and is not empty" >&2
  exit 2
fi

mkdir -p "$target/app"
cp -R "$samples/demo-repo/." "$target/"
rm -f "$target/README.md"
# The sample's source only: build output from a developer's tree must not end up in the repository.
(cd "$samples/Soakline.SampleApp" && tar -cf - --exclude=./bin --exclude=./obj --exclude=./out .) | (cd "$target/app" && tar -xf -)

cd "$target"
git init -q -b main
git -c user.name="Soakline demo" -c user.email="demo@soakline.local" add -A
git -c user.name="Soakline demo" -c user.email="demo@soakline.local" commit -q -m "Sample app $(cat VERSION)"
git branch develop
git rev-parse HEAD
