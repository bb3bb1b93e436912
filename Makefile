# Quick start: `make run` and `make test`. Both install missing Debian packages first.
PRESET ?= release
BUILD  := build/$(PRESET)
JOBS   ?= 2
RUN_ARGS ?= example mmc --lam 90 --mu 1 -c 100 --theta 0.5 --customers 2000000 --seed 1 --t 0.05

.PHONY: all deps configure build run test bench asan-gcc asan-clang format clean

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

bench: build
	$(BUILD)/bench/micro/recoup_bench_kernel --benchmark_counters_tabular=true
	/usr/bin/python3 bench/micro/kernel_gate.py $(BUILD)/bench/micro/recoup_bench_kernel

asan-gcc asan-clang: deps
	cmake --preset $@
	cmake --build --preset $@ -j $(JOBS)
	ctest --preset $@ -j $(JOBS)

format:
	git ls-files '*.h' '*.cc' | xargs clang-format -i

clean:
	rm -rf build
