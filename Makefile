# caseload - GNU Make build.  `make run` and `make check` first check that
# the libraries are there (pkg-config, or a compile probe for libcsv) and,
# only when one is missing, install it where apt-get exists; plain `make`
# only builds.

PREFIX  ?= /usr/local
DESTDIR ?=
BUILD   ?= build

CC      ?= cc
PKGS     = libcjson libutf8proc xlsxwriter sqlite3
# What the build needs, as KIND:NAME:DEBIAN-PACKAGE (see mk/deps.sh).
# libcsv has no .pc file on Debian: a program that includes <csv.h> and
# links -lcsv is compiled instead.
NEEDS    = cmd:pkg-config:pkg-config lib:csv:libcsv-dev \
	pc:libcjson:libcjson-dev pc:libutf8proc:libutf8proc-dev pc:check:check \
	cmd:msgfmt:gettext cmd:xgettext:gettext cmd:msgcmp:gettext \
	pc:xlsxwriter:libxlsxwriter-dev pc:sqlite3:libsqlite3-dev
# What make check needs besides: the xlsx test reads workbooks back.
TEST_NEEDS = cmd:unzip:unzip cmd:python3:python3
# Translations (po/): the languages, and where make install puts them.
LINGUAS  = da sv
LOCALEDIR = $(PREFIX)/share/locale
WARN     = -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wpointer-arith -pedantic
CFLAGS  ?= -O3 -g
ALL_CFLAGS = -std=c11 -D_GNU_SOURCE -pthread $(WARN) $(CFLAGS) $(CPPFLAGS) -Iinclude -Isrc \
	-DLOCALEDIR='"$(LOCALEDIR)"' \
	$(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS     = -pthread -lcsv $(shell pkg-config --libs $(PKGS) 2>/dev/null || echo -lcjson -lutf8proc -lxlsxwriter -lsqlite3)
CHECK_CFLAGS = $(shell pkg-config --cflags check 2>/dev/null)
CHECK_LIBS   = $(shell pkg-config --libs check 2>/dev/null)

LIB_SRC  = $(filter-out src/main.c src/output.c src/cli_%.c,$(wildcard src/*.c))
CLI_SRC  = src/main.c src/output.c $(wildcard src/cli_*.c)
LIB_OBJ  = $(LIB_SRC:src/%.c=$(BUILD)/obj/%.o)
CLI_OBJ  = $(CLI_SRC:src/%.c=$(BUILD)/obj/%.o)
UNIT_SRC = $(wildcard tests/unit/*.c)
UNIT_OBJ = $(UNIT_SRC:tests/unit/%.c=$(BUILD)/obj/unit/%.o)
HEADERS  = include/caseload.h $(wildcard src/*.h)

BIN      = $(BUILD)/caseload
UNIT     = $(BUILD)/check_caseload
# The catalogues, next to the program: it finds them there in a build tree.
MO       = $(LINGUAS:%=$(BUILD)/locale/%/LC_MESSAGES/caseload.mo)

.PHONY: all run check test unit unit-scalar golden golden-update docs-test deps deps-test install uninstall \
	history-stress \
	clean asan valgrind bench bench-smoke xlsx-test browser-test docs-screenshot \
	pot po-update po-check install-test FORCE

all: $(BIN) $(MO)

# The program looks for its translations in LOCALEDIR: rebuild it when
# PREFIX or LOCALEDIR changes (make install PREFIX=/usr after make).
$(BUILD)/localedir.stamp: FORCE
	@mkdir -p $(@D)
	@echo '$(LOCALEDIR)' >$@.new
	@cmp -s $@.new $@ && rm -f $@.new || mv $@.new $@

$(BUILD)/obj/cli_language.o: $(BUILD)/localedir.stamp

FORCE:

$(BUILD)/locale/%/LC_MESSAGES/caseload.mo: po/%.po
	@mkdir -p $(@D)
	msgfmt --check -o $@ $<

# po/caseload.pot from the sources; po-update merges it into each .po
# (then translate what is new or fuzzy).  po-check (part of test) fails
# when the template is stale or a language misses a message, and checks
# on broken copies that it does (tests/po/self-test.sh).
XGETTEXT_FLAGS = --language=C --from-code=UTF-8 --add-comments=TRANSLATORS \
	--keyword=_ --keyword=N_ --keyword=P_:1,2 --keyword=C_:1c,2 --keyword=NC_:1c,2 \
	--flag=cli_usage_error:1:c-format --add-location=file --sort-by-file

pot:
	xgettext $(XGETTEXT_FLAGS) --package-name=caseload \
		--msgid-bugs-address="the caseload issue tracker" \
		--copyright-holder="" -o po/caseload.pot $(sort $(wildcard src/*.c))
	@# the date would change the file on every run
	sed -i '/^"POT-Creation-Date: /d' po/caseload.pot

po-update: pot
	for l in $(LINGUAS); do \
		msgmerge --quiet --update --backup=none --add-location=file \
			po/$$l.po po/caseload.pot || exit 1; \
	done

po-check:
	XGETTEXT_FLAGS="$(XGETTEXT_FLAGS)" sh tests/po/run.sh $(LINGUAS)
	XGETTEXT_FLAGS="$(XGETTEXT_FLAGS)" sh tests/po/self-test.sh

$(BUILD)/obj/%.o: src/%.c $(HEADERS)
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

$(BUILD)/obj/unit/%.o: tests/unit/%.c $(HEADERS) $(wildcard tests/unit/*.h) tests/differential.h tests/diff_differential.h
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(CHECK_CFLAGS) -c -o $@ $<

$(BUILD)/libcaseload.a: $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(BUILD)/libcaseload.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(CLI_OBJ) $(BUILD)/libcaseload.a $(LIBS)

$(UNIT): $(UNIT_OBJ) $(BUILD)/libcaseload.a
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $(UNIT_OBJ) $(BUILD)/libcaseload.a $(LIBS) $(CHECK_LIBS)

# Says nothing when everything in NEEDS is found; else installs what is
# missing with apt-get (as root), or says what is missing and stops.
deps:
	@CC="$(CC)" CPPFLAGS="$(CPPFLAGS)" LDFLAGS="$(LDFLAGS)" sh mk/deps.sh $(NEEDS)

# mk/deps.sh on a PATH without dpkg-query or apt-get, and with a stand-in
# apt-get (part of check).
deps-test:
	sh tests/deps/run.sh

# The sample report: deps, build, run on data/.
run: deps
	@$(MAKE) --no-print-directory all
	./$(BIN) --roster data/roster.csv data/cases.csv

# Every test: deps, then unit, golden, xlsx and doc tests.
check:
	@$(MAKE) --no-print-directory deps NEEDS="$(NEEDS) $(TEST_NEEDS)"
	@$(MAKE) --no-print-directory test
	@$(MAKE) --no-print-directory unit-scalar
	@$(MAKE) --no-print-directory deps-test

# The unit tests again, with fast_chunk.c's scalar scanner instead of SSE2
# (what a machine without SSE2 runs).
unit-scalar:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/scalar \
		CFLAGS="-O2 -g -U__SSE2__" unit

test: unit golden xlsx-test history-stress docs-test po-check install-test bench-smoke

unit: $(UNIT)
	CK_VERBOSITY=normal ./$(UNIT)

golden: $(BIN) $(MO)
	sh tests/cli/run.sh $(BIN)

# Every example in the docs that shows a command and its output is run and
# compared (the rules are at the top of tests/docs/run.sh); the self-test
# proves the run fails when an example's output is edited.
DOCS = README.md docs/guide.md docs/caseload.1
docs-test: $(BIN) $(MO)
	sh tests/docs/run.sh $(BIN) $(DOCS)
	sh tests/docs/selftest.sh $(BIN) $(DOCS)

# The benchmark against peer tools (see bench/README.md); its smoke test
# (100,000 rows, totals checked, timings never asserted) is part of check.
bench: $(BIN)
	sh bench/run.sh $(BENCH_ARGS) $(BIN)
	@if [ -f build/web/caseload.html ] && command -v chromium >/dev/null; then \
		$(MAKE) --no-print-directory web-bench-run; fi

bench-smoke: $(BIN)
	sh bench/run.sh --quick $(BIN)

# --format xlsx: the workbooks of the samples read back from their XML
# (cell types, number formats, rules, the chart part), and by LibreOffice
# when it is installed.
xlsx-test: $(BIN) $(MO)
	python3 tests/xlsx/check.py $(BIN)

# --format html in a real browser: headless Chromium (installed when
# missing) renders the sample and the hostile-name sample to PNG and DOM.
browser-test: $(BIN)
	sh tests/browser/run.sh $(BIN)

# The guide's screenshot of the HTML report, docs/report.png, from data/.
docs-screenshot: $(BIN)
	sh docs/screenshot.sh $(BIN) docs/report.png

# Two recordings at once, recordings killed at random points, a read-only
# history (tests/history/run.sh); about ten seconds.
$(BUILD)/dbcheck: tests/history/dbcheck.c
	@mkdir -p $(@D)
	$(CC) $(ALL_CFLAGS) $(LDFLAGS) -o $@ $< $(LIBS)

history-stress: $(BIN) $(BUILD)/dbcheck
	sh tests/history/run.sh $(BIN) $(BUILD)/dbcheck

golden-update: $(BIN) $(MO)
	sh tests/cli/run.sh --update $(BIN)

# The same tests built with AddressSanitizer and UndefinedBehaviorSanitizer.
asan:
	@$(MAKE) --no-print-directory deps NEEDS="$(NEEDS) $(TEST_NEEDS)"
	@$(MAKE) --no-print-directory BUILD=build/asan \
		CFLAGS="-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=all" \
		LDFLAGS="-fsanitize=address,undefined" test

# The golden CLI tests under valgrind.
valgrind:
	@$(MAKE) --no-print-directory deps NEEDS="$(NEEDS) cmd:valgrind:valgrind"
	@$(MAKE) --no-print-directory valgrind-run

valgrind-run: $(BIN) $(MO)
	CASELOAD_WRAPPER="valgrind -q --error-exitcode=99 --leak-check=full --errors-for-leak-kinds=all --suppressions=$(CURDIR)/tests/valgrind.supp" \
		sh tests/cli/run.sh $(BIN)

install: $(BIN) $(MO)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/caseload
	install -m 644 docs/caseload.1 $(DESTDIR)$(PREFIX)/share/man/man1/caseload.1
	for l in $(LINGUAS); do \
		install -d $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES && \
		install -m 644 $(BUILD)/locale/$$l/LC_MESSAGES/caseload.mo \
			$(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/caseload.mo || exit 1; \
	done

# make install and uninstall into a temporary PREFIX from a build of
# their own (tests/install/run.sh; about five seconds).
install-test:
	sh tests/install/run.sh "$(MAKE)"

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/caseload $(DESTDIR)$(PREFIX)/share/man/man1/caseload.1
	for l in $(LINGUAS); do \
		rm -f $(DESTDIR)$(LOCALEDIR)/$$l/LC_MESSAGES/caseload.mo; \
	done

clean:
	rm -rf build

# libFuzzer targets (clang), each run for FUZZ_SECONDS on a corpus seeded
# from data/ and the golden tests' inputs.
FUZZ_SECONDS ?= 60
FUZZERS = $(patsubst tests/fuzz/%.c,build/fuzz/%,$(wildcard tests/fuzz/fuzz_*.c))
FUZZ_FLAGS = -std=c11 -D_GNU_SOURCE -g -O1 -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=all -Iinclude -Isrc $(shell pkg-config --cflags $(PKGS) 2>/dev/null)

build/fuzz/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h tests/differential.h \
		tests/diff_differential.h $(LIB_SRC) $(HEADERS)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) -o $@ $< $(LIB_SRC) $(LIBS)

fuzz-deps:
	@$(MAKE) --no-print-directory deps NEEDS="$(NEEDS) cmd:clang:clang \
		fuzzer:clang:libclang-rt-14-dev"

fuzz: fuzz-deps
	@$(MAKE) --no-print-directory fuzz-run

fuzz-run: $(FUZZERS)
	@mkdir -p build/fuzz/tmp; export TMPDIR="$(CURDIR)/build/fuzz/tmp"; \
	for f in $(FUZZERS); do \
		name=$$(basename $$f); corpus=build/fuzz/corpus-$$name; \
		mkdir -p $$corpus; \
		find data tests/cli tests/fuzz/corpus -type f -size -64k 2>/dev/null | \
			while read -r seed; do cp "$$seed" "$$corpus/seed-$$(cksum < "$$seed" | cut -d' ' -f1)"; done; \
		echo "fuzzing $$name for $(FUZZ_SECONDS) s"; \
		$$f -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
			-max_len=65536 -print_final_stats=1 -artifact_prefix=build/fuzz/$$name- \
			$$corpus 2>build/fuzz/$$name.log || { tail -50 build/fuzz/$$name.log; exit 1; }; \
		grep -E 'stat::number_of_executed_units|stat::peak_rss' build/fuzz/$$name.log; \
	done

# Static analysis: cppcheck and clang-tidy, no findings allowed.
lint:
	@$(MAKE) --no-print-directory deps NEEDS="$(NEEDS) cmd:cppcheck:cppcheck \
		cmd:clang-tidy:clang-tidy"
	@$(MAKE) --no-print-directory lint-run

lint-run:
	cppcheck --quiet --error-exitcode=1 --enable=warning,style,performance,portability \
		--inline-suppr --std=c11 -D__GNUC__ -Iinclude -Isrc \
		--suppress=missingIncludeSystem src
	clang-tidy --quiet src/*.c -- -std=c11 -D_GNU_SOURCE -Iinclude -Isrc \
		$(shell pkg-config --cflags $(PKGS) 2>/dev/null)

.PHONY: fuzz fuzz-deps fuzz-run lint lint-run valgrind-run

# The page for browsers (WebAssembly): make web, make web-test.
include web/web.mk
