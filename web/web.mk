# The page: caseload compiled to WebAssembly by Debian's emscripten and
# inlined, with the page's HTML, CSS and JavaScript, into one file,
# build/web/caseload.html (see docs/guide.md).  Included by the Makefile.
#
#   make web        fetches the libraries' Debian source packages once
#                   (into build/debsrc; offline after that), builds them and
#                   caseload with emcc, and writes build/web/caseload.html
#   make web-test   the page in Debian's chromium, driven by puppeteer-core

WEB      = build/web
DEBSRC   = build/debsrc
# What make web and make web-test need, as KIND:NAME:DEBIAN-PACKAGE for
# mk/deps.sh (which installs what is missing, as root, with apt-get).
WEB_NEEDS = cmd:emcc:emscripten cmd:dpkg-source:dpkg-dev cmd:node:nodejs
WEB_TEST_NEEDS = cmd:chromium:chromium cmd:unzip:unzip cmd:npm:npm

# Debian's emscripten runs its tools with the node first on PATH; a node not
# from Debian finds Debian's node modules only through NODE_PATH.
EMCC     = NODE_PATH=/usr/share/nodejs emcc
EMAR     = NODE_PATH=/usr/share/nodejs emar

# -DCL_NO_THREADS: no pthreads in the page, so the fast way counts on one
# thread (src/read_source.c).
WEB_CFLAGS = -std=c11 -D_GNU_SOURCE -DCL_NO_THREADS $(WARN) -O2 \
	-Iinclude -Isrc -I$(WEB)/include
WEB_LIB_CFLAGS = -O2 -w -I$(WEB)/include

# The library sources of each Debian source package, as it unpacks them.
WEB_SRC_libcsv   = libcsv.c
WEB_SRC_cjson    = cJSON.c
WEB_SRC_utf8proc = utf8proc.c
WEB_SRC_zlib     = adler32.c compress.c crc32.c deflate.c inffast.c \
	inflate.c inftrees.c trees.c uncompr.c zutil.c
WEB_SRC_libxlsxwriter = $(patsubst $(DEBSRC)/libxlsxwriter/%,%,\
	$(wildcard $(DEBSRC)/libxlsxwriter/src/*.c)) \
	third_party/minizip/ioapi.c third_party/minizip/zip.c \
	third_party/md5/md5.c
# minizip without encryption (as libxlsxwriter's own Makefile builds it);
# tmpfile() works in emscripten's memory file system.
WEB_DEFS_libxlsxwriter = -DNOCRYPT -DNOUNCRYPT -DUSE_STANDARD_TMPFILE \
	-I$(DEBSRC)/libxlsxwriter/include
WEB_DEFS_utf8proc = -DUTF8PROC_STATIC
WEB_PKGS = libcsv cjson utf8proc zlib libxlsxwriter

# The public headers, copied into one folder so that nothing else of the
# unpacked sources can shadow a system header.
WEB_HEADERS = libcsv:csv.h cjson:cJSON.h utf8proc:utf8proc.h zlib:zlib.h \
	zlib:zconf.h libxlsxwriter:include/xlsxwriter.h \
	libxlsxwriter:include/xlsxwriter

# The history needs SQLite, which the page does without: history_none.c
# stands in for history.c and history_read.c and says so.
WEB_HISTORY_SRC = src/history.c src/history_read.c
WEB_OBJ  = $(patsubst src/%.c,$(WEB)/obj/%.o,\
	$(filter-out $(WEB_HISTORY_SRC),$(wildcard src/*.c))) \
	$(WEB)/obj/history_none.o
WEB_LIBS = $(WEB_PKGS:%=$(WEB)/lib/%.a)

# The module: the command line itself, run by the page's worker with
# callMain on files mounted from the user's disk (WORKERFS reads a chosen
# file in slices, so a 2 GB file is never copied whole).
WEB_LDFLAGS = -O2 -sMODULARIZE=1 -sEXPORT_NAME=createCaseload \
	-sENVIRONMENT=worker -sINVOKE_RUN=0 -sEXIT_RUNTIME=0 \
	-sALLOW_MEMORY_GROWTH=1 -sDYNAMIC_EXECUTION=0 \
	-sEXPORTED_RUNTIME_METHODS=callMain,FS \
	-sEXPORTED_FUNCTIONS=_main,_umask -lworkerfs.js

WEB_PAGE = web/page.html web/page.css web/page.js web/worker.js

.PHONY: web web-deps web-build web-lib web-test web-test-run web-bench web-bench-run web-clean

web: web-deps
	@$(MAKE) --no-print-directory web-build

web-deps:
	@sh mk/deps.sh $(WEB_NEEDS)

web-build: $(WEB)/caseload.html

$(DEBSRC)/%/.debian-version: web/fetch-debsrc.sh
	@mkdir -p $(DEBSRC)
	sh web/fetch-debsrc.sh $(DEBSRC) $*

$(WEB)/include/.stamp: $(WEB_PKGS:%=$(DEBSRC)/%/.debian-version)
	@rm -rf $(WEB)/include && mkdir -p $(WEB)/include
	@for h in $(WEB_HEADERS); do \
		cp -R $(DEBSRC)/$${h%%:*}/$${h#*:} $(WEB)/include/ || exit 1; \
	done
	@touch $@

# One archive per package; its sources are known only once it is unpacked,
# so each archive is built by a recursive make.
$(WEB)/lib/%.a: $(DEBSRC)/%/.debian-version $(WEB)/include/.stamp
	@$(MAKE) --no-print-directory web-lib PKG=$*

web-lib:
	@mkdir -p $(WEB)/obj/$(PKG) $(WEB)/lib
	@set -e; objs=""; for f in $(WEB_SRC_$(PKG)); do \
		o=$(WEB)/obj/$(PKG)/$$(echo $$f | tr / _ | sed 's/\.c$$/.o/'); \
		echo "emcc $(PKG)/$$f"; \
		$(EMCC) $(WEB_LIB_CFLAGS) $(WEB_DEFS_$(PKG)) -c -o $$o $(DEBSRC)/$(PKG)/$$f; \
		objs="$$objs $$o"; \
	done; rm -f $(WEB)/lib/$(PKG).a; $(EMAR) rcs $(WEB)/lib/$(PKG).a $$objs

$(WEB)/obj/%.o: src/%.c $(HEADERS) $(WEB)/include/.stamp
	@mkdir -p $(@D)
	$(EMCC) $(WEB_CFLAGS) -c -o $@ $<

$(WEB)/obj/history_none.o: web/history_none.c $(HEADERS) $(WEB)/include/.stamp
	@mkdir -p $(@D)
	$(EMCC) $(WEB_CFLAGS) -c -o $@ $<

$(WEB)/caseload.js: $(WEB_OBJ) $(WEB_LIBS) web/web.mk
	$(EMCC) $(WEB_LDFLAGS) -o $@ $(WEB_OBJ) $(WEB_LIBS)

$(WEB)/caseload.html: $(WEB)/caseload.js $(WEB_PAGE) web/inline.js
	node web/inline.js web/page.html $(WEB)/caseload.js $(WEB)/caseload.wasm $@

# The page in a real browser: Debian's chromium, driven by puppeteer-core
# from npm (which downloads no browser), pinned in web/test/package.json.
web-test: web
	@$(MAKE) --no-print-directory deps
	@sh mk/deps.sh $(WEB_TEST_NEEDS)
	@$(MAKE) --no-print-directory all web-test-run

# The screenshot for the README is taken by the first check.
WEB_SCREENSHOT ?= docs/web.png

$(WEB)/test/node_modules/.stamp: web/test/package.json web/test/package-lock.json
	@mkdir -p $(WEB)/test
	cp web/test/package.json web/test/package-lock.json $(WEB)/test/
	cd $(WEB)/test && npm ci --no-audit --no-fund --loglevel=error
	@touch $@

web-test-run: $(WEB)/test/node_modules/.stamp
	NODE_PATH=$(WEB)/test/node_modules node web/test/run.js \
		--page $(WEB)/caseload.html --caseload $(BIN) --screenshot "$(WEB_SCREENSHOT)"

# The page's time for a generated export of WEB_BENCH_ROWS rows (printed,
# never asserted); make bench runs it when the page and chromium are there.
WEB_BENCH_ROWS ?= 100000
web-bench: web
	@$(MAKE) --no-print-directory deps
	@sh mk/deps.sh $(WEB_TEST_NEEDS)
	@$(MAKE) --no-print-directory all web-bench-run

web-bench-run: $(WEB)/test/node_modules/.stamp
	NODE_PATH=$(WEB)/test/node_modules node web/test/run.js \
		--page $(WEB)/caseload.html --caseload $(BIN) --only none \
		--screenshot "" --bench $(WEB_BENCH_ROWS)

web-clean:
	rm -rf $(WEB)
