#!/usr/bin/env bash
# Benchmark gate (issue #3), run by .ci/run after the tests: bash .ci/gate-benchmarks.sh
# Builds the benchmarks in Release and runs the `gate` verb: every gated benchmark runs briefly
# in-process (1 warm-up + 3 measured iterations) and the gate fails when the ALLOCATED BYTES per
# operation exceed the goals (invite <= 12 KB, accept <= 256 B, accept+fact+sign <= 1.5 KB,
# render <= 8 KB). Times are printed next to their goals but never gated. Exit code: 0 pass, 1 fail.
set -uo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

project=benchmarks/Invitations.Benchmarks
echo "== build $project (Release)"
# pipefail: the pipeline fails when the build fails, whatever tail does.
if ! dotnet build "$project" -c Release --nologo -v quiet 2>&1 | tail -n 20; then
  echo "benchmark gate: FAIL (build failed)"
  exit 1
fi

echo "== benchmark gate (allocations gated, times informative)"
dotnet "$project/bin/Release/net10.0/Invitations.Benchmarks.dll" gate
status=$?
[ "$status" -eq 0 ] || echo "benchmark gate: exit $status (see the table above; docs/performance.md lists the hot spots)"
exit "$status"
