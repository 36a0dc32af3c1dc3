#!/usr/bin/env bash
# Sets Loket up on a fresh Debian/Ubuntu machine with Node 20:
# installs npm dependencies, builds the engine and the web clients, and makes sure a
# redis-server is there when REDIS_URL is not set (apt-get when root; otherwise says how).
#   --with-browser  also installs Debian's chromium (for the browser tests)
set -euo pipefail
cd "$(dirname "$0")/.."

with_browser=0
for arg in "$@"; do
  case "$arg" in
    --with-browser) with_browser=1 ;;
    *) echo "setup: unknown option $arg" >&2; exit 2 ;;
  esac
done

say() { printf '\033[1m[loket]\033[0m %s\n' "$*"; }

node_major=$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)
if [ "$node_major" -lt 20 ]; then
  echo "Loket needs Node.js 20 or newer (found: $(node --version 2>/dev/null || echo none))." >&2
  exit 1
fi

apt_ready=0
apt_log="$(mktemp)"
trap 'rm -f "$apt_log"' EXIT
# Returns 2 when this user cannot use apt-get at all; 1 when apt-get ran and failed (its own
# error, e.g. a held lock or a missing package, is printed: never guessed).
apt_install() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    return 2
  fi
  if [ "$apt_ready" = 0 ]; then
    say "apt-get update"
    if ! DEBIAN_FRONTEND=noninteractive apt-get update -qq 2>"$apt_log"; then
      echo "apt-get update failed:" >&2
      cat "$apt_log" >&2
      return 1
    fi
    apt_ready=1
  fi
  say "apt-get install $*"
  if ! DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null 2>"$apt_log"; then
    echo "apt-get install $* failed:" >&2
    cat "$apt_log" >&2
    return 1
  fi
}

if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  rc=0
  apt_install redis-server || rc=$?
  if [ "$rc" = 1 ]; then
    echo "Installing redis-server failed (apt-get's error above). Fix that, or set REDIS_URL to a Redis you run." >&2
    exit 1
  elif [ "$rc" != 0 ]; then
    cat >&2 <<'MSG'
redis-server is not installed and this user cannot install it.
  Debian/Ubuntu:  sudo apt-get install redis-server
  or run Loket against a Redis you already have:  REDIS_URL=redis://host:6379 npm run quickstart
MSG
    exit 1
  fi
fi

if [ "$with_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  rc=0
  apt_install chromium || rc=$?
  if [ "$rc" = 1 ]; then
    echo "Installing chromium failed (apt-get's error above)." >&2
    exit 1
  elif [ "$rc" != 0 ]; then
    echo "The browser tests need Chromium, and this user cannot install it: sudo apt-get install chromium" >&2
    exit 1
  fi
fi

say "installing npm dependencies"
if [ -f package-lock.json ]; then
  npm ci --no-audit --no-fund --loglevel=error
else
  npm install --no-audit --no-fund --loglevel=error
fi

say "building the engine and the web clients"
npm run build --silent
say "set-up done"
