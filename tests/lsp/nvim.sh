#!/usr/bin/env bash
# tests/lsp/nvim.sh - a real client: headless Neovim (Debian's neovim 0.7) with
# editors/nvim opens the seed with a figure changed (tests/lsp/files/kaizhou.bdl), its own
# LSP client attaches `bdl lsp`, and tests/lsp/nvim_test.lua reads the diagnostics, a hover
# on the failing total and a definition, then formats a document through the client.
set -u
cd "$(dirname "$0")/../.." || exit 2
BDL=$(realpath "${BDL:-./bdl}")
command -v nvim >/dev/null || { echo "FAIL nvim: neovim is not installed (make test installs it)"; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp tests/lsp/files/kaizhou.bdl tests/lsp/files/layout.bdl "$tmp"/
export BDL BDL_LIB=$PWD/lib SPEC_DIR=$tmp OUT=$tmp/result HOME=$tmp XDG_STATE_HOME=$tmp XDG_DATA_HOME=$tmp
timeout 120 nvim --headless --clean --cmd "set runtimepath^=$PWD/editors/nvim" -c 'filetype plugin on' \
    -c 'syntax on' -c "luafile $PWD/tests/lsp/nvim_test.lua" >"$tmp/nvim.log" 2>&1 </dev/null
status=$?
cat "$tmp/result" 2>/dev/null
if [ $status != 0 ] || ! [ -s "$tmp/result" ] || grep -q '^FAIL' "$tmp/result"; then
    echo "FAIL nvim (exit $status)"
    cat "$tmp/nvim.log"
    exit 1
fi
echo "nvim: $(grep -c '^ok' "$tmp/result") checks passed"
