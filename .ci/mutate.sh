#!/usr/bin/env bash
# Mutation testing with gremlins (go-gremlins/gremlins v0.6.0): for each
# package given (default: the five below), every mutant of its code that
# its tests cover is built and tested; a mutant the tests still pass
# LIVED. It prints the mutants that lived and one summary line per
# package, and fails if a package's efficacy (killed / (killed + lived))
# is under MUTATE_THRESHOLD percent (default 0: report only).
#
#   bash .ci/mutate.sh                       # all five (about an hour on two busy cores)
#   bash .ci/mutate.sh ./final/pool          # one
set -euo pipefail
cd "$(dirname "$0")/.."
GO=${GO:-go}
GREMLINS=github.com/go-gremlins/gremlins/cmd/gremlins@v0.6.0
threshold=${MUTATE_THRESHOLD:-0}
pkgs=("$@")
[ ${#pkgs[@]} -gt 0 ] || pkgs=(./final/loop ./final/minimio ./final/pool ./final/http ./internal/trace)
# The timeout of a mutant's test run is the package's own test time times
# this; it must cover a build on a busy machine, or mutants are reported
# TIMED OUT instead of tested.
coefficient=${MUTATE_TIMEOUT_COEFFICIENT:-20}
summary=()
failed=0
for p in "${pkgs[@]}"; do
	log=$(mktemp)
	nice -n 19 $GO run $GREMLINS unleash --workers 1 --test-cpu 1 --timeout-coefficient "$coefficient" "$p" >"$log" 2>&1 || true
	grep -E '^ *LIVED' "$log" | sed "s|^ *|$p: |" || true
	killed=$(sed -n 's/^Killed: \([0-9]*\), Lived: \([0-9]*\), Not covered: \([0-9]*\).*/\1/p' "$log")
	lived=$(sed -n 's/^Killed: \([0-9]*\), Lived: \([0-9]*\), Not covered: \([0-9]*\).*/\2/p' "$log")
	uncovered=$(sed -n 's/^Killed: \([0-9]*\), Lived: \([0-9]*\), Not covered: \([0-9]*\).*/\3/p' "$log")
	timedout=$(sed -n 's/^Timed out: \([0-9]*\),.*/\1/p' "$log")
	if [ -z "$killed" ]; then
		echo "$p: gremlins did not finish:"; tail -20 "$log"; failed=1; rm -f "$log"; continue
	fi
	rm -f "$log"
	total=$((killed + lived))
	eff=$(awk -v k="$killed" -v t="$total" 'BEGIN { if (t == 0) print "100.0"; else printf "%.1f", 100 * k / t }')
	summary+=("$(printf '%-18s killed %4d  lived %3d  timed out %3d  not covered %4d  efficacy %5s %%' "$p" "$killed" "$lived" "$timedout" "$uncovered" "$eff")")
	if awk -v e="$eff" -v th="$threshold" 'BEGIN { exit !(e < th) }'; then failed=1; fi
done
printf '%s\n' "${summary[@]}"
exit $failed
