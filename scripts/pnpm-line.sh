#!/usr/bin/env bash
# Prints the folder of the pnpm that package.json#packageManager pins, fetched once from the npm registry into a
# cache folder and checked against the sha512 of its tarball written there. Its bin/pnpm.mjs runs on any Node that
# pnpm supports, so the same pnpm serves the pinned Node and every other line CI tests. Usage: pnpm-line.sh
set -euo pipefail
cd "$(dirname "$0")/.."
pinned=$(sed -n 's/^ *"packageManager": *"pnpm@\([^"]*\)",\{0,1\}$/\1/p' package.json)
version=${pinned%%+*}
sha512=${pinned##*+sha512.}
[[ $version =~ ^[0-9]+\.[0-9]+\.[0-9]+$ && $sha512 =~ ^[0-9a-f]{128}$ ]] || {
  echo "pnpm-line: package.json#packageManager must be pnpm@X.Y.Z+sha512.HEX, not '$pinned'" >&2
  exit 2
}
cache=${TARGET_GROUPS_PNPM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/target-groups/pnpm}
dir="$cache/$version"
if [ ! -f "$dir/bin/pnpm.mjs" ]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack --silent "pnpm@$version" >/dev/null)
  actual=$(sha512sum "$work/pnpm-$version.tgz" | cut -d' ' -f1)
  if [ "$actual" != "$sha512" ]; then
    echo "pnpm-line: pnpm@$version from the registry does not match the sha512 in package.json#packageManager" >&2
    exit 1
  fi
  tar -xzf "$work/pnpm-$version.tgz" -C "$work"
  rm -rf "$dir" && mkdir -p "$cache" && mv "$work/package" "$dir"
fi
echo "$dir"
