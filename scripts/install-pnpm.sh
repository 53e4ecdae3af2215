#!/usr/bin/env bash
# Installs the pnpm that package.json#packageManager pins (by version and by the sha512 of its registry tarball).
# Through corepack where Node bundles it; Node 25 and later ship without corepack, so there the same tarball is
# fetched with npm and checked against the same sha512. TARGET_GROUPS_PNPM_VIA=npm takes the npm path anywhere
# (CI proves that path on every run).
set -euo pipefail
cd "$(dirname "$0")/.."

pinned=$(node -p "require('./package.json').packageManager")
version=${pinned#pnpm@}
version=${version%%+*}
sha512=${pinned##*+sha512.}
node_major=$(node -p 'process.versions.node.split(".")[0]')
via=${TARGET_GROUPS_PNPM_VIA:-}
if [ -z "$via" ]; then
  if [ "$node_major" -lt 25 ] && command -v corepack >/dev/null; then via=corepack; else via=npm; fi
fi

case "$via" in
  corepack)
    export COREPACK_ENABLE_DOWNLOAD_PROMPT=0
    corepack enable
    ;;
  npm)
    if [ "$(pnpm --version 2>/dev/null || true)" = "$version" ] && [ -z "${TARGET_GROUPS_PNPM_VIA:-}" ]; then exit 0; fi
    work=$(mktemp -d)
    trap 'rm -rf "$work"' EXIT
    (cd "$work" && npm pack --silent "pnpm@$version" >/dev/null)
    actual=$(sha512sum "$work/pnpm-$version.tgz" | cut -d' ' -f1)
    if [ "$actual" != "$sha512" ]; then
      echo "install-pnpm: pnpm@$version from the registry does not match the sha512 in package.json#packageManager" >&2
      exit 1
    fi
    npm install --global --silent "$work/pnpm-$version.tgz"
    ;;
  *)
    echo "install-pnpm: TARGET_GROUPS_PNPM_VIA must be corepack or npm, not '$via'" >&2
    exit 2
    ;;
esac
