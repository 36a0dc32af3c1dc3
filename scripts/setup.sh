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
apt_install() {
  if [ "$(id -u)" != "0" ] || ! command -v apt-get >/dev/null 2>&1; then
    return 1
  fi
  if [ "$apt_ready" = 0 ]; then
    say "apt-get update"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    apt_ready=1
  fi
  say "apt-get install $*"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

if [ -z "${REDIS_URL:-}" ] && ! command -v redis-server >/dev/null 2>&1; then
  if ! apt_install redis-server; then
    cat >&2 <<'MSG'
redis-server is not installed and this user cannot install it.
  Debian/Ubuntu:  sudo apt-get install redis-server
  or run Loket against a Redis you already have:  REDIS_URL=redis://host:6379 npm run quickstart
MSG
    exit 1
  fi
fi

if [ "$with_browser" = 1 ] && ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  if ! apt_install chromium; then
    echo "The browser tests need Chromium: sudo apt-get install chromium" >&2
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
