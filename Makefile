# Quick start: `make run` and `make test`. Both install missing Debian packages first.
PRESET ?= release
BUILD  := build/$(PRESET)
JOBS   ?= 2
RUN_ARGS ?= run scenarios/catalog/default.yaml

.PHONY: all deps configure build run test bench bench-org bench-macro asan-gcc asan-clang fuzz format clean

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

# End to end: the default scenario's champion arm at 100 k and 1 M accounts over 180 days, with the
# budget checked by bench/macro/macro_gate.py (docs/run.md, "Performance"; the 1 M run needs about
# 2.5 GB and 1.5 minutes). Fails while the budget is missed.
bench-macro: configure
	cmake --build --preset $(PRESET) --target recoup_bench_macro -j $(JOBS)
	/usr/bin/python3 bench/macro/macro_gate.py $(BUILD)/bench/macro/recoup_bench_macro

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
