#!/usr/bin/env bash
# tests/lsp/screenshot.sh [OUT.png] - the picture in docs/editors.md: Neovim with
# editors/nvim in a 120x40 terminal (tmux) on the seed with a figure changed
# (tests/lsp/files/kaizhou.bdl), its hover open on the failing total of by_function.
# The terminal's cells, colours included (tmux capture-pane -e), are drawn as HTML and
# photographed by headless Chromium with a CJK font. Run by hand (it is no test): it
# writes docs/lsp-hover.png by default. Needs nvim, tmux, chromium, fonts-wqy-microhei.
set -eu
cd "$(dirname "$0")/../.."
out=${1:-docs/lsp-hover.png}
BDL=$(realpath "${BDL:-./bdl}")
tmp=$(mktemp -d)
trap 'tmux kill-session -t bdl-shot 2>/dev/null; rm -rf "$tmp"' EXIT
cp tests/lsp/files/kaizhou.bdl "$tmp"/
cat >"$tmp/init.lua" <<EOF
vim.opt.runtimepath:prepend('$PWD/editors/nvim')
vim.cmd('filetype plugin on')
vim.cmd('syntax on')
vim.opt.termguicolors = false
vim.opt.number = true
vim.opt.laststatus = 0
vim.opt.shortmess:append('I')
vim.cmd('highlight NormalFloat ctermbg=236 ctermfg=252')
vim.cmd('highlight FloatBorder ctermbg=236 ctermfg=244')
vim.lsp.handlers['textDocument/hover'] = vim.lsp.with(vim.lsp.handlers.hover, { border = 'rounded' })
require('bdl').setup({ cmd = { '$BDL', 'lsp' } })
EOF
tmux new-session -d -s bdl-shot -x 120 -y 40 \
    "HOME=$tmp BDL_LIB=$PWD/lib TERM=xterm-256color nvim -u $tmp/init.lua +25 $tmp/kaizhou.bdl"
sleep 2
tmux send-keys -t bdl-shot 'zt' C-y C-y C-y C-y C-y C-y '0f=w'
tmux send-keys -t bdl-shot ':lua vim.lsp.buf.hover()' Enter
sleep 2
tmux capture-pane -t bdl-shot -e -p >"$tmp/screen.ansi"
python3 - "$tmp/screen.ansi" "$tmp/screen.html" <<'EOF'
# The captured cells as HTML: SGR colours (the 16 of xterm and the 256-colour cube) on a
# dark background, in a monospace font where a CJK character takes two cells.
import html, re, sys, unicodedata
BASE = ["#000000", "#cd0000", "#00cd00", "#cdcd00", "#3b78ff", "#cd00cd", "#00cdcd", "#e5e5e5",
        "#7f7f7f", "#ff5555", "#55ff55", "#ffff55", "#8fb0ff", "#ff55ff", "#55ffff", "#ffffff"]
def colour(n):
    if n < 16:
        return BASE[n]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return "#%02x%02x%02x" % (steps[n // 36], steps[n // 6 % 6], steps[n % 6])
    v = 8 + 10 * (n - 232)
    return "#%02x%02x%02x" % (v, v, v)
def sgr(params, st):
    p = [int(x) if x else 0 for x in params.split(";")] if params else [0]
    i = 0
    while i < len(p):
        c = p[i]
        if c == 0: st.update(fg=None, bg=None, bold=False, rev=False)
        elif c == 1: st["bold"] = True
        elif c == 22: st["bold"] = False
        elif c == 7: st["rev"] = True
        elif c == 27: st["rev"] = False
        elif 30 <= c <= 37: st["fg"] = BASE[c - 30]
        elif 90 <= c <= 97: st["fg"] = BASE[c - 90 + 8]
        elif 40 <= c <= 47: st["bg"] = BASE[c - 40]
        elif 100 <= c <= 107: st["bg"] = BASE[c - 100 + 8]
        elif c == 39: st["fg"] = None
        elif c == 49: st["bg"] = None
        elif c in (38, 48) and i + 2 < len(p) and p[i + 1] == 5:
            st["fg" if c == 38 else "bg"] = colour(p[i + 2]); i += 2
        elif c in (38, 48) and i + 4 < len(p) and p[i + 1] == 2:
            st["fg" if c == 38 else "bg"] = "#%02x%02x%02x" % tuple(p[i + 2:i + 5]); i += 4
        i += 1
rows = []
for line in open(sys.argv[1], encoding="utf-8", errors="replace").read().rstrip("\n").split("\n"):
    st = dict(fg=None, bg=None, bold=False, rev=False)
    out = []
    for part in re.split(r"(\x1b\[[0-9;]*m)", line):
        m = re.fullmatch(r"\x1b\[([0-9;]*)m", part)
        if m:
            sgr(m.group(1), st); continue
        if not part:
            continue
        fg, bg = st["fg"] or "#d0d0d0", st["bg"] or "#1c1c1c"
        if st["rev"]:
            fg, bg = bg, fg
        cells = "".join('<span class="w">%s</span>' % html.escape(ch) if unicodedata.east_asian_width(ch) in "WF"
                        else html.escape(ch) for ch in part)
        out.append('<span style="color:%s;background:%s;%s">%s</span>' % (fg, bg, "font-weight:bold;" if st["bold"] else "", cells))
    rows.append("".join(out))
page = """<!doctype html><meta charset="utf-8"><style>
body { margin: 0; background: #1c1c1c; }
pre { margin: 12px; font: 15px/19px "DejaVu Sans Mono", "WenQuanYi Micro Hei Mono", monospace; color: #d0d0d0; }
pre > span { display: inline-block; height: 19px; vertical-align: top; white-space: pre; }
.w { display: inline-block; width: 2ch; text-align: center; font-family: "WenQuanYi Micro Hei Mono"; }
</style><pre>%s</pre>""" % "\n".join(rows)
open(sys.argv[2], "w", encoding="utf-8").write(page)
EOF
profile=$(mktemp -d -p "$tmp")
chromium --headless --no-sandbox --disable-gpu --no-first-run --disable-background-networking \
    --disable-component-update --disable-sync --user-data-dir="$profile" --hide-scrollbars \
    --window-size=1120,810 --screenshot="$out" "file://$tmp/screen.html" >/dev/null 2>&1
[ -s "$out" ] && echo "wrote $out"
