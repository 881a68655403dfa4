#!/usr/bin/env bash
# Runs every benchmark script once on a small size (--small: about 1,000
# events, one run, no scaling table) and fails if any of them fails. The
# scripts print figures and never fail on a timing; they fail on an error or
# on a disagreement between the engine and the plain reference.
#
#   benchmarks/run_all.sh            # with .venv/bin/python
#   PYTHON=python3 benchmarks/run_all.sh
set -uo pipefail
cd "$(dirname "$0")/.."
py="${PYTHON:-.venv/bin/python}"
tmp="$(mktemp -d "${TMPDIR:-/tmp}/succession-bench-small.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT
failed=()
run() {
  echo "-- $*"
  local start=$SECONDS
  if "$py" "$@"; then
    echo "-- ok in $((SECONDS - start)) s: $1"
  else
    echo "-- FAILED (exit $?): $*"
    failed+=("$1")
  fi
  echo
}
run benchmarks/synthetic.py "$tmp/synthetic" --small
run benchmarks/plain_reference.py --small
run benchmarks/engine_throughput.py --small --dir "$tmp/throughput"
run benchmarks/profile_engine.py --small --dir "$tmp/throughput"
run benchmarks/startup.py --small
run benchmarks/analysis.py --small
run benchmarks/hostile_input.py --small
if [ ${#failed[@]} -ne 0 ]; then
  echo "benchmarks: ${#failed[@]} failed: ${failed[*]}"
  exit 1
fi
echo "benchmarks: all ran"
