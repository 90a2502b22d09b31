#!/usr/bin/env bash
# ./test.sh: installs the prerequisites, builds, runs every test, and ends with "N passed, N failed, N skipped".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$root"
./scripts/setup.sh || { echo "setup failed"; echo "0 passed, 1 failed"; exit 1; }

results="$root/TestResults"
rm -rf "$results"
dotnet build SonicFunctions.sln -c Release --nologo -v quiet -clp:ErrorsOnly
build=$?
if [ $build -ne 0 ]; then
  echo "build failed"
  echo "0 passed, 1 failed"
  exit 1
fi

# One test project at a time: the media tests are CPU-heavy and CI has 2 cores.
status=0
crashed=0
for project in tests/*Tests/*.csproj; do
  name=$(basename "$project" .csproj)
  echo "=== $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --results-directory "$results" \
    --logger "console;verbosity=normal" -- RunConfiguration.TestSessionTimeout=900000 || status=1
  # A test host that crashed writes no results: count it as a failure so the summary cannot look green.
  [ -f "$results/$name.trx" ] || crashed=$((crashed + 1))
done

# Sum the outcomes of every project from the TRX files.
read -r passed failed skipped < <(python3 - "$results" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
p = f = s = 0
for path in glob.glob(sys.argv[1] + "/*.trx"):
    c = ET.parse(path).getroot().find(".//{*}Counters")
    if c is None: continue
    p += int(c.get("passed", 0)); f += int(c.get("failed", 0)) + int(c.get("error", 0)) + int(c.get("timeout", 0)) + int(c.get("aborted", 0))
    s += int(c.get("notExecuted", 0))
print(p, f, s)
PY
)
failed=$(( ${failed:-0} + crashed ))
[ "$failed" -eq 0 ] && [ "${passed:-0}" -gt 0 ] || status=1
echo "${passed:-0} passed, ${failed} failed, ${skipped:-0} skipped"
exit $status
