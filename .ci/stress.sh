#!/usr/bin/env bash
# Runs each chapter's trace test RUNS times in a row while two busy loops
# keep both cores loaded, and fails on the first failing run.
#   bash .ci/stress.sh [RUNS] [PACKAGES...]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-50}
shift || true
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./chapters/01-poll)

load_pids=()
for _ in 1 2; do
	( while :; do :; done ) &
	load_pids+=($!)
done
trap 'kill "${load_pids[@]}" 2>/dev/null || true' EXIT

for pkg in "${pkgs[@]}"; do
	go test -c -o /tmp/stress-$$.test "$pkg"
	start=$(date +%s)
	(cd "$pkg" && /tmp/stress-$$.test -test.run '^TestScripts$' -test.count="$runs" -test.failfast) \
		|| { echo "stress: $pkg failed under load"; exit 1; }
	echo "stress: $pkg: $runs runs passed in a row under load ($(( $(date +%s) - start )) s)"
done
rm -f /tmp/stress-$$.test
