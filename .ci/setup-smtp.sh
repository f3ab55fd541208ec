# shellcheck shell=bash
# Sourced by .ci/run (as root, Debian 12): makes the SMTP test server of tests/Invitations.MailKit.Tests
# available: Debian's python3-aiosmtpd for /usr/bin/python3. Idempotent and quiet; no apt-get update when
# the package is already there. Returns non-zero (never exits: it is sourced) when it cannot install it.

__invitations_setup_smtp() {
  local python=/usr/bin/python3
  if [ -x "$python" ] && "$python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "setup-smtp: python3-aiosmtpd already installed"
    return 0
  fi

  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    if command -v sudo >/dev/null 2>&1; then sudo="sudo"; else
      echo "setup-smtp: not root and no sudo; install python3-aiosmtpd by hand" >&2
      return 1
    fi
  fi

  echo "setup-smtp: installing python3-aiosmtpd"
  local log
  log=$(mktemp)
  if ! { $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq &&
         $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3-aiosmtpd; } >"$log" 2>&1; then
    echo "setup-smtp: apt-get failed:" >&2
    tail -n 20 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"

  if ! "$python" -c 'import aiosmtpd' >/dev/null 2>&1; then
    echo "setup-smtp: python3-aiosmtpd installed but '$python -c \"import aiosmtpd\"' still fails" >&2
    return 1
  fi
  echo "setup-smtp: python3-aiosmtpd $("$python" -c 'import aiosmtpd; print(aiosmtpd.__version__)')"
}

__invitations_setup_smtp
__invitations_setup_smtp_status=$?
unset -f __invitations_setup_smtp
return "$__invitations_setup_smtp_status" 2>/dev/null || exit "$__invitations_setup_smtp_status"
