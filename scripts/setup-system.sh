#!/usr/bin/env bash
# Installs the Debian packages the full test suite needs, where missing: PostgreSQL (server and client, for
# `npm run test:pg` and pg_dump/psql backups), Chromium (browser tests) and Noto CJK fonts (so screenshots show Chinese).
set -euo pipefail
need=()
command -v pg_dump >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || need+=(postgresql postgresql-client)
[ -x /usr/bin/chromium ] || need+=(chromium)
fc-list 2>/dev/null | grep -qi "Noto Sans CJK" || need+=(fonts-noto-cjk)
if [ ${#need[@]} -eq 0 ]; then
  echo "setup:system: everything is installed already."
  exit 0
fi
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
echo "setup:system: installing ${need[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}"
