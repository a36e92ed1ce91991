# The two commands of the README, and the developers' targets.
#   make demo   install what is missing, build, run the demo on simulators
#   make test   install what is missing, build, run every test
# Developers: make lint | fuzz | bench | bench-print | asan | clean. PRESET=debug (etc.) picks another CMake preset.

PRESET ?= default
BUILD := build/$(PRESET)
# CI (CI=true) builds with warnings as errors.
CMAKE_FLAGS := $(if $(filter true 1,$(CI)),-DKOFU_WARNINGS_AS_ERRORS=ON,)
FUZZ_SECONDS ?= 60

.PHONY: all deps build test demo lint fuzz bench bench-print asan clean

all: build

deps:
	@scripts/deps/install.sh

build: deps
	cmake --preset $(PRESET) $(CMAKE_FLAGS) >/dev/null
	cmake --build --preset $(PRESET)

test: build
	ctest --preset $(PRESET)

demo: build
	@scripts/demo.sh $(BUILD)

asan:
	$(MAKE) test PRESET=asan

bench: build
	$(BUILD)/tests/bench/kofu_bench --benchmark_counters_tabular=true

# kofu's certificate receipt side by side with @point-of-sale/receipt-printer-encoder (docs/benchmarks.md).
bench-print: build
	@scripts/bench-print.sh $(BUILD)

lint: deps
	@scripts/deps/install.sh --tools
	cmake --preset default >/dev/null
	scripts/lint.sh build/default

fuzz: deps
	@scripts/deps/install.sh --tools
	cmake --preset fuzz >/dev/null
	cmake --build --preset fuzz
	scripts/fuzz.sh build/fuzz $(FUZZ_SECONDS)

clean:
	rm -rf build
