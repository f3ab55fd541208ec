#!/usr/bin/env bash
# Regenerates src/*/PublicAPI.Unshipped.txt from the code (applies the RS0016/RS0017 code fixes).
# Use after a deliberate public API change; review the diff before committing.
set -euo pipefail
cd "$(dirname "$0")/.."
for proj in ${1:-src/*/*.csproj}; do
  dir=$(dirname "$proj")
  [ -f "$dir/PublicAPI.Unshipped.txt" ] || echo '#nullable enable' > "$dir/PublicAPI.Unshipped.txt"
  [ -f "$dir/PublicAPI.Shipped.txt" ] || echo '#nullable enable' > "$dir/PublicAPI.Shipped.txt"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$proj" --diagnostics RS0016 RS0017 RS0037 --severity error >/dev/null 2>&1 || true
  { echo '#nullable enable'; grep -v '^#nullable' "$dir/PublicAPI.Unshipped.txt" | LC_ALL=C sort -u; } > "$dir/PublicAPI.Unshipped.tmp"
  mv "$dir/PublicAPI.Unshipped.tmp" "$dir/PublicAPI.Unshipped.txt"
  echo "$dir: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) public symbols"
done
