#!/bin/sh
# target-groups pnpm shim
# `pnpm` for a project that pins its Node in .node-version and its pnpm in package.json#packageManager, installed
# by scripts/setup.sh in a PATH folder ahead of the system's pnpm. Inside such a project (the nearest folder up from
# here with both files) it runs the pinned pnpm on the pinned Node, that Node's bin/ first on PATH, so every script
# and tool pnpm starts runs on it too. Anywhere else, or before setup.sh has fetched the pinned builds, it hands over
# to the next pnpm on PATH. It reads the two pins and nothing else of the project.
set -eu
cache=${XDG_CACHE_HOME:-$HOME/.cache}/target-groups
node_cache=${TARGET_GROUPS_NODE_CACHE:-$cache/node}
pnpm_cache=${TARGET_GROUPS_PNPM_CACHE:-$cache/pnpm}

handover() {
  self=$(cd "$(dirname "$0")" && pwd -P)
  rest=$PATH
  while [ -n "$rest" ]; do
    dir=${rest%%:*}
    case $rest in *:*) rest=${rest#*:} ;; *) rest= ;; esac
    real=$(cd "$dir" 2>/dev/null && pwd -P) || continue
    # Another copy of this shim would hand back: skip it too.
    if [ "$real" != "$self" ] && [ -x "$real/pnpm" ] && ! grep -qx '# target-groups pnpm shim' "$real/pnpm"; then
      exec "$real/pnpm" "$@"
    fi
  done
  echo "pnpm: no other pnpm on PATH" >&2
  exit 127
}

root=$PWD
while [ ! -f "$root/.node-version" ] || [ ! -f "$root/package.json" ]; do
  [ "$root" = / ] && handover "$@"
  root=$(dirname "$root")
done
node_version=$(sed -n '1s/^[[:space:]]*v\{0,1\}\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)[[:space:]]*$/\1/p' "$root/.node-version")
pnpm_version=$(sed -n 's/^ *"packageManager": *"pnpm@\([0-9][0-9]*\.[0-9][0-9]*\.[0-9][0-9]*\)+.*/\1/p' "$root/package.json")
[ -n "$node_version" ] && [ -n "$pnpm_version" ] || handover "$@"
node_bin=$node_cache/$node_version/bin
entry=$pnpm_cache/$pnpm_version/bin/pnpm.mjs
if [ -x "$node_bin/node" ] && [ -f "$entry" ]; then
  PATH=$node_bin:$PATH
  export PATH
  exec "$node_bin/node" "$entry" "$@"
fi
echo "pnpm: $root pins Node $node_version and pnpm $pnpm_version, not installed yet (bash scripts/setup.sh installs them); handing over to the next pnpm on PATH" >&2
handover "$@"
