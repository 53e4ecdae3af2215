#!/usr/bin/env bash
# Runs every package's tests on each given Node line (official builds, see node-line.sh), after `pnpm test` has
# built everything on the machine's Node. A line at 25 or later has no corepack: there pnpm comes from
# install-pnpm.sh's npm path, so that path is proven too. Prints one summary line per Node line, then the total.
# Usage: test-node-lines.sh 22.23.3 24.21.0 26.10.0
set -uo pipefail
cd "$(dirname "$0")/.."
total_passed=0 total_failed=0 total_skipped=0 status=0
for version in "$@"; do
  bin=$(bash scripts/node-line.sh "$version") || exit 2
  path="$bin:$PATH"
  if [ "${version%%.*}" -ge 25 ]; then
    prefix=$(mktemp -d)
    PATH="$path" NPM_CONFIG_PREFIX="$prefix" TARGET_GROUPS_PNPM_VIA=npm bash scripts/install-pnpm.sh || exit 2
    path="$bin:$prefix/bin:$PATH"
  fi
  echo "== Node $version (pnpm $(PATH="$path" pnpm --version)): every package's tests"
  # test-results/ of the previous line must not count for this one.
  rm -rf spec/test-results packages/*/test-results apps/*/test-results
  PATH="$path" pnpm --recursive --workspace-concurrency=1 --no-bail run test > "/tmp/node-$version-tests.log" 2>&1
  ran=$?
  summary=$(PATH="$path" node scripts/test-summary.mjs --label "node-$version")
  echo "$summary"
  line=$(tail -n 1 <<<"$summary")
  read -r passed failed skipped < <(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/' <<<"$line")
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
  if [ "$ran" -ne 0 ] || [ "$failed" -ne 0 ]; then
    status=1
    echo "Node $version: tests failed; what failed, from /tmp/node-$version-tests.log:"
    grep -E -A12 ' FAIL | ERR_PNPM|ELIFECYCLE' "/tmp/node-$version-tests.log" | head -n 120
  fi
done
echo "tests: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$status"
