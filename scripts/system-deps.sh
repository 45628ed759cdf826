#!/usr/bin/env bash
# Installs the Debian packages storyline's tests need, once, and the pinned JavaScript viewers the
# browser tests render exports in (tests/js/package-lock.json). Idempotent.
set -euo pipefail
JS="$(dirname "$0")/../tests/js"
if [ ! -d "$JS/node_modules" ] && command -v npm >/dev/null 2>&1; then
  echo "installing the test viewers: npm ci --prefix tests/js"
  npm ci --prefix "$JS" --no-audit --no-fund --ignore-scripts >/dev/null
fi
need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v chromedriver >/dev/null 2>&1 || need+=(chromium-driver)
perl -MXML::Parser -e1 >/dev/null 2>&1 || need+=(libxml-parser-perl)
perl -MDB_File -e1 >/dev/null 2>&1 || need+=(libdb-file-perl)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
echo "installing Debian packages: ${need[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
