# shellcheck shell=bash
# Sourced by .ci/run (as root, Debian 12): installs Debian's Chromium, which tests/Invitations.WebApp.BrowserTests
# drives through Playwright at /usr/bin/chromium (Playwright's own browser download is not used). Idempotent and quiet:
# nothing happens when the browser is there. Exports nothing. Returns non-zero (never exits: it is sourced) on failure.

__invitations_setup_chromium() {
  if [ -x /usr/bin/chromium ]; then
    return 0
  fi

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup-chromium: not root and no sudo; install chromium by hand (apt-get install -y chromium)" >&2
      return 1
    fi
  fi

  echo "setup-chromium: installing chromium"
  local log
  log=$(mktemp)
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium; } >"$log" 2>&1; then
    echo "setup-chromium: apt-get failed:" >&2
    tail -n 20 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  [ -x /usr/bin/chromium ] || { echo "setup-chromium: /usr/bin/chromium is still missing after the install" >&2; return 1; }
}

__invitations_setup_chromium
__invitations_setup_chromium_status=$?
unset -f __invitations_setup_chromium
if [ "$__invitations_setup_chromium_status" -ne 0 ]; then
  unset __invitations_setup_chromium_status
  return 1 2>/dev/null || exit 1
fi
unset __invitations_setup_chromium_status
