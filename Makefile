# Reliability runs (README "Reliability"). Everything builds into its own scratch folder (.build-*/,
# git-ignored), never into .build.
#
#   make fuzz SECONDS=1800     libFuzzer over normalize -> tokenize -> tag -> quotes -> NDJSON/XML
#   make fuzz-rules SECONDS=1800     libFuzzer over the rules-file loader (RuleSet.load)
#   make fuzz-pipeline SECONDS=1800  libFuzzer over the pipeline-file loader (Pipeline.load)
#   make fuzz-regressions      copy new crash inputs into the regression fixtures
#   make sanitize              the test suite under ThreadSanitizer, then AddressSanitizer
#   make test                  scripts/test.sh
#   make install PREFIX=/opt/warta   release binary to PREFIX/bin/warta, pipelines to PREFIX/share/warta/pipelines
#                              (the binary finds them there); DESTDIR for staging, CONFIG=debug for a debug build
#   make bench                 throughput benchmark against icu_limit and spaCy (bench/perf/run.sh, BENCHMARKS.md);
#                              BENCH_ARGS="--n 2000 --scale 1 --no-peer" for a quick run
#   make profile               instructions per article and per stage under callgrind (bench/perf/profile.py):
#                              repeatable on a shared machine, where wall times scatter; PROFILE_ARGS="--json F"
#   make corpus-hashes         the committed-hash check (CorpusHashTests) over 20,000 generated articles with the
#                              release binary (the suite runs it over 1,000); CORPUS_N=N for another size

SECONDS ?= 600
# Per-input time limit of the fuzzers (seconds). 120: on a loaded machine a copy of pipelines/default.yaml
# took 10.7 s of wall time (1.2 s of CPU), and 20 stopped fuzz-pipeline in its first second.
FUZZ_TIMEOUT ?= 120
JOBS ?= 1
FUZZ_SCRATCH := .build-fuzz
FUZZ_BIN := $(FUZZ_SCRATCH)/release/WartaFuzz
FUZZ_CORPUS := fuzz/corpus
FUZZ_ARTIFACTS := fuzz/artifacts/
FUZZ_FIXTURES := Tests/Fixtures/fuzz

.PHONY: fuzz fuzz-build fuzz-corpus fuzz-regressions fuzz-rules fuzz-pipeline sanitize tsan asan test bench profile install corpus-hashes

PREFIX ?= /usr/local
DESTDIR ?=
CONFIG ?= release

# The binary looks for its default pipeline in ../share/warta/pipelines beside its bin/ folder
# (PipelineLocation.swift). Rules, lists and gazetteers keep their places relative to the pipeline file.
install:
	swift build -c $(CONFIG) --product warta
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/warta"
	install -m 755 "$$(swift build -c $(CONFIG) --show-bin-path)/warta" "$(DESTDIR)$(PREFIX)/bin/warta"
	rm -rf "$(DESTDIR)$(PREFIX)/share/warta/pipelines"
	cp -R pipelines "$(DESTDIR)$(PREFIX)/share/warta/pipelines"

BENCH_ARGS ?=

test:
	scripts/test.sh

bench:
	bench/perf/run.sh $(BENCH_ARGS)

PROFILE_ARGS ?=

profile:
	swift build -c release --product warta
	python3 bench/perf/profile.py $(PROFILE_ARGS)

CORPUS_N ?= 20000

# WARTA_WRITE_CORPUS_HASHES=1 rewrites the committed hashes of that size (a change meant to change the output).
corpus-hashes:
	swift build -c release --product warta
	WARTA_CORPUS_N=$(CORPUS_N) WARTA="$$(swift build -c release --show-bin-path)/warta" \
	  swift test --disable-swift-testing --filter CorpusHashTests/testOutputsOfGeneratedCorpusMatchCommittedHashes

fuzz-build:
	WARTA_FUZZ=1 swift build -c release --scratch-path $(FUZZ_SCRATCH) --product WartaFuzz \
	  -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld

# The corpus starts from the seeds, split into paragraphs so inputs stay small, plus the regression inputs.
fuzz-corpus:
	mkdir -p $(FUZZ_CORPUS) $(FUZZ_ARTIFACTS)
	@for f in seeds/*.txt; do \
	  b=$$(basename $$f .txt); \
	  cp $$f $(FUZZ_CORPUS)/seed-$$b; \
	  awk -v p="$(FUZZ_CORPUS)/para-$$b-" 'NF { n++; print > (p n) }' $$f; \
	done
	@if [ -d $(FUZZ_FIXTURES) ]; then cp $(FUZZ_FIXTURES)/* $(FUZZ_CORPUS)/ 2>/dev/null || true; fi

fuzz: fuzz-build fuzz-corpus
	WARTA_PIPELINE=pipelines/default.yaml $(FUZZ_BIN) $(FUZZ_CORPUS) \
	  -max_total_time=$(SECONDS) -max_len=4096 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 \
	  $(if $(filter-out 1,$(JOBS)),-jobs=$(JOBS) -workers=$(JOBS)) -artifact_prefix=$(FUZZ_ARTIFACTS) -print_final_stats=1

# The configuration loaders: each input is written as a hidden file into pipelines/rules/ (rules) or
# pipelines/ (pipeline), beside the lists and gazetteers it may name, and loaded; a ConfigError is the
# expected answer to a bad file. The corpora start from the real files and the rule snippets of the tests.
fuzz-rules: fuzz-build
	mkdir -p fuzz/corpus-rules $(FUZZ_ARTIFACTS)
	cp pipelines/rules/entities.yaml fuzz/corpus-rules/entities.yaml
	WARTA_FUZZ_TARGET=rules $(FUZZ_BIN) fuzz/corpus-rules \
	  -max_total_time=$(SECONDS) -max_len=65536 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -dict=fuzz/yaml.dict \
	  -artifact_prefix=$(FUZZ_ARTIFACTS)rules- -print_final_stats=1

fuzz-pipeline: fuzz-build
	mkdir -p fuzz/corpus-pipeline $(FUZZ_ARTIFACTS)
	cp pipelines/default.yaml fuzz/corpus-pipeline/default.yaml
	WARTA_FUZZ_TARGET=pipeline $(FUZZ_BIN) fuzz/corpus-pipeline \
	  -max_total_time=$(SECONDS) -max_len=16384 -timeout=$(FUZZ_TIMEOUT) -rss_limit_mb=2048 -dict=fuzz/yaml.dict \
	  -artifact_prefix=$(FUZZ_ARTIFACTS)pipeline- -print_final_stats=1

# Every input libFuzzer ever flagged becomes a regression test (FuzzRegressionTests).
fuzz-regressions:
	mkdir -p $(FUZZ_FIXTURES)
	@for f in $(FUZZ_ARTIFACTS)crash-* $(FUZZ_ARTIFACTS)timeout-* $(FUZZ_ARTIFACTS)oom-* $(FUZZ_ARTIFACTS)leak-*; do \
	  [ -f "$$f" ] && cp "$$f" $(FUZZ_FIXTURES)/ && echo "added $$f"; \
	done; true

sanitize: tsan asan

# asan: LeakSanitizer's report on the test process itself (XCTest, Foundation's Process; see
# Tests/lsan-harness.supp) made `swift test` exit 1 with every test passed; warta's own leaks still count.
# stdbuf: XCTest's lines reach a log file as they are printed. Written to a file, stdout is buffered in
# blocks, and a sanitized run that was stopped (a time limit) lost its last lines: it looked as if it had
# died with no report inside an earlier test.
tsan:
	swift build --build-tests --sanitize=thread --scratch-path .build-tsan
	WARTA_SANITIZER=thread stdbuf -oL -eL swift test --skip-build --sanitize=thread --scratch-path .build-tsan \
	  --disable-swift-testing $(if $(TESTS),--filter '$(TESTS)')

asan:
	swift build --build-tests --sanitize=address --scratch-path .build-asan
	WARTA_SANITIZER=address LSAN_OPTIONS=suppressions=$(CURDIR)/Tests/lsan-harness.supp \
	  stdbuf -oL -eL swift test --skip-build --sanitize=address --scratch-path .build-asan --disable-swift-testing \
	  $(if $(TESTS),--filter '$(TESTS)')

# Formatting (swift-format, from the Swift toolchain: `swift format`; the configuration is .swift-format).
# `make lint` reports what the formatter would change, without changing anything; `make format` rewrites
# the files in place. FORMAT_PATHS narrows either to some files or folders.
FORMAT_PATHS ?= Sources Tests Package.swift

.PHONY: format lint
format:
	swift format format --in-place --parallel --recursive $(FORMAT_PATHS)

lint:
	swift format lint --strict --parallel --recursive $(FORMAT_PATHS)
