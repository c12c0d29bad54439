# The Node Experiment, in Go. `make help` lists the targets.
#
# Two commands do all set-up on a fresh machine with Go installed:
#   make run    runs the newest program of the book
#   make test   runs every test (Linux; see `make test-windows` for IOCP)

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOOSES      := linux darwin freebsd netbsd openbsd windows
RUN         ?= ./final
STRESS_RUNS ?= 50
EXERCISES   ?= ./exercises/...
# The packages with Windows (IOCP) tests: make test-windows runs them under
# Wine, the GitHub workflow's Windows job natively.
WINDOWS_PKGS := ./express ./chapters/01-poll/minimio ./chapters/01-poll ./chapters/02-threadpool ./chapters/03-runtime ./chapters/04-modules ./final ./final/minimio ./final/loop ./final/http ./final/fs ./final/pool ./final/timeline

.PHONY: windows-pkgs help run test test-race test-tools test-windows test-scale check vet fmt-check staticcheck book book-coverage pictures timeline serve golden stress bench bench-costs bench-syscalls bench-smoke ci exercises exercise-solutions

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

run: ## run the complete runtime's example (final/)
	$(GO) run $(RUN)

test: ## run the tests of the tutorial module and of tools/
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) test-tools

exercises: ## the book's exercises on your answers: they fail, saying what is missing, until solved (EXERCISES=./exercises/NN-name for one)
	$(GO) test -count=1 -tags exercises $(EXERCISES)

exercise-solutions: ## the exercises' tests on the reference solutions, which must pass (CI runs it)
	$(GO) vet -tags exercises,solution ./exercises/...
	$(GO) test -count=1 -tags exercises,solution ./exercises/...

test-tools: ## run the tests of the book renderer (its own module)
	cd tools && $(GO) vet ./... && $(GO) test -count=1 ./...

test-race: ## the tutorial's tests under the race detector
	$(GO) test -count=1 -race ./...

test-scale: ## final's scale tests at full size: 10,000 connections, a million timers, 100,000 tasks, a signal storm (about 15 s)
	FULL_SCALE=1 $(GO) test -count=1 -v -run 'Scale|Storm' ./final

test-windows: ## build the Windows (IOCP) tests and run them under Wine
	bash .ci/wine.sh setup
	bash .ci/wine.sh test $(WINDOWS_PKGS) || { bash .ci/wine.sh stop; exit 1; }
	bash .ci/wine.sh stop

windows-pkgs: ## print the packages make test-windows runs (the Windows CI job reads it)
	@echo $(WINDOWS_PKGS)

check: fmt-check vet staticcheck ## gofmt, go vet for every GOOS, staticcheck

fmt-check:
	@out=$$(gofmt -l $$(git ls-files '*.go')); if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi

vet:
	@for os in $(GOOSES); do echo "go vet GOOS=$$os"; GOOS=$$os $(GO) vet ./... || exit 1; done

staticcheck:
	$(GO) run $(STATICCHECK) ./...
	cd tools && $(GO) run $(STATICCHECK) ./...

golden: ## regenerate every output.txt from a real run (checked against its spec), and the appendix's line-for-line table
	UPDATE_GOLDEN=1 $(GO) test -count=1 -run TestScripts ./express ./chapters/... ./final
	cd tools && UPDATE_APPENDIX=1 $(GO) test -count=1 ./internal/appendix # re-pair the appendix's table with the new chapter 04 run

stress: ## run the chapter trace tests $(STRESS_RUNS) times while both cores are busy
	bash .ci/stress.sh $(STRESS_RUNS)

book: ## render the book into public/ (changes no tracked file; `make pictures` redraws them)
	cd tools && $(GO) run ./cmd/mdbook build -C ..

book-coverage: ## which lines of final/'s runtime the book shows, per file, package and in total; FILE=final/loop/net.go lists a file's missing lines
	cd tools && $(GO) run ./cmd/bookcoverage -C .. $(if $(FILE),-file $(FILE))

pictures: timeline ## redraw the book's pictures: the diagrams (tools/cmd/pictures) and the timeline of a real run (then commit them)
	cd tools && $(GO) run ./cmd/pictures

timeline: ## draw a real run of final/ into book/images/timeline-final.svg (about 4 s); TestBookTimelineSatisfiesSpec checks it
	mkdir -p book/images
	TIMELINE=book/images/timeline-final.svg $(GO) run ./final > /dev/null

serve: ## render the book and serve it on http://127.0.0.1:3000
	cd tools && $(GO) run ./cmd/mdbook serve -C ..

bench: ## time final's runtime against Node and Go (minutes); writes bench/results.* and book/images/bench.svg
	$(GO) run ./bench/cmd/bench

bench-costs: ## time what an event loop's steps cost (a system call, a wake-up, a pool hand-off, a timer, a tick; under a minute); writes bench/costs.*
	$(GO) run ./bench/cmd/costs

SYSCALLS_DIR ?= $(or $(TMPDIR),/tmp)/gonode-syscalls
bench-syscalls: ## count each contender's system calls per operation with strace -f -c (a few minutes); writes $(SYSCALLS_DIR)/syscalls.md, not a tracked file
	$(GO) run ./bench/cmd/bench -syscalls $(SYSCALLS_DIR) $(if $(ONLY),-only $(ONLY))

bench-smoke: ## the benchmark and the cost probes at tiny sizes (seconds), to keep the harnesses working; writes nothing
	$(GO) run ./bench/cmd/bench -size smoke -rounds 1 -warmup 0 -out ""
	$(GO) run ./bench/cmd/costs -quick -out ""

ci: ## what CI runs
	bash .ci/run
