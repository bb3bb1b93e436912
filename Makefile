# Quick start: `make run` and `make test`. Both install missing Debian packages first.
PRESET ?= release
BUILD  := build/$(PRESET)
JOBS   ?= 2
RUN_ARGS ?= example mmc --lam 90 --mu 1 -c 100 --theta 0.5 --customers 2000000 --seed 1 --t 0.05

.PHONY: all deps configure build run test bench bench-org asan-gcc asan-clang fuzz format clean

all: build

deps:
	@scripts/install-deps.sh

$(BUILD)/build.ninja: CMakeLists.txt CMakePresets.json
	cmake --preset $(PRESET)

configure: deps $(BUILD)/build.ninja

build: configure
	cmake --build --preset $(PRESET) -j $(JOBS)

run: build
	$(BUILD)/cli/recoup $(RUN_ARGS)

test: build
	ctest --preset $(PRESET) -j $(JOBS)

# Every gate runs and prints its table; the target fails if any budget was missed.
bench: build
	@status=0; \
	for gate in kernel scoring core; do \
	  /usr/bin/python3 bench/micro/$${gate}_gate.py $(BUILD)/bench/micro/recoup_bench_$${gate} || status=1; \
	done; \
	/usr/bin/python3 bench/org/org_load.py $(BUILD)/bench/org/recoup_bench_org_server --rounds 3 --gate || status=1; \
	exit $$status

# The mock org's load benchmark alone (wrk and nginx from Debian; docs/org.md "Load benchmark").
bench-org: configure
	cmake --build --preset $(PRESET) --target recoup_bench_org_server -j $(JOBS)
	/usr/bin/python3 bench/org/org_load.py $(BUILD)/bench/org/recoup_bench_org_server --rounds 3 --gate

asan-gcc asan-clang: deps
	cmake --preset $@
	cmake --build --preset $@ -j $(JOBS)
	ctest --preset $@ -j $(JOBS)

# Fuzzes the SOQL parser (libFuzzer, clang-14) for FUZZ_SECONDS from its seed corpus; a crash fails.
FUZZ_SECONDS ?= 60
fuzz: deps
	cmake --preset fuzz -DRECOUP_FUZZ_SECONDS=$(FUZZ_SECONDS)
	cmake --build --preset fuzz -j $(JOBS) --target fuzz-soql-parser

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build
