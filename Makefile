# ILRS Planner -- the two commands:
#   make demo   build, then run the main job
#   make test   build (warnings as errors), run the whole test suite, then
#               again under ASan+UBSan, the C tests under TSan, then a bounded
#               run of every fuzz target
# Both install the Debian packages they need first (deps/debian-packages.txt).

JOBS    ?= $(shell nproc 2>/dev/null || echo 2)
BUILD   ?= build
CMAKE   ?= cmake
CTEST   ?= ctest

.PHONY: all deps deps-test build demo test test-release test-asan test-tsan test-fuzz bench clean

all: build

deps:
	@scripts/install-deps.sh build

deps-test:
	@scripts/install-deps.sh test

$(BUILD)/Makefile:
	$(CMAKE) -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=Release -DILRS_WERROR=ON

build: deps $(BUILD)/Makefile
	$(CMAKE) --build $(BUILD) -j $(JOBS)

demo: build
	./$(BUILD)/ilrs plan examples/ilrs.yaml --out ilrs-plan
	@echo
	@echo "The plan of examples/ilrs.yaml is in ilrs-plan/: open ilrs-plan/index.html"
	@echo "(plan.json, missions.csv, sites.csv, allocation.csv, oem/, plots/ beside it)."

test: deps-test test-release test-asan test-tsan test-fuzz

test-release:
	$(CMAKE) -S . -B build-test -DCMAKE_BUILD_TYPE=Release -DILRS_WERROR=ON
	$(CMAKE) --build build-test -j $(JOBS)
	cd build-test && $(CTEST) --output-on-failure -j $(JOBS)

test-asan:
	$(CMAKE) -S . -B build-asan -DCMAKE_BUILD_TYPE=Debug -DILRS_WERROR=ON \
	    -DILRS_SANITIZE=ON -DILRS_BENCH=OFF
	$(CMAKE) --build build-asan -j $(JOBS)
	cd build-asan && ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
	    LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp \
	    UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    $(CTEST) --output-on-failure -j $(JOBS)

# ThreadSanitizer over the C tests, which drive every threaded path
# (batch ephemeris, grids, horizon maps) from several threads.
test-tsan:
	$(CMAKE) -S . -B build-tsan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DILRS_WERROR=ON \
	    -DILRS_TSAN=ON -DILRS_BENCH=OFF
	$(CMAKE) --build build-tsan -j $(JOBS)
	cd build-tsan && TSAN_OPTIONS=halt_on_error=1:second_deadlock_stack=1 \
	    $(CTEST) --output-on-failure -j $(JOBS) -R '^test_'

test-fuzz:
	CC=clang $(CMAKE) -S . -B build-fuzz -DCMAKE_BUILD_TYPE=Debug -DILRS_WERROR=ON \
	    -DILRS_SANITIZE=ON -DILRS_FUZZ=ON -DILRS_BENCH=OFF
	$(CMAKE) --build build-fuzz -j $(JOBS)
	cd build-fuzz && $(CTEST) --output-on-failure

bench: deps-test build
	bench/run.sh $(BUILD)

clean:
	rm -rf $(BUILD) build-test build-asan build-tsan build-fuzz
