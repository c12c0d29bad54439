#!/usr/bin/env bash
# Profiles our runtime (bench/cmd/ours) on the workloads where a profile
# shows what a row of the benchmark costs, and keeps the top of each CPU
# profile in out/pprof/ (git-ignored), or with REFRESH=1 in bench/pprof/,
# the copy the book's results chapter includes:
#
#   bash bench/profile.sh
#   REFRESH=1 bash bench/profile.sh
#
# Each file starts with the command that made it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
go build -o "$tmp/ours" ./bench/cmd/ours
head -c 4096 /dev/zero | tr '\0' 'x' > "$tmp/4k.txt"
dir=out/pprof
[ "${REFRESH:-}" = 1 ] && dir=bench/pprof
mkdir -p "$dir"
profile() { # NAME ARGS...
	local name=$1
	shift
	"$tmp/ours" "$@" -cpuprofile "$tmp/$name.prof" > "$tmp/$name.json"
	{
		local args="$*"
		echo "\$ ours ${args//$tmp\//} -cpuprofile $name.prof"
		cat "$tmp/$name.json"
		echo "\$ go tool pprof -top -nodecount=12 ours $name.prof"
		go tool pprof -top -nodecount=12 "$tmp/ours" "$tmp/$name.prof" 2>/dev/null |
			grep -v -E '^(File|Build ID|Time):'
	} > "$dir/$name.txt"
	echo "$dir/$name.txt"
}
# Larger than the table's sizes where a run would be too short for the
# profiler's 100 samples a second to say much.
profile noop -workload noop -n 1000000
profile immediates -workload immediates -n 2000000
profile files -workload files -n 200000 -c 64 -file "$tmp/4k.txt"
profile timers-big -workload timers -n 1000000
