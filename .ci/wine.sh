#!/usr/bin/env bash
# Run the Windows (IOCP) build of the tutorial under Wine 8.0 on Linux.
#
#   bash .ci/wine.sh setup              make a Wine prefix ready (idempotent)
#   bash .ci/wine.sh test PKG... [-- FLAGS]
#                                       cross-compile each package's tests and
#                                       run them under Wine, in the package dir
#   bash .ci/wine.sh run PKG [ARGS...]  build a program for Windows and run it
#                                       under Wine, in the current directory
#   bash .ci/wine.sh stop               stop this prefix's wineserver
#
# The prefix lives in $RUNNER_TEMP/wine on GitHub Actions and in .wine/ at
# the repository root elsewhere (git-ignored); set WINEPREFIX to choose
# another. See internal/winshim/README.md for why the prefix needs a shim.
set -euo pipefail

repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
if [[ -n ${RUNNER_TEMP:-} ]]; then default_prefix=$RUNNER_TEMP/wine; else default_prefix=$repo/.wine; fi
export WINEPREFIX=${WINEPREFIX:-$default_prefix}
export WINEARCH=win64
export WINEDEBUG=-all # Wine's own warnings would bury the test output
export WINEDLLOVERRIDES="winemenubuilder.exe=d;mscoree,mshtml=" # no menus, no Mono/Gecko prompts
shim_src=$repo/internal/winshim/prng.c
shim_dll=$WINEPREFIX/drive_c/windows/system32/bcryptprimitives.dll
bin=$WINEPREFIX/drive_c/gonode-bin # where the Windows executables go

die() { echo "wine.sh: $*" >&2; exit 1; }
quiet() { "$@" </dev/null >/dev/null 2>&1; }

need_tools() {
	if command -v wine >/dev/null && { command -v wine64 || [[ -x /usr/lib/wine/wine64 ]]; } >/dev/null &&
		command -v x86_64-w64-mingw32-gcc >/dev/null; then
		return
	fi
	[[ $(id -u) == 0 ]] || die "need wine, wine64 and gcc-mingw-w64-x86-64-win32; as root run:
  apt-get update && apt-get install -y wine wine64 gcc-mingw-w64-x86-64-win32"
	export DEBIAN_FRONTEND=noninteractive
	apt-get update && apt-get install -y wine wine64 gcc-mingw-w64-x86-64-win32
}

setup() {
	need_tools
	mkdir -p "$WINEPREFIX" "$bin"
	if [[ ! -f $WINEPREFIX/system.reg ]]; then
		echo "wine.sh: creating prefix $WINEPREFIX"
		quiet wineboot -i
		quiet wineserver -w
	fi
	# Go >= 1.22 needs ProcessPrng from bcryptprimitives.dll, which Wine 8.0
	# lacks; Go loads it from system32 only, so the shim goes there.
	if [[ ! -f $shim_dll || $shim_src -nt $shim_dll ]]; then
		x86_64-w64-mingw32-gcc -O2 -shared -o "$shim_dll" "$shim_src" -ladvapi32
	fi
	# Start the server and Wine's background services once, with their output
	# going nowhere: otherwise the first program of every run waits ~2.4 s for
	# them and they hold its output pipes. `wineserver -p` fails while another
	# server runs, so stop this prefix's server first.
	quiet wineserver -k || true
	quiet wineserver -w || true
	quiet wineserver -p
	quiet wine cmd /c exit
	echo "wine.sh: ready ($(wine --version), prefix $WINEPREFIX)"
}

ensure_setup() { [[ -f $shim_dll && ! $shim_src -nt $shim_dll ]] || setup; }

# exe_name PKG prints a file name for PKG's binary, made from its import path.
exe_name() { go list -f '{{.ImportPath}}' "$1" | tr '/.' '__'; }

# Under Wine 8.0, os.RemoveAll of a folder with files in it fails ("unlinkat
# ...: Invalid function"): Go deletes with FILE_DISPOSITION_INFORMATION_EX
# first and falls back to the older call only on the errors Windows gives
# when it lacks that; Wine answers with another one. That breaks t.TempDir's cleanup and testscript.Main,
# which log.Fatal's when it cannot remove its folder of commands, after the
# tests have passed (-testwork does not cover that folder). So each test
# binary gets one more test file, added through an -overlay and never
# written into the repository, that switches Go's own test hook
# internal/syscall/windows.TestDeleteatFallback on; linking to it needs
# -checklinkname=0. Only the binaries built here for Wine carry it.
write_overlay() { # write_overlay PKG DIR: prints the overlay file to pass to go test
	local name=$1 dir=$2 src=$bin/overlay/$(exe_name "$1").go
	mkdir -p "$bin/overlay"
	cat >"$src" <<GO
package $(go list -f '{{.Name}}' "$name")

import _ "unsafe" // for go:linkname

//go:linkname wineDeleteFallback internal/syscall/windows.TestDeleteatFallback
var wineDeleteFallback bool

func init() { wineDeleteFallback = true }
GO
	printf '{"Replace":{"%s":"%s"}}\n' "$dir/zz_wine_removeall_test.go" "$src" >"$src.json"
	echo "$src.json"
}

run_tests() {
	local pkgs=() flags=() failed=()
	while (($#)); do
		if [[ $1 == -- ]]; then shift; flags=("$@"); break; fi
		pkgs+=("$1"); shift
	done
	((${#pkgs[@]})) || die "usage: wine.sh test PKG... [-- TEST FLAGS]"
	mapfile -t pkgs < <(GOOS=windows go list "${pkgs[@]}") # expand ./... patterns
	ensure_setup
	local pkg dir exe overlay
	for pkg in "${pkgs[@]}"; do
		dir=$(GOOS=windows go list -f '{{.Dir}}' "$pkg")
		if [[ $(GOOS=windows go list -f '{{len .TestGoFiles}}{{len .XTestGoFiles}}' "$pkg") == 00 ]]; then
			echo "wine.sh: $pkg has no tests"
			continue
		fi
		exe=$bin/$(exe_name "$pkg").test.exe
		overlay=$(GOOS=windows write_overlay "$pkg" "$dir")
		GOOS=windows GOARCH=amd64 go test -c -o "$exe" -overlay "$overlay" -ldflags=-checklinkname=0 "$pkg"
		echo "=== wine $pkg"
		# Run in the package folder, as go test does: tests read testdata/.
		if ! (cd "$dir" && wine "$exe" -test.v -test.count=1 \
			-test.timeout="${WINE_TEST_TIMEOUT:-5m}" "${flags[@]}"); then
			failed+=("$pkg")
		fi
	done
	((${#failed[@]} == 0)) || die "FAIL under Wine: ${failed[*]}"
	echo "wine.sh: ok ${pkgs[*]}"
}

run_program() {
	(($#)) || die "usage: wine.sh run PKG [ARGS...]"
	local pkg=$1; shift
	ensure_setup
	local exe
	exe=$bin/$(exe_name "$pkg").exe
	GOOS=windows GOARCH=amd64 go build -o "$exe" "$pkg"
	wine "$exe" "$@"
}

case ${1:-} in
setup) setup ;;
test) shift; run_tests "$@" ;;
run) shift; run_program "$@" ;;
stop) quiet wineserver -k || true ;;
*) die "usage: wine.sh setup | test PKG... [-- FLAGS] | run PKG [ARGS...] | stop" ;;
esac
