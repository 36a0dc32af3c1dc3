#!/usr/bin/env bash
# One command from a fresh clone to a running engine with the sample mall.
# Open around the clock unless LOKET_IGNORE_HOURS=0 (the sample mall's real hours).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
export LOKET_IGNORE_HOURS="${LOKET_IGNORE_HOURS:-1}"
exec npm start --silent
