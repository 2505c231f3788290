# bdl - the Budget Description Language compiler.
#   make          build ./bdl
#   make demo     install missing packages (Debian), build, compile the example into out/
#   make test     install what the tests need, build, run every test (also under ASan/UBSan
#                 and valgrind)
#   make check    the fast loop: build, then the unit, golden and other quick suites; no
#                 installs, a few seconds once built
#   make golden   regenerate the golden files after a deliberate change (review the diff!)
#   make bench    time check/json/html on generated specs of 10k, 100k and 1M line items
#                 against a flex-only scan, then make bench-province; writes bench/results.md
#                 (never part of make test)
#   make bench-province  3,000 department specs, 40 district roll-ups and the province
#                 built by make -j2 with --depfile: full, no-op and one-change rebuilds
#   make bench-lsp  bdl lsp: diagnostics published after each of 100 edits of a 10,000-item
#                 spec, p50 and p95 (also run by make bench)
#   make vsix     the VS Code extension (editors/vscode) as build/bdl-VERSION.vsix, with its
#                 npm packages in build/vscode (never part of make test)
#   make install  install bdl in $(PREFIX)/bin, its library (lib/std) in $(PREFIX)/lib/bdl,
#                 its manual pages in $(PREFIX)/share/man and editors/ (if any) in
#                 $(PREFIX)/share/bdl/editors; DESTDIR stages it elsewhere
#   make uninstall  remove what make install put there (same PREFIX and DESTDIR)
#   make check-deb  build the Debian package (debian/) in a copy of the tree and check it
#   make fuzz     install clang and libFuzzer if missing, then run every fuzz harness for
#                 FUZZ_SECONDS seconds each (default 60; see tests/fuzz/README.md)

CC      ?= cc
BUILD   ?= build
BIN     ?= bdl
# -flto: the scanner's and parser's actions call into build.c, num.c and intern.c on every
# token; inlining across files saves 4-6% of a check (bench/results.md).
CFLAGS  ?= -O2 -g -flto=auto
LDFLAGS ?=
PYTHON  ?= /usr/bin/python3
PREFIX  ?= /usr/local

WARN     := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes -Wvla
# libxlsxwriter writes the workbooks of bdl xlsx (src/emit/xlsx*.c); libzip and expat
# read .xlsx, freexl .xls (src/sheet, for bdl import).
PKGS     := libcjson xlsxwriter libzip expat freexl
CPPFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L -Isrc -I$(BUILD) $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
LIBS     := $(shell pkg-config --libs $(PKGS) 2>/dev/null)
TESTLIBS := $(shell pkg-config --libs cmocka 2>/dev/null)

# src/ has one folder per phase (README.md); main.c only parses the command line.
SRC   := $(filter-out src/cli/main.c,$(wildcard src/*/*.c))
OBJ   := $(patsubst src/%.c,$(BUILD)/%.o,$(SRC)) $(BUILD)/parser.o $(BUILD)/lexer.o $(BUILD)/explanations.o \
         $(BUILD)/manpage.o
UNIT  := $(patsubst tests/unit/%.c,$(BUILD)/tests/%,$(wildcard tests/unit/test_*.c))
# The fuzz harnesses, linked with a plain main() that replays saved inputs (tests/fuzz/replay.c).
HARNESSES := parse check fmt emit diff lsp
REPLAY    := $(patsubst %,$(BUILD)/tests/replay_%,$(HARNESSES))

BUILD_DEBS := gcc make flex bison pkg-config libcjson-dev libxlsxwriter-dev libzip-dev libexpat1-dev libfreexl-dev
DEB_DEBS   := $(BUILD_DEBS) build-essential debhelper dpkg-dev fakeroot lintian
TEST_DEBS  := $(BUILD_DEBS) libcmocka-dev python3 python3-jsonschema valgrind util-linux mandoc man-db \
              $(DEB_DEBS) git python3-yaml pre-commit python3-openpyxl python3-xlwt neovim emacs-nox elpa-eglot cmark-gfm
FUZZ_DEBS  := $(BUILD_DEBS) clang libclang-rt-14-dev
VSIX_DEBS  := nodejs npm

.PHONY: all check check-include-graph check-docs demo test golden bench bench-province unit check-unit check-golden check-codes check-formats check-seed check-fmt check-diff check-html check-asan check-valgrind \
        check-depfile check-replay check-hostile check-catalogues check-man check-install check-deb check-ci fuzz fuzz-build deps-build deps-test deps-fuzz deps-deb install uninstall clean \
        check-import check-import-quick check-csv check-xlsx check-xlsx-calc check-help check-page-language \
        check-lsp check-nvim check-emacs check-editors vsix deps-vsix deps-npm bench-lsp

all: $(BIN)

$(BIN): $(BUILD)/cli/main.o $(BUILD)/libbdl.a
	$(CC) $(CFLAGS) $(LDFLAGS) -o $@ $^ $(LIBS)

$(BUILD)/libbdl.a: $(OBJ)
	rm -f $@
	ar rcs $@ $^

$(BUILD)/parser.c $(BUILD)/parser.h &: grammar/parser.y | $(BUILD)
	bison -Wall -Werror --defines=$(BUILD)/parser.h -o $(BUILD)/parser.c $<

$(BUILD)/lexer.c: grammar/lexer.l $(BUILD)/parser.h | $(BUILD)
	flex -o $@ $<

# A text file compiled in as the C string $(1), in a generated file that is never committed.
define embed_text
	{ echo '/* generated from $< by the Makefile; do not edit */'; \
	  echo 'extern const char $(1)[];'; \
	  echo 'const char $(1)[] ='; \
	  sed -e 's/\\/\\\\/g' -e 's/"/\\"/g' -e 's/?/\\?/g' -e 's/^/"/' -e 's/$$/\\n"/' $<; \
	  echo ';'; } > $@
endef

# docs/diagnostics.md is compiled in: `bdl explain` and SARIF rule descriptions read it.
$(BUILD)/explanations.c: docs/diagnostics.md | $(BUILD)
	$(call embed_text,diagnostics_md)

# So is the manual page: `bdl help COMMAND` prints the command's section (src/cli/manual.c).
$(BUILD)/manpage.c: docs/bdl.1 | $(BUILD)
	$(call embed_text,bdl_1)

# Generated code cannot meet every warning we hold our own code to.
$(BUILD)/parser.o $(BUILD)/lexer.o $(BUILD)/explanations.o $(BUILD)/manpage.o: $(BUILD)/%.o: $(BUILD)/%.c
	$(CC) $(CPPFLAGS) $(CFLAGS) -Wall -Wextra -Werror -Wno-unused-function -Wno-sign-compare -MMD -MP -c -o $@ $<

$(BUILD)/%.o: src/%.c | $(BUILD) $(BUILD)/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -MMD -MP -c -o $@ $<

$(BUILD)/tests/%: tests/unit/%.c $(BUILD)/libbdl.a | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -Wno-missing-prototypes -o $@ $^ $(LIBS) $(TESTLIBS)

$(BUILD)/tests/replay_%: tests/fuzz/fuzz_%.c tests/fuzz/replay.c tests/fuzz/fuzz.h $(BUILD)/libbdl.a | $(BUILD)/tests
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $(filter %.c %.a,$^) $(LIBS)

$(BUILD) $(BUILD)/tests:
	mkdir -p $@

# --- for newcomers -------------------------------------------------------------

# Installs the Debian packages in $(1) that are missing (only those), as root or via sudo.
define ensure_debs
	@if command -v dpkg-query >/dev/null 2>&1; then \
	  missing=""; \
	  for p in $(1); do \
	    dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "ok installed" || missing="$$missing $$p"; \
	  done; \
	  if [ -n "$$missing" ]; then \
	    echo "installing missing packages:$$missing"; \
	    sudo=""; [ "$$(id -u)" = 0 ] || sudo=sudo; \
	    $$sudo apt-get update -qq && \
	    DEBIAN_FRONTEND=noninteractive $$sudo apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	  fi; \
	else \
	  echo "not a Debian system: make sure these are installed: $(1)"; \
	fi
endef

deps-build:
	$(call ensure_debs,$(BUILD_DEBS))

deps-test:
	$(call ensure_debs,$(TEST_DEBS))

deps-fuzz:
	$(call ensure_debs,$(FUZZ_DEBS))

deps-deb:
	$(call ensure_debs,$(DEB_DEBS))

# npm may come from elsewhere than Debian (nodesource): the Debian packages only without one.
deps-vsix:
	@command -v npm >/dev/null 2>&1 || $(MAKE) --no-print-directory deps-npm

deps-npm:
	$(call ensure_debs,$(VSIX_DEBS))

demo: deps-build
	@$(MAKE) --no-print-directory all
	@mkdir -p out
	./$(BIN) json examples/kaizhou-2026.bdl -o out/kaizhou-2026.json
	./$(BIN) html examples/kaizhou-2026.bdl -o out/kaizhou-2026.html
	@echo "wrote out/kaizhou-2026.json and out/kaizhou-2026.html (from examples/kaizhou-2026.bdl)"

# The edit-compile-test loop: build, then the unit and golden tests and the other fast
# suites, with no package installs (the build and test libraries must be there).
check: $(BIN) $(UNIT)
	@$(MAKE) --no-print-directory check-include-graph check-unit check-golden check-codes check-formats \
	  check-diff check-depfile check-catalogues check-docs check-import-quick check-csv check-xlsx check-help check-page-language check-lsp check-editors
	@echo "check: passed"

# Every ```bdl example of the documentation does what the text says of it, and
# docs/rules.md lists every obligation of the shipped rule sets.
check-docs: $(BIN)
	@$(PYTHON) tests/doc_examples.py ./$(BIN)
	@$(PYTHON) tests/rules_doc.py

# The module graph of src/ is a DAG, and emitters read the checker's facts only.
check-include-graph:
	@$(PYTHON) tests/include_graph.py

# A sub-make re-reads pkg-config after the packages are installed.
test: deps-test
	@$(MAKE) --no-print-directory check-include-graph check-docs check-unit check-golden check-codes check-formats check-seed check-fmt check-diff check-depfile check-html check-page-language \
	  check-replay check-hostile check-catalogues check-man check-install check-deb check-ci check-import check-csv check-xlsx check-xlsx-calc check-help \
	  check-lsp check-editors check-nvim check-emacs XLSX_ALL=--all
	@$(MAKE) --no-print-directory check-asan
	@$(MAKE) --no-print-directory check-valgrind
	@echo "all tests passed"

unit: $(UNIT)

# The workbooks the readers' unit tests and the import runs read (real-shaped, and the
# hostile ones of docs/limits.md), written by openpyxl and xlwt once.
FIXTURES := build/fixtures/.made
$(FIXTURES): tests/fixtures/make_workbooks.py
	@$(PYTHON) $< build/fixtures && touch $@

check-unit: $(UNIT) $(FIXTURES)
	@for t in $(UNIT); do echo "== $$t"; $$t || exit 1; done

# bdl import: the specs of the kept workbooks, every E10xx/W10xx at its place, the planted
# inconsistency at its line, the example's figures from its CSV; check-import adds the
# limits of docs/limits.md (a zip bomb, 10^6 rows), which take longer.
check-import: $(BIN) $(FIXTURES)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/import.sh

check-import-quick: $(BIN) $(FIXTURES)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/import.sh --quick

# HTML pages: golden bytes, the Nu HTML Checker, escaping, a headless Chromium render
# (tests/html.sh installs Java, Chromium, a CJK font and vnu-jar when missing).
check-html: $(BIN)
	@tests/html.sh

# bdl csv: golden files of the examples (tests/golden/csv; tests/csv.sh --update rewrites
# them), the format read back, safe file names, determinism.
check-csv: $(BIN)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/csv.sh

# bdl xlsx read back with openpyxl: figures, SUM formulas, formats, the check sheet,
# determinism, and the round trip through bdl import once it is a command; make test
# (XLSX_ALL=--all) also reads back the workbook of every golden spec.
check-xlsx: $(BIN)
	@$(PYTHON) tests/xlsx.py ./$(BIN) $(XLSX_ALL)

# LibreOffice recalculates the workbooks' formulas and gets the checker's totals; it is
# large (a few hundred MB with what it needs), so only this target installs it.
check-xlsx-calc: $(BIN)
	$(call ensure_debs,libreoffice-calc-nogui)
	@$(PYTHON) tests/xlsx_calc.py ./$(BIN)

# Every page of the golden tests and examples speaks one language: no English prose on a
# zh-CN page, no Chinese the spec did not write on an English one (tests/page_language.py).
check-page-language: $(BIN)
	@$(PYTHON) tests/page_language.py ./$(BIN)

# bdl fmt is idempotent and keeps the meaning, over the repository and a generated corpus.
check-fmt: $(BIN)
	@$(PYTHON) tests/fmt_props.py ./$(BIN) --count 200

check-codes: $(BIN)
	@tests/codes.sh

# bdl diff: reviewed text/markdown/json for real pull-request changes, exit codes, --git.
check-diff: $(BIN)
	@BDL=./$(BIN) tests/diff.sh

# Every published figure of the seed, changed, is caught at its line (or provably cannot be).
check-seed: $(BIN)
	@$(PYTHON) tests/seed_mutations.py ./$(BIN)

# Every --diagnostics format, SARIF validated against the official schema and the code
# quality report (codeclimate) against GitLab's documented format.
check-formats: $(BIN)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/formats.sh

check-depfile: $(BIN)
	@BDL=./$(BIN) tests/depfile.sh

# Every shipped catalogue (lib/std/cn/*/*.bdl): compiles, nests, accepts its year's codes.
check-catalogues: $(BIN)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/catalogues.sh

# Every saved fuzz input (tests/fuzz/regressions) and the seed corpus through every harness.
check-replay: $(REPLAY)
	@tests/fuzz/replay.sh $(BUILD)/tests

# Hostile inputs: deep nesting, huge lines, floods of errors, bad bytes, failing I/O.
check-hostile: $(BIN)
	@BDL=./$(BIN) tests/hostile.sh

# bdl help COMMAND: each command's section of bdl.1 as plain text, as reviewed in
# tests/golden/help (tests/help.sh --update rewrites them), and as mandoc renders it.
check-help: $(BIN)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/help.sh

# The manual pages pass mandoc's lint, and bdl.1 documents every command and option that
# `bdl help` prints (tests/man.sh).
check-man: $(BIN)
	@BDL=./$(BIN) tests/man.sh

check-golden: $(BIN)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/golden.sh

# --- the language server (issue 20) ----------------------------------------------------
# Golden JSON-RPC transcripts of bdl lsp: tests/golden/lsp/NAME.in in, NAME.expected out
# (tests/lsp/transcripts.py; --update rewrites them, review the diff).
check-lsp: $(BIN)
	@$(PYTHON) tests/lsp/transcripts.py ./$(BIN)

# The editors' files: the VS Code manifest, grammar and configuration, and every editor's
# keywords against the scanner's (tests/editors.py).
check-editors:
	@$(PYTHON) tests/editors.py

# Real clients: headless Neovim's LSP client with editors/nvim, and Emacs's eglot with
# editors/emacs, on the seed with a figure changed (tests/lsp/nvim.sh, tests/lsp/emacs.sh).
check-nvim: $(BIN)
	@BDL=./$(BIN) tests/lsp/nvim.sh

check-emacs: $(BIN)
	@BDL=./$(BIN) tests/lsp/emacs.sh

# The VS Code extension: editors/vscode copied to build/vscode, its npm packages
# (vscode-languageclient, and @vscode/vsce to package it) installed there, never in the
# tree, then packaged; the .vsix must hold the client library.
VERSION := $(shell sed -n 's/^\#define BDL_VERSION "\(.*\)"/\1/p' src/base/version.h)
VSIX    := $(BUILD)/bdl-$(VERSION).vsix
vsix: deps-vsix
	rm -rf $(BUILD)/vscode
	mkdir -p $(BUILD)/vscode
	cp -R editors/vscode/. $(BUILD)/vscode/
	cd $(BUILD)/vscode && npm install --no-audit --no-fund --ignore-scripts --loglevel=error
	cd $(BUILD)/vscode && npx vsce package --allow-missing-repository --skip-license --out $(CURDIR)/$(VSIX)
	@$(PYTHON) -c 'import sys, zipfile; n = zipfile.ZipFile(sys.argv[1]).namelist(); \
	  sys.exit(0 if all(f in n for f in ("extension/package.json", "extension/extension.js", \
	  "extension/syntaxes/bdl.tmLanguage.json", "extension/node_modules/vscode-languageclient/node.js")) \
	  else "the .vsix misses files: " + " ".join(n))' $(VSIX)
	@echo "wrote $(VSIX)"

golden: $(BIN)
	@BDL=./$(BIN) PYTHON=$(PYTHON) tests/golden.sh --update

# The whole suite again with AddressSanitizer and UndefinedBehaviorSanitizer (leaks
# included); a sanitizer report exits 86/87, never 1, so it cannot pass for "errors found".
# The HTML checks' external validators and browser are not rerun: the pages themselves
# are produced under the sanitizers by the golden, replay and hostile runs.
SAN := -O1 -g -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer
ASAN_ENV := ASAN_OPTIONS=detect_leaks=1:exitcode=86 UBSAN_OPTIONS=print_stacktrace=1:exitcode=87 BDL_LIB=$(CURDIR)/lib
check-asan: $(FIXTURES)
	@$(MAKE) --no-print-directory BUILD=build/asan BIN=build/asan/bdl CFLAGS="$(SAN)" \
	  build/asan/bdl $(patsubst $(BUILD)/%,build/asan/%,$(UNIT) $(REPLAY))
	@for t in $(patsubst $(BUILD)/%,build/asan/%,$(UNIT)); do echo "== asan $$t"; $(ASAN_ENV) $$t || exit 1; done
	@$(ASAN_ENV) BDL=build/asan/bdl PYTHON=$(PYTHON) tests/golden.sh --no-schema
	@$(ASAN_ENV) BDL=build/asan/bdl PYTHON=$(PYTHON) tests/formats.sh
	@$(ASAN_ENV) BDL=build/asan/bdl tests/diff.sh
	@$(ASAN_ENV) $(PYTHON) tests/seed_mutations.py build/asan/bdl
	@$(ASAN_ENV) $(PYTHON) tests/fmt_props.py build/asan/bdl --count 50
	@$(ASAN_ENV) tests/fuzz/replay.sh build/asan/tests
	@$(ASAN_ENV) BDL=build/asan/bdl HOSTILE_SLOW=5 tests/hostile.sh
	@$(ASAN_ENV) BDL=build/asan/bdl PYTHON=$(PYTHON) tests/csv.sh
	@$(ASAN_ENV) $(PYTHON) tests/xlsx.py build/asan/bdl
	@$(ASAN_ENV) BDL=build/asan/bdl PYTHON=$(PYTHON) tests/help.sh
	@$(ASAN_ENV) $(PYTHON) tests/lsp/transcripts.py build/asan/bdl
	@$(ASAN_ENV) BDL=build/asan/bdl PYTHON=$(PYTHON) tests/import.sh

# A subset under valgrind memcheck: any error or leak fails.
VALGRIND := valgrind -q --error-exitcode=99 --leak-check=full --show-leak-kinds=all --errors-for-leak-kinds=all
check-valgrind: $(BIN) $(UNIT) $(REPLAY) $(FIXTURES)
	@BDL="$(VALGRIND) ./$(BIN)" PYTHON=$(PYTHON) tests/golden.sh --no-schema --subset
	@for t in $(UNIT); do $(VALGRIND) $$t >/dev/null || exit 1; done
	@VALGRIND="$(VALGRIND)" tests/fuzz/replay.sh $(BUILD)/tests --small
	@mkdir -p $(BUILD)/valgrind && $(VALGRIND) ./$(BIN) xlsx examples/district/district.bdl -o $(BUILD)/valgrind/d.xlsx 2>/dev/null
	@$(VALGRIND) ./$(BIN) xlsx tests/xlsx/failing.bdl -o $(BUILD)/valgrind/f.xlsx 2>/dev/null; [ $$? = 1 ]
	@$(VALGRIND) ./$(BIN) csv examples/kaizhou-2026.bdl -o $(BUILD)/valgrind 2>/dev/null
	@$(PYTHON) tests/lsp/transcripts.py "$(VALGRIND) ./$(BIN)" hover rename sync malformed
	@BDL="$(VALGRIND) ./$(BIN)" PYTHON=$(PYTHON) tests/import.sh --quick
	@echo "valgrind: clean"

# --- benchmark (issue 8) -------------------------------------------------------------
# Inputs are generated into build/bench/ (git-ignored) by bench/gen.py, once.
BENCH_SIZES  ?= 10000,100000,1000000
BENCH_REPEAT ?= 5
BENCH_SHAPES ?= 1

$(BUILD)/bench/flexscan: bench/flexscan.c $(BUILD)/libbdl.a | $(BUILD)/parser.h
	@mkdir -p $(dir $@)
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -o $@ $^ $(LIBS)

$(BUILD)/bench/measure: bench/measure.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_DEFAULT_SOURCE $(CFLAGS) $(WARN) -o $@ $<

bench: $(BIN) $(BUILD)/bench/flexscan $(BUILD)/bench/measure
	@$(PYTHON) bench/run.py --bdl ./$(BIN) --flexscan $(BUILD)/bench/flexscan --measure $(BUILD)/bench/measure \
	  --dir $(BUILD)/bench \
	  --sizes $(BENCH_SIZES) --repeat $(BENCH_REPEAT) --shapes $(BENCH_SHAPES) --cflags "$(CFLAGS)"
	@$(MAKE) --no-print-directory bench-province
	@$(MAKE) --no-print-directory bench-lsp

# Province scale (issue 22): 3,000 generated department specs in 40 districts, their
# roll-ups and the province's, built by bench/province/Makefile with --depfile: a full
# build, a no-op rebuild and a rebuild after one department's change, each checked for
# doing exactly what it should; writes its section of bench/results.md. Run after the
# benchmark above, never beside it, so that the two do not share the cores.
PROVINCE_DEPARTMENTS ?= 3000
PROVINCE_DISTRICTS   ?= 40
bench-province: $(BIN)
	@$(PYTHON) bench/province/run.py --bdl ./$(BIN) --dir $(BUILD)/province --jobs 2 --repeat $(BENCH_REPEAT) \
	  --departments $(PROVINCE_DEPARTMENTS) --districts $(PROVINCE_DISTRICTS)

# The language server after an edit (issue 20): 100 edits of a figure in gen.py realistic
# 10000, each timed from the change sent to its diagnostics read back; p50 and p95 go to
# bench/results.md. Run after the rest of the benchmark, never beside it.
bench-lsp: $(BIN)
	@$(PYTHON) bench/lsp.py --bdl ./$(BIN) --dir $(BUILD)/bench --items 10000 --edits 100

# --- installing (issue 22) -------------------------------------------------------------
# The library is found beside the program: PREFIX/bin/bdl reads PREFIX/lib/bdl/std/...
# (src/compile/imports.c), so these two places move together with PREFIX and are not settable
# apart. DESTDIR stages the whole tree elsewhere (packaging, tests/install.sh).
BINDIR    := $(PREFIX)/bin
BDLLIBDIR := $(PREFIX)/lib/bdl
MANDIR    ?= $(PREFIX)/share/man
EDITORDIR := $(PREFIX)/share/bdl/editors
# The files under a folder, as paths relative to it: make install copies them one by one
# with their modes set, and make uninstall removes exactly those.
files_under = $(shell cd $(1) 2>/dev/null && find . -type f | sed 's|^\./||' | LC_ALL=C sort)
LIB_FILES    := $(addprefix std/,$(call files_under,lib/std))
EDITOR_FILES := $(call files_under,editors)

install: $(BIN)
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(MANDIR)/man7
	install -m 755 $(BIN) $(DESTDIR)$(BINDIR)/bdl
	install -m 644 docs/bdl.1 $(DESTDIR)$(MANDIR)/man1/bdl.1
	install -m 644 docs/bdl-language.7 $(DESTDIR)$(MANDIR)/man7/bdl-language.7
	@for f in $(LIB_FILES); do \
	  install -d "$(DESTDIR)$(BDLLIBDIR)/$$(dirname "$$f")" && install -m 644 "lib/$$f" "$(DESTDIR)$(BDLLIBDIR)/$$f" || exit 1; \
	done
	@for f in $(EDITOR_FILES); do \
	  install -d "$(DESTDIR)$(EDITORDIR)/$$(dirname "$$f")" && install -m 644 "editors/$$f" "$(DESTDIR)$(EDITORDIR)/$$f" || exit 1; \
	done
	@echo "installed $(DESTDIR)$(BINDIR)/bdl, its library in $(DESTDIR)$(BDLLIBDIR) and its manual pages"

# Removes what install put there and the folders of bdl's own left empty; the shared
# folders (bin, share/man/man1) stay.
uninstall:
	rm -f $(DESTDIR)$(BINDIR)/bdl $(DESTDIR)$(MANDIR)/man1/bdl.1 $(DESTDIR)$(MANDIR)/man7/bdl-language.7
	@for f in $(LIB_FILES); do rm -f "$(DESTDIR)$(BDLLIBDIR)/$$f"; done
	@for f in $(EDITOR_FILES); do rm -f "$(DESTDIR)$(EDITORDIR)/$$f"; done
	@for d in $(DESTDIR)$(BDLLIBDIR) $(DESTDIR)$(EDITORDIR) $(DESTDIR)$(PREFIX)/share/bdl; do \
	  [ ! -d "$$d" ] || find "$$d" -depth -type d -empty -delete; \
	done

# Installs into a scratch DESTDIR, runs the installed bdl on the seed from outside the
# repository with nothing but its installed library, renders the installed pages with
# man -l, then uninstalls and checks nothing is left (tests/install.sh).
check-install: $(BIN)
	@MAKE="$(MAKE)" tests/install.sh

# The CI integrations of docs/ci.md (action.yml, ci/gitlab/, .pre-commit-hooks.yaml, the
# git recipes) on a scratch repository, through a simulated runner (tests/ci.sh).
check-ci: $(BIN)
	@PYTHON=$(PYTHON) tests/ci.sh

# The Debian package (debian/): dpkg-buildpackage -us -uc -b in a copy of the tree, the
# .deb unpacked with dpkg -x and its bdl run on the seed with its own library, lintian
# with no error or warning (tests/deb.sh). It takes about 10 s on the 2-core machine
# (measured: the build 6-10 s, lintian 1-2 s; tests/deb.sh prints both), well under the
# 3 minutes that would keep it out of make test, so make test runs it.
check-deb: $(BIN) deps-deb
	@BDL=./$(BIN) tests/deb.sh

# --- fuzzing (clang + libFuzzer) ------------------------------------------------------
# Harnesses in tests/fuzz/, built against their own instrumented copy of the library.
FUZZ_SECONDS ?= 60
FUZZ_FLAGS   := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=all

fuzz: deps-fuzz
	@$(MAKE) --no-print-directory fuzz-build
	@for h in $(HARNESSES); do tests/fuzz/run.sh $$h $(FUZZ_SECONDS) || exit 1; done

fuzz-build:
	@$(MAKE) --no-print-directory BUILD=build/fuzz CC=clang \
	  CFLAGS="$(FUZZ_FLAGS) -fsanitize=fuzzer-no-link" $(patsubst %,build/fuzz/fuzz_%,$(HARNESSES))

$(BUILD)/fuzz_%: tests/fuzz/fuzz_%.c tests/fuzz/fuzz.h $(BUILD)/libbdl.a
	$(CC) $(CPPFLAGS) $(CFLAGS) $(WARN) -fsanitize=fuzzer -o $@ $(filter %.c %.a,$^) $(LIBS)

clean:
	rm -rf build bdl out

-include $(wildcard $(BUILD)/*.d $(BUILD)/*/*.d)
