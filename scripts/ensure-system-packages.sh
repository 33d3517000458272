#!/usr/bin/env bash
# Installs the Debian packages the tests drive, when missing (idempotent; needs apt and root):
# chromium for the browser tests (through playwright-core; no browser is ever downloaded by
# Playwright), mosquitto for the MQTT tests, ffmpeg to generate the HLS test stream.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
[ -x /usr/sbin/mosquitto ] || missing+=(mosquitto)
[ -x /usr/bin/ffmpeg ] || missing+=(ffmpeg)
if [ ${#missing[@]} -gt 0 ]; then
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi
/usr/bin/chromium --version
