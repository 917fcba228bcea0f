#!/usr/bin/env bash
# Install the Debian packages the browser tests need, only when they are missing:
# Debian's Chromium (Playwright drives it; nothing downloads a browser) and the
# Noto CJK fonts (Chinese text in screenshots).  Needs root (or sudo) and apt.
set -euo pipefail
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
fc-list 2>/dev/null | grep -q "Noto Sans CJK" || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi
echo "installing Debian packages: ${missing[*]}"
if [ "$(id -u)" -ne 0 ]; then
  SUDO=sudo
  command -v sudo >/dev/null 2>&1 || { echo "error: need root to apt-get install ${missing[*]}" >&2; exit 1; }
else
  SUDO=
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" fontconfig >/dev/null
