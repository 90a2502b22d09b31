#!/usr/bin/env bash
# The reliability suite at full size, with its figures: 50 jobs at once (half over HTTP, half dropped) on two worker
# processes sharing one task hub on Azurite; kill -9 of the worker during each stage, 10 times per stage; a 30 s
# storage outage mid-job; the bad-input corpus through the CLI and the HTTP API. The same tests run small in
# ./test.sh (10 jobs, one crash per stage); here SONIC_RELIABILITY_JOBS and SONIC_RELIABILITY_CRASHES scale them.
# Takes about 25 minutes on the shared 2-core dev box.
# Usage: bench/reliability.sh [jobs] [crashes-per-stage]   (default 50 10)   Needs what ./test.sh needs.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
./scripts/setup.sh >/dev/null
dotnet build tests/Sonic.IntegrationTests -c Release --nologo -v quiet -clp:ErrorsOnly
report="$(mktemp /tmp/sonic-reliability.XXXXXX)"
trap 'rm -f "$report"' EXIT
export SONIC_RELIABILITY_REPORT="$report" SONIC_RELIABILITY_JOBS="${1:-50}" SONIC_RELIABILITY_CRASHES="${2:-10}"
status=0
summary="$(dotnet test tests/Sonic.IntegrationTests -c Release --no-build --nologo \
  --filter "FullyQualifiedName~Sonic.IntegrationTests.Reliability" --logger "console;verbosity=minimal" 2>&1)" || status=1
corpus="$(dotnet test tests/Sonic.IntegrationTests -c Release --no-build --nologo --list-tests \
  --filter "FullyQualifiedName~BadInputCorpus" 2>/dev/null | grep -c '^    ' || true)"
echo "== reliability figures ($(date -u +%F), $(nproc) cores)"
sort "$report"
echo "bad inputs: $corpus cases (CLI and HTTP) in the run below"
grep -E "^(Passed|Failed)!" <<<"$summary" || { echo "$summary" | tail -40; }
grep -E "^\s+Failed " <<<"$summary" || true
exit $status
