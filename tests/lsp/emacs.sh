#!/usr/bin/env bash
# tests/lsp/emacs.sh - editors/emacs/bdl-mode.el in Emacs (Debian's emacs-nox 28 with
# elpa-eglot): it byte-compiles without a warning, then tests/lsp/emacs_test.el opens
# the seed with a figure changed, checks the mode, its highlighting and indentation, and
# reads the diagnostics and a hover through eglot from `bdl lsp`.
set -u
cd "$(dirname "$0")/../.." || exit 2
BDL=$(realpath "${BDL:-./bdl}")
command -v emacs >/dev/null || { echo "FAIL emacs: emacs is not installed (make test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp editors/emacs/bdl-mode.el "$tmp"/
if ! emacs --batch -Q --eval '(setq byte-compile-error-on-warn t)' -f batch-byte-compile "$tmp/bdl-mode.el" >"$tmp/compile.log" 2>&1; then
    echo "FAIL emacs: bdl-mode.el does not byte-compile cleanly"
    cat "$tmp/compile.log"
    exit 1
fi
mkdir "$tmp/spec"
cp tests/lsp/files/kaizhou.bdl "$tmp/spec"/
git init -q "$tmp/spec" # a project for eglot
# site files, not the user's: Debian's elpa-eglot is activated from them
BDL=$BDL BDL_LIB=$PWD/lib SPEC_DIR=$tmp/spec HOME=$tmp timeout 120 emacs --batch --no-init-file \
    -L "$tmp" -l "$PWD/tests/lsp/emacs_test.el" >"$tmp/out" 2>"$tmp/log"
status=$?
grep -E '^(ok|FAIL)' "$tmp/out"
if [ $status != 0 ] || grep -q '^FAIL' "$tmp/out" || ! grep -q '^ok' "$tmp/out"; then
    echo "FAIL emacs (exit $status)"
    cat "$tmp/log"
    exit 1
fi
echo "emacs: $(grep -c '^ok' "$tmp/out") checks passed"
