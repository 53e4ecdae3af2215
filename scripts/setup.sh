#!/usr/bin/env bash
# One-time set-up of a fresh machine: the pinned pnpm, the locked packages, and Debian's
# Chromium for the docs' browser test. Safe to run again; it skips what is already there.
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

bash scripts/install-pnpm.sh
pnpm install --frozen-lockfile
