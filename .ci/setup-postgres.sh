#!/usr/bin/env bash
# Installs (if needed) and starts a local PostgreSQL for the Invitations.EntityFrameworkCore tests,
# then exports INVITATIONS_POSTGRES. Sourced by .ci/run as root on Debian 12; idempotent and quiet.
# Listens on 127.0.0.1:5432 only.
_invpg_setup() {
  local user=invitations password=invitations db=invitations_tests port=5432
  if ! command -v pg_ctlcluster >/dev/null 2>&1 || ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null || return 1
    apt-get install -y -qq postgresql >/dev/null || return 1
  fi
  local version
  version=$(ls /usr/lib/postgresql | sort -V | tail -n 1)
  [ -n "$version" ] || { echo "setup-postgres: no PostgreSQL version found"; return 1; }
  if ! pg_lsclusters -h 2>/dev/null | awk '{print $1" "$2}' | grep -qx "$version main"; then
    pg_createcluster "$version" main >/dev/null || return 1
  fi
  local conf="/etc/postgresql/$version/main/postgresql.conf"
  if [ -f "$conf" ] && ! grep -q "^listen_addresses = '127.0.0.1'" "$conf"; then
    sed -i "s/^#\?listen_addresses.*/listen_addresses = '127.0.0.1'/" "$conf"
    sed -i "s/^#\?port = .*/port = $port/" "$conf"
    grep -q "^max_connections = 200" "$conf" || sed -i "s/^#\?max_connections = .*/max_connections = 200/" "$conf"
    pg_ctlcluster "$version" main stop >/dev/null 2>&1 || true
  fi
  if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
    pg_ctlcluster "$version" main start >/dev/null || return 1
  fi
  local i
  for i in $(seq 1 30); do
    su postgres -c "psql -qAtX -p $port -c 'select 1'" >/dev/null 2>&1 && break
    sleep 1
  done
  su postgres -c "psql -qAtX -p $port -v ON_ERROR_STOP=1" >/dev/null <<SQL || return 1
DO \$\$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '$user') THEN
    CREATE ROLE $user LOGIN CREATEDB PASSWORD '$password';
  ELSE
    ALTER ROLE $user LOGIN CREATEDB PASSWORD '$password';
  END IF;
END \$\$;
SQL
  if [ "$(su postgres -c "psql -qAtX -p $port -c \"select 1 from pg_database where datname = '$db'\"")" != "1" ]; then
    su postgres -c "createdb -p $port -O $user $db" >/dev/null || return 1
  fi
  export INVITATIONS_POSTGRES="Host=127.0.0.1;Port=$port;Username=$user;Password=$password;Database=$db"
}
_invpg_setup
_invpg_status=$?
unset -f _invpg_setup
[ "$_invpg_status" -eq 0 ] || { unset _invpg_status; return 1 2>/dev/null || exit 1; }
unset _invpg_status
