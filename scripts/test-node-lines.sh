#!/usr/bin/env bash
# Runs, on each given Node line (an official build, see node-line.sh), the tests of every package whose
# package.json#engines claims that line (scripts/enginesClaim.mjs), after `pnpm test` has built everything on the
# pinned Node; it names each package and test file it leaves out, and why. The pinned pnpm (pnpm-line.sh) runs on
# the line under test, which a `pnpm` folder first on PATH makes true for the tests' own pnpm commands too. Prints
# one summary line per Node line, then the total. Usage: test-node-lines.sh 22.23.5 26.12.1
set -uo pipefail
cd "$(dirname "$0")/.."
pnpm_dir=$(bash scripts/pnpm-line.sh) || exit 2
total_passed=0 total_failed=0 total_skipped=0 status=0
for version in "$@"; do
  bin=$(bash scripts/node-line.sh "$version") || exit 2
  shim=$(mktemp -d)
  # The runtime check of devEngines (the pinned 24) is waived on purpose: this run is on another line.
  printf '#!/bin/sh\npnpm_config_runtime_on_fail=ignore exec "%s/node" "%s/bin/pnpm.mjs" "$@"\n' "$bin" "$pnpm_dir" >"$shim/pnpm"
  chmod +x "$shim/pnpm"
  path="$shim:$bin:$PATH"
  dirs=() filters=() names=()
  while read -r verdict dir name reason; do
    if [ "$verdict" = run ]; then
      dirs+=(--dir "$dir") filters+=(--filter "$name") names+=("$name")
    else
      echo "Node $version: leaves out $name ($reason)"
    fi
  done < <("$bin/node" scripts/enginesClaim.mjs "$version")
  echo "== Node $version (pnpm $(PATH="$path" pnpm --version)): ${names[*]}"
  for dir in "${dirs[@]}"; do
    [ "$dir" = --dir ] && continue
    for file in $(git ls-files "$dir/test/tooling/*.test.ts"); do
      echo "Node $version: leaves out $file (a test of maintainer tooling, which runs on the pinned Node only)"
    done
  done
  # test-results/ of the previous line must not count for this one.
  rm -rf spec/test-results packages/*/test-results apps/*/test-results
  # The packages side by side (--no-sort: a package's tests need its dependencies built, not tested first), three
  # vitest workers each (over a package's own setting): their tests wait on child processes and sockets as much as
  # they compute, and one package at a time with vitest's default (one worker on two cores) left a core idle.
  # Left out on a Node line: test/tooling/ (the release gate, generation and its staleness check, which only ever
  # run on the pinned Node).
  PATH="$path" pnpm "${filters[@]}" --workspace-concurrency=4 --no-sort --no-bail run test --maxWorkers=3 \
    --exclude 'test/tooling/**' >"/tmp/node-$version-tests.log" 2>&1
  ran=$?
  summary=$(PATH="$path" node scripts/testSummary.mjs "${dirs[@]}")
  echo "$summary"
  line=$(tail -n 1 <<<"$summary")
  passed=0 failed=1 skipped=0
  read -r passed failed skipped < <(sed -E 's/.*: ([0-9]+) passed, ([0-9]+) failed, ([0-9]+) skipped/\1 \2 \3/' <<<"$line")
  total_passed=$((total_passed + passed)) total_failed=$((total_failed + failed)) total_skipped=$((total_skipped + skipped))
  if [ "$ran" -ne 0 ] || [ "$failed" -ne 0 ]; then
    status=1
    echo "Node $version: tests failed; what failed, from /tmp/node-$version-tests.log:"
    grep -E -A12 ' FAIL | ERR_PNPM|ELIFECYCLE|\[ERR' "/tmp/node-$version-tests.log" | head -n 120
  fi
  rm -rf "$shim"
done
echo "tests: $total_passed passed, $total_failed failed, $total_skipped skipped"
exit "$status"
