# The Node Experiment, in Go. `make help` lists the targets.
#
# Two commands do all set-up on a fresh machine with Go installed:
#   make run    runs the newest program of the book
#   make test   runs every test (Linux; see `make test-windows` for IOCP)

GO          ?= go
STATICCHECK := honnef.co/go/tools/cmd/staticcheck@v0.8.2
GOOSES      := linux darwin dragonfly freebsd netbsd openbsd windows
RUN         ?= ./final
STRESS_RUNS ?= 50
EXERCISES   ?= ./exercises/...
# What golden, timeline and bench record goes into OUT, a git-ignored
# folder, so that the commands the book gives a reader leave the clone
# clean. Maintainers refresh the tracked files the book shows with
# REFRESH=1 (make golden REFRESH=1, make timeline REFRESH=1,
# make bench REFRESH=1, make bench-costs REFRESH=1).
OUT         ?= out
REFRESH     ?=
# The packages with Windows (IOCP) tests: make test-windows runs them under
# Wine, the GitHub workflow's Windows job natively.
WINDOWS_PKGS := ./express ./chapters/01-poll/minimio ./chapters/01-poll ./chapters/02-threadpool ./chapters/03-runtime ./chapters/04-modules ./final ./final/minimio ./final/loop ./final/http ./final/fs ./final/pool ./final/timeline

.PHONY: steps diff windows-pkgs help run test test-race test-tools test-windows test-scale check vet fmt-check staticcheck book book-coverage pictures timeline serve golden stress bench bench-costs bench-syscalls bench-smoke ci exercises exercise-solutions

help: ## list the targets
	@grep -E '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed 's/:.*## /\t/' | expand -t 16

run: ## run the complete runtime's example (final/)
	$(GO) run $(RUN)

test: ## run the tests of the tutorial module and of tools/
	$(GO) vet ./...
	$(GO) test -count=1 ./...
	$(MAKE) test-tools

exercises: ## the book's exercises on your answers: they fail, saying what is missing, until solved (EXERCISES=./exercises/NN-name for one chapter, EXERCISE=Name for one exercise)
	$(GO) test -count=1 -tags exercises $(if $(EXERCISE),-run '$(EXERCISE)') $(EXERCISES)

exercise-solutions: ## the exercises' tests on the reference solutions, which must pass (CI runs it)
	$(GO) vet -tags exercises,solution ./exercises/...
	$(GO) test -count=1 -tags exercises,solution ./exercises/...

test-tools: ## the renderer's tests (fixture books only), then this book's own checks (tools/bookcheck), in tools/'s own module
	cd tools && $(GO) vet ./... && $(GO) test -count=1 ./cmd/... ./internal/... ./browsertest/...
	cd tools && $(GO) test -count=1 ./bookcheck/...

test-race: ## the tutorial's tests under the race detector (the book's steps, cut from final/, run without it in make test)
	$(GO) test -count=1 -race $$($(GO) list ./... | grep -v '/steps/')

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

golden: ## run each program again, check it against its spec and record it in $(OUT)/golden/ (REFRESH=1: over the tracked output.txt files, and re-pair the appendix's table)
ifeq ($(REFRESH),1)
	UPDATE_GOLDEN=1 $(GO) test -count=1 -run TestScripts ./express ./chapters/... ./final
	UPDATE_GOLDEN=1 $(GO) test -count=1 -run TestExamples ./final/examples ./steps/...
	$(MAKE) steps # a step keeps the runs of its own page's examples only
	cd tools && UPDATE_APPENDIX=1 $(GO) test -count=1 ./bookcheck/appendix # re-pair the appendix's table with the new chapter 04 run
	cd tools && $(GO) run ./cmd/pictures # redraw chapter 04's run from its new output.txt
else
	rm -rf $(OUT)/golden
	UPDATE_GOLDEN=1 GOLDEN_DIR=$(CURDIR)/$(OUT)/golden $(GO) test -count=1 -run TestScripts ./express ./chapters/... ./final
	@echo "The runs are in $(OUT)/golden/, each at its output file's path (diff -r against the tree to compare)."
endif

stress: ## run the chapter trace tests $(STRESS_RUNS) times while both cores are busy
	bash .ci/stress.sh $(STRESS_RUNS)

book: ## render the book into public/ (changes no tracked file; `make pictures` redraws them)
	cd tools && $(GO) run ./cmd/mdbook build -C ..

book-coverage: ## which lines of final/'s runtime the book shows, per file, package and in total; FILE=final/loop/net.go lists a file's missing lines
	cd tools && $(GO) run ./bookcheck/cmd/bookcoverage -C .. $(if $(FILE),-file $(FILE))

pictures: ## maintainers: redraw the book's pictures, the diagrams (tools/cmd/pictures) and the timeline of a real run, over the tracked ones (then commit them)
	$(MAKE) timeline REFRESH=1
	cd tools && $(GO) run ./cmd/pictures

TIMELINE_SVG = $(if $(filter 1,$(REFRESH)),book/images/timeline-final.svg,$(OUT)/timeline-final.svg)

timeline: ## draw a real run of final/ into $(OUT)/timeline-final.svg (about 4 s; REFRESH=1: over the book's, which TestBookTimelineSatisfiesSpec checks)
	mkdir -p $(dir $(TIMELINE_SVG))
	TIMELINE=$(TIMELINE_SVG) $(GO) run ./final > /dev/null
	@echo "drawn: $(TIMELINE_SVG)"

serve: ## render the book and serve it on http://127.0.0.1:3000
	cd tools && $(GO) run ./cmd/mdbook serve -C ..

BENCH_OUT = $(if $(filter 1,$(REFRESH)),bench,$(OUT)/bench)
BENCH_SVG = $(if $(filter 1,$(REFRESH)),book/images/bench.svg,$(OUT)/bench/bench.svg)

bench: ## time final's runtime against Node and Go (minutes); writes $(OUT)/bench/results.* and bench.svg (REFRESH=1: bench/results.* and book/images/bench.svg)
	mkdir -p $(BENCH_OUT)
	$(GO) run ./bench/cmd/bench -out $(BENCH_OUT) -svg $(BENCH_SVG)

bench-costs: ## time what an event loop's steps cost (a system call, a wake-up, a pool hand-off, a timer, a tick; under a minute); writes $(OUT)/bench/costs.* (REFRESH=1: bench/costs.*)
	mkdir -p $(BENCH_OUT)
	$(GO) run ./bench/cmd/costs -out $(BENCH_OUT)

SYSCALLS_DIR ?= $(if $(filter 1,$(REFRESH)),bench,$(OUT)/bench)
bench-syscalls: ## count each contender's system calls per operation with strace -f -c (minutes; ONLY=files,echo for some); writes $(OUT)/bench/syscalls.md (REFRESH=1: bench/syscalls.md)
	$(GO) run ./bench/cmd/bench -syscalls $(SYSCALLS_DIR) $(if $(ONLY),-only $(ONLY))

mutate: ## mutation testing (gremlins v0.6.0): per package, how many mutants of the code its tests kill (about an hour on two busy cores; PKGS=./final/pool for one)
	GO=$(GO) bash .ci/mutate.sh $(PKGS)

bench-smoke: ## the benchmark and the cost probes at tiny sizes (seconds), to keep the harnesses working; writes nothing
	$(GO) run ./bench/cmd/bench -size smoke -rounds 1 -warmup 0 -out ""
	$(GO) run ./bench/cmd/costs -quick -out ""

FROM ?= chapters/01-poll
TO   ?= chapters/02-threadpool

steps: ## write the book's Going-further steps, steps/NN-name/, from final/ and its step markers (steps/steps.txt lists them; make test checks they are in sync)
	cd tools && $(GO) run ./cmd/steps -root ..

diff: ## what TO adds to FROM, as diff -r prints it, without the ANCHOR lines that mark the book's listings (make diff FROM=chapters/02-threadpool TO=chapters/03-runtime)
	@t=$$(mktemp -d) && trap 'rm -rf "$$t"' EXIT && \
	for d in $(FROM) $(TO); do mkdir -p "$$t/$$d" && cp -R "$$d/." "$$t/$$d/"; done && \
	find "$$t" -type f -exec sed -i.orig -E '/ANCHOR(_END)?:/d' {} + && \
	find "$$t" -name '*.orig' -exec rm {} + && (cd tools && $(GO) run ./cmd/steps -strip "$$t") && \
	cd "$$t" && { diff -r $(FROM) $(TO); [ $$? -le 1 ]; }

ci: ## what CI runs
	bash .ci/run
