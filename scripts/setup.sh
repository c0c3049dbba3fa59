#!/usr/bin/env bash
# npm run setup: installs the npm packages and, where missing, Chromium, the CJK fonts and the other Debian
# packages below (OCR, PDF tools, ffmpeg, PostgreSQL, Redis and nginx).
# On Debian/Ubuntu as root it installs them with apt; elsewhere it prints exactly what to install.
# Playwright's own browser download is never used (it cannot work offline, and Debian's chromium
# matches Playwright 1.64's expected Chromium 156).
set -euo pipefail
cd "$(dirname "$0")/.."

echo "jianzhen setup: npm packages" >&2
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 PUPPETEER_SKIP_DOWNLOAD=1
if [ -f package-lock.json ]; then npm ci --no-audit --no-fund; else npm install --no-audit --no-fund; fi

missing=()
have_chromium() {
  [ -n "${JIANZHEN_CHROMIUM:-}" ] && [ -x "${JIANZHEN_CHROMIUM}" ] && return 0
  command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1
}
have_chromium || missing+=(chromium)
# The same Chromium without the desktop browser around it: scans use it where present, at about a third of the
# CPU a page (README, "Measuring"); jianzhen falls back to chromium without it.
[ -n "${JIANZHEN_CHROMIUM:-}" ] || command -v chromium-headless-shell >/dev/null 2>&1 || missing+=(chromium-headless-shell)
# grep -q would stop reading early, fc-list would die of SIGPIPE, and pipefail would call the fonts missing.
if ! fc-list 2>/dev/null | grep -i 'Noto Sans CJK\|Noto Serif CJK' >/dev/null; then missing+=(fonts-noto-cjk); fi
# OCR of headings drawn as images and PDF checks use these; optional for a scan.
command -v tesseract >/dev/null 2>&1 || missing+=(tesseract-ocr tesseract-ocr-chi-sim)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)
# The evidence packet's video: Playwright's recorder runs ffmpeg (VP9 WebM); linked below.
command -v ffmpeg >/dev/null 2>&1 || missing+=(ffmpeg)
# Beyond one machine, and the tests that start real servers: PostgreSQL (the shared store; tests run
# initdb/pg_ctl from /usr/lib/postgresql/*/bin) and Redis (the queues). A scan on one machine needs neither.
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || missing+=(postgresql)
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
# The console's end-to-end test runs it behind a real HTTPS reverse proxy, as deployments do.
{ command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ]; } || missing+=(nginx)

if [ ${#missing[@]} -eq 0 ]; then
  echo "jianzhen setup: Chromium, fonts and the other system packages present" >&2
elif [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "jianzhen setup: installing with apt: ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "jianzhen setup: please install: ${missing[*]}" >&2
  echo "  Debian/Ubuntu: sudo apt-get install -y ${missing[*]}" >&2
  echo "  or point JIANZHEN_CHROMIUM at a Chromium/Chrome 156 binary" >&2
fi
npx --no-install tsx scripts/link-ffmpeg.ts || echo "jianzhen setup: video: could not link ffmpeg for Playwright (the screencast AVI is kept)" >&2
echo "jianzhen setup: done" >&2
