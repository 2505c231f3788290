#!/usr/bin/env bash
# tests/html.sh - the HTML page (bdl html / bdl build), checked the way a reader meets it.
#
#  1. golden pages: `bdl html examples/NAME.bdl` must equal tests/golden/html/NAME.html byte
#     for byte, and each page of examples/district/ (the departments and their roll-up)
#     tests/golden/html/district/NAME.html (and `bdl build` must write the same page); the
#     pages of tests/golden/html/pages/NAME.bdl (the diagnostics of a page in Chinese and in
#     English) tests/golden/html/pages/NAME.html;
#  2. the Nu HTML Checker (npm package vnu-jar, run with the machine's Java) finds no error
#     in any page produced here: the examples, every tests/golden/valid and errors file,
#     a failing budget and the escaping budget;
#  3. escaping: a title, meta value, column, label, note, message and text that read
#     <script>alert(1)</script> or "&' appear only as escaped text;
#  4. determinism: two runs give the same bytes;
#  5. headless Chromium renders the kaizhou page and the district roll-up to PNGs that are
#     not blank (decoded with zlib and struct only: many non-white pixels, dark text
#     pixels, several colours);
#  6. bidirectional text: strings that open a right-to-left override (and an Arabic label)
#     cannot reorder the figures bdl writes beside them, as Chromium lays the page out.
#
# Installs what it needs only when missing: the Debian packages default-jre-headless,
# chromium, fonts-wqy-microhei (CJK glyphs) and npm, and vnu-jar into build/tools
# (git-ignored).
#   --update       rewrite tests/golden/html/*.html (then review them with git diff)
#   --docs         also copy the kaizhou screenshot to docs/kaizhou-2026.png
#   KEEP_SCREENSHOTS=DIR   copy both screenshots into DIR, to look at them
set -u
cd "$(dirname "$0")/.." || exit 2
BDL=${BDL:-./bdl}
PYTHON=${PYTHON:-python3}
TOOLS=build/tools
VNU_VERSION=26.9.27
VNU=$TOOLS/node_modules/vnu-jar/build/dist/vnu.jar
GOLDEN=tests/golden/html
update=0 docs=0
for arg in "$@"; do
    case $arg in
    --update) update=1 ;;
    --docs) docs=1 ;;
    *) echo "html.sh: unknown option $arg" >&2; exit 2 ;;
    esac
done

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
passed=0 failed=0

pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }

# ---- tools -------------------------------------------------------------------------

have_deb() { dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q "ok installed"; }

install_tools() {
    local missing=""
    command -v java >/dev/null 2>&1 || missing="$missing default-jre-headless"
    command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
    have_deb fonts-wqy-microhei || missing="$missing fonts-wqy-microhei"
    if [ ! -f "$VNU" ] && ! command -v npm >/dev/null 2>&1; then missing="$missing npm"; fi
    if [ -n "$missing" ]; then
        echo "html.sh: installing missing packages:$missing"
        local sudo=""
        [ "$(id -u)" = 0 ] || sudo=sudo
        # shellcheck disable=SC2086 # $missing is a list of package names
        if ! { $sudo apt-get update -qq &&
            DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends $missing >/dev/null; }; then
            echo "html.sh: could not install$missing" >&2
            return 1
        fi
    fi
    if [ ! -f "$VNU" ]; then
        echo "html.sh: installing vnu-jar@$VNU_VERSION into $TOOLS"
        # --ignore-scripts: the package's postinstall would try to download a Java runtime.
        npm install --prefix "$TOOLS" --no-audit --no-fund --ignore-scripts "vnu-jar@$VNU_VERSION" >/dev/null ||
            { echo "html.sh: could not install vnu-jar" >&2; return 1; }
    fi
}

if [ ! -x "${BDL%% *}" ]; then
    echo "html.sh: $BDL not found: run make first" >&2
    exit 2
fi
install_tools || { fail "installing the test tools"; echo "html: $passed passed, $failed failed"; exit 1; }

pages=() # every page produced, for the Nu HTML Checker

html() { # html SRC OUT: the page for SRC (exit status 1 for a failing budget is expected)
    $BDL html "$1" -o "$2" >/dev/null 2>&1
    [ $? -le 1 ] && [ -s "$2" ]
}

# ---- 1. golden pages ----------------------------------------------------------------

# A page's stylesheet is the same in every page: it is compared once, with
# $GOLDEN/style.css, and each golden page keeps only a marker where it stands.
STYLE_MARK='<style>/* tests/golden/html/style.css */</style>'

unstyled() { # unstyled PAGE OUT: PAGE with its <style> block replaced by the marker
    "$PYTHON" - "$1" "$2" "$STYLE_MARK" <<'PY'
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
out, n = re.subn(r"<style>\n.*?</style>", lambda m: sys.argv[3], page, count=1, flags=re.S)
open(sys.argv[2], "w", encoding="utf-8").write(out if n else page)
PY
}

style_of() { # style_of PAGE: the stylesheet between <style> and </style>
    sed -n '/^<style>$/,/^<\/style>$/p' "$1" | sed '1d;$d'
}

golden() { # golden SRC NAME: the page of SRC, its stylesheet aside, must equal $GOLDEN/NAME.html
    local src=$1 name=$2 out="$tmp/${2//\//-}.html"
    if ! html "$src" "$out"; then
        fail "$src: bdl html wrote no page"
        return
    fi
    pages+=("$out")
    unstyled "$out" "$out.unstyled"
    if [ $update = 1 ]; then
        mkdir -p "$(dirname "$GOLDEN/$name.html")"
        cp "$out.unstyled" "$GOLDEN/$name.html"
        pass
    elif cmp -s "$GOLDEN/$name.html" "$out.unstyled"; then
        pass
    else
        fail "$src: page differs from $GOLDEN/$name.html (run tests/html.sh --update and review)"
        diff -u "$GOLDEN/$name.html" "$out.unstyled" | head -n 40
    fi
}

for src in examples/*.bdl; do
    golden "$src" "$(basename "$src" .bdl)"
done
# The district: five departments and the roll-up (common.bdl declares no budget).
for src in examples/district/*.bdl; do
    grep -qE '^(budget|consolidate) ' "$src" || continue
    golden "$src" "district/$(basename "$src" .bdl)"
done
for src in "$GOLDEN"/pages/*.bdl; do
    golden "$src" "pages/$(basename "$src" .bdl)"
done

# The stylesheet, once: the kaizhou page's, which every other page must share.
style_of "$tmp/kaizhou-2026.html" >"$tmp/style.css"
if [ $update = 1 ]; then
    cp "$tmp/style.css" "$GOLDEN/style.css"
    pass
elif [ -s "$tmp/style.css" ] && cmp -s "$GOLDEN/style.css" "$tmp/style.css"; then
    pass
else
    fail "the stylesheet differs from $GOLDEN/style.css (run tests/html.sh --update and review)"
    diff -u "$GOLDEN/style.css" "$tmp/style.css" | head -n 40
fi
for page in "${pages[@]}"; do
    if [ "$(style_of "$page")" = "$(cat "$tmp/style.css")" ]; then pass; else
        fail "$page: its stylesheet is not the one every page shares"
    fi
done

# `bdl build` writes DIR/<budget-id>.html: for a one-budget file, the same page.
mkdir -p "$tmp/build"
build_same() { # build_same SRC ID PAGE
    $BDL build "$1" -o "$tmp/build" >/dev/null 2>&1
    if cmp -s "$tmp/build/$2.html" "$3"; then pass; else
        fail "bdl build $1: $tmp/build/$2.html differs from the bdl html page"
    fi
}
build_same examples/kaizhou-2026.bdl kaizhou_dcoc "$tmp/kaizhou-2026.html"
build_same examples/district/district.bdl district "$tmp/district-district.html"

# The narrative comes after the checks summary and before the first table, every quoted
# figure marked with the expression it comes from.
line_of() { grep -n -m 1 -- "$1" "$2" | cut -d: -f1; }
k="$tmp/kaizhou-2026.html"
if [ -n "$(line_of 'class="narrative"' "$k")" ] &&
    [ "$(line_of 'class="checks"' "$k")" -lt "$(line_of 'class="narrative"' "$k")" ] &&
    [ "$(line_of 'class="narrative"' "$k")" -lt "$(line_of '<table class="budget-table' "$k")" ] &&
    grep -qF '<span class="fig" title="income[2026] - income[2025]">81.99</span>' "$k"; then
    pass
else
    fail "kaizhou page: the narrative is not between the checks and the tables, with marked figures"
fi

# The ledger of the rule set the seed follows comes after the checks summary, and says in
# the disclosure's own words why an obligation does not apply.
if [ "$(line_of 'class="checks"' "$k")" -lt "$(line_of '<section class="ledger"' "$k")" ] &&
    grep -qF '<tr class="not_applicable"><td><code><bdi>ADMIN_RUNNING</bdi></code></td>' "$k" &&
    grep -qF '<code><bdi>admin_running</bdi> = none</code>：<bdi>我单位不在机关运行经费统计范围之内。</bdi>' "$k"; then
    pass
else
    fail "kaizhou page: no ledger after the checks, with the reason of what does not apply"
fi

# The roll-up: one column per department and a total, no change columns (they would
# compare two departments), the departments' budgets named under the title.
r="$tmp/district-district.html"
if grep -qF 'class="members"' "$r" && grep -qF '<th scope="col" class="num all"><bdi>合计</bdi></th>' "$r" &&
    [ "$(grep -o '<th scope="col" class="num member">' "$r" | wc -l)" -eq 25 ] &&
    ! grep -qF 'class="num change' "$r"; then
    pass
else
    fail "district roll-up: expected 5 department columns and 合计 in each of its 5 tables, and no change columns"
fi

# A view is captioned as rolled up from its group, and its rows carry their codes.
d="$tmp/district-dcoc.html"
if grep -qF '<span class="derived">根据“<bdi>支出预算明细</bdi>”按<bdi>支出功能分类科目</bdi>汇总，列至第1级</span>' "$d" &&
    grep -qF '<td class="code"><span title="支出功能分类科目：一般公共服务支出"><bdi>201</bdi></span></td>' "$d"; then
    pass
else
    fail "dcoc page: the view's caption or its codes are missing"
fi

# ---- pages of the golden tests, a failing budget and the escaping budget --------------

for src in tests/golden/valid/*.bdl tests/golden/errors/*.bdl; do
    out="$tmp/$(basename "$(dirname "$src")")-$(basename "$src" .bdl).html"
    if html "$src" "$out"; then pages+=("$out"); fi
done

cat >"$tmp/failing.bdl" <<'EOF'
unit 元
unit 万元 = 10000 元
unit 人

budget dept "Department budget 2026" {
  meta entity "Test department"
  year 2026
  unit 万元
  rounding 0.01
  columns 2026 "2026 budget", 2025 "2025 budget", actual "2025 actual"

  group spending "Spending" = 1000.03, 900, - {
    group staff "Staff costs" = 600, 500 {
      salaries "Salaries" 400, 350, 340 code economic 30101 note "incl. new hires"
      pensions "Pensions" 200.004, 150 code 30108
      memo bonus "of which: bonuses" 50, 40
    }
    group goods "Goods and services" {
      office "Office" 250, 250, 245.5
      travel "Travel" 150.01, 150, -
    }
    headcount "Headcount" 12 人
  }
  group income "Income" = 1000, 900 {
    grant "Grant" 1000, 900
  }
  item per_capita "Cost per person" 83.34
  text summary "Summary" "Income is {income} 万元; Income was 899 万元 in 2025."
  assert spending == income "balanced"
  warn staff[2026] <= 0.5 * spending[2026] "staff share under half"
  assert goods[actual] > 0
  assert staff / spending ~= 60.00% "staff share"
}
EOF
if html "$tmp/failing.bdl" "$tmp/failing.html"; then
    pages+=("$tmp/failing.html")
    # A failing budget's page leads with what failed, before any table; a number typed
    # into the text that differs from the data is listed with the warnings.
    summary=$(sed -n '/class="checks"/,/<\/section>/p' "$tmp/failing.html")
    if grep -q 'class="check failed"' <<<"$summary" &&
        grep -A 2 'class="check warning"' <<<"$summary" | grep -qF '</strong> <code><bdi>899 万元</bdi></code>' &&
        [ "$(grep -n 'class="check-list failed"' "$tmp/failing.html" | cut -d: -f1)" -lt \
          "$(grep -n '<table' "$tmp/failing.html" | head -n 1 | cut -d: -f1)" ]; then
        pass
    else
        fail "failing budget: the failed checks are not listed before the tables"
    fi
else
    fail "failing budget: bdl html wrote no page"
fi

# Two budgets in one file make one page with two sections (ids must stay unique); a file
# with no budget, and one whose title, labels, note and message are empty, still make
# valid pages.
cat >"$tmp/two.bdl" <<'EOF'
unit 元
budget first "First" {
  unit 元
  group g "G" {
    a "A" 1
    b "B" 2 note "n"
  }
  item c "C" 3 note "m"
}
budget second "第二" {
  unit 元
  columns x, y
  group g "组" = 3, 4 {
    a "甲" 1, 2 note "注"
    b "乙" 2, 2
  }
  assert g[x] < g[y]
}
EOF
printf 'unit 元\n' >"$tmp/none.bdl"
printf 'unit 元\nbudget e "" {\n  unit 元\n  group g "" {\n    x "" 5\n    y "" 1 note ""\n  }\n  assert g > 1 ""\n}\n' >"$tmp/empty.bdl"
for name in two none empty; do
    if html "$tmp/$name.bdl" "$tmp/$name.html"; then pages+=("$tmp/$name.html"); else fail "$name.bdl: no page"; fi
done

# ---- 3. escaping --------------------------------------------------------------------

S='<script>alert(1)</script>'
Q='\"&'"'"
cat >"$tmp/escape.bdl" <<EOF
unit 元
budget esc "$S" {
  meta entity "$S"
  meta other "$Q"
  unit 元
  columns a "$S", b "$Q"
  group g "$S" = 3, 3 {
    x "$S" 1, 2 note "$S"
    y "$Q" 2, 1 note "$Q"
    z "bell\u{7}" 0, 0
  }
  item w "$Q" 5
  text t "$S" "$S {g} $Q"
  assert g == 100 "$S"
  warn x == 5 "$Q"
}
EOF
if html "$tmp/escape.bdl" "$tmp/escape.html"; then
    pages+=("$tmp/escape.html")
    e='&lt;script&gt;alert(1)&lt;/script&gt;'
    q='&quot;&amp;&#39;'
    check_escaped() { # check_escaped WHAT PATTERN: the escaped text appears in that context
        if grep -qF -- "$2" "$tmp/escape.html"; then pass; else fail "escaping: $1 not found escaped ($2)"; fi
    }
    if grep -qi '<script' "$tmp/escape.html"; then fail "escaping: a raw <script in the page"; else pass; fi
    if grep -qF "\"&'" "$tmp/escape.html"; then fail "escaping: a raw \"&' in the page"; else pass; fi
    check_escaped "title" "<title>$e</title>"
    check_escaped "heading" "<h1 id=\"b1-title\"><bdi>$e</bdi></h1>"
    check_escaped "meta value" "<dd><bdi>$e</bdi></dd>"
    check_escaped "meta value" "<dd><bdi>$q</bdi></dd>"
    check_escaped "column label" "<th scope=\"col\" class=\"num\"><bdi>$e</bdi></th>"
    check_escaped "column label" "<th scope=\"col\" class=\"num\"><bdi>$q</bdi></th>"
    check_escaped "group caption" "</span> <bdi>$e</bdi> <span class=\"cu\">"
    check_escaped "item label" "class=\"label lvl-1\"><bdi>$e</bdi><sup"
    check_escaped "item label" "class=\"label lvl-0\"><bdi>$q</bdi></th>"
    check_escaped "note" "value=\"1\"><bdi>$e</bdi></li>"
    check_escaped "note" "value=\"2\"><bdi>$q</bdi></li>"
    check_escaped "assertion message" "<strong><bdi>$e</bdi></strong>"
    check_escaped "warning message" "<strong><bdi>$q</bdi></strong>"
    check_escaped "text title" "<h2 id=\"b1-x1\"><bdi>$e</bdi></h2>"
    check_escaped "text prose" "<p><bdi>$e </bdi><span class=\"fig\" title=\"g\">3</span><bdi> $q</bdi></p>"
    check_escaped "chart label" "text-anchor=\"end\">&lt;script&gt;alert(1)"
    check_escaped "control character" "bell"$'\xef\xbf\xbd'
else
    fail "escaping budget: bdl html wrote no page"
fi

# ---- 2. the Nu HTML Checker ---------------------------------------------------------

if java -jar "$VNU" --errors-only --format gnu "${pages[@]}" >"$tmp/vnu.txt" 2>&1; then :; fi
for page in "${pages[@]}"; do
    if grep -qF "$page\"" "$tmp/vnu.txt"; then
        fail "vnu: $page"
        grep -F "$page\"" "$tmp/vnu.txt" | head -n 5
    else
        pass
    fi
done
if grep -qvF "$tmp/" "$tmp/vnu.txt"; then
    fail "vnu did not run cleanly:"
    head -n 5 "$tmp/vnu.txt"
fi

# ---- 4. determinism -----------------------------------------------------------------

for src in examples/kaizhou-2026.bdl "$tmp/failing.bdl"; do
    html "$src" "$tmp/again-1.html"
    html "$src" "$tmp/again-2.html"
    if cmp -s "$tmp/again-1.html" "$tmp/again-2.html"; then pass; else fail "determinism: $src"; fi
done

# ---- 5. headless Chromium -----------------------------------------------------------

# A PNG is not blank when many pixels are not white, some are dark (text) and there are
# several colours; decoded with zlib and struct only.
cat >"$tmp/not_blank.py" <<'EOF'
# A PNG decoder on zlib and struct alone: unfilter the rows, then count what is drawn.
import struct, sys, zlib

def pixels(path):
    data = open(path, "rb").read()
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, head = 8, b"", None
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        body = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            head = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat += body
        pos += 12 + n
    w, h, depth, ctype, _, _, interlace = head
    assert depth == 8 and ctype in (2, 6) and interlace == 0, "unexpected PNG format %r" % (head,)
    bpp = 3 if ctype == 2 else 4
    raw, stride, prev, rows = zlib.decompress(idat), w * bpp, bytearray(w * bpp), []
    for y in range(h):
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if f == 1: line[i] = (line[i] + a) & 255
            elif f == 2: line[i] = (line[i] + b) & 255
            elif f == 3: line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return w, h, bpp, rows

w, h, bpp, rows = pixels(sys.argv[1])
total = nonwhite = dark = 0
colours = set()
for row in rows:
    for x in range(0, w * bpp, bpp * 2):  # every other pixel is plenty
        r, g, b = row[x], row[x + 1], row[x + 2]
        total += 1
        nonwhite += r < 245 or g < 245 or b < 245
        dark += r + g + b < 300
        colours.add((r >> 3, g >> 3, b >> 3))
share, ink = nonwhite / total, dark / total
print("screenshot %dx%d: %.1f%% non-white, %.2f%% dark, %d colours" % (w, h, 100 * share, 100 * ink, len(colours)))
sys.exit(0 if share > 0.2 and ink > 0.005 and len(colours) >= 8 else 1)
EOF

screenshot() { # screenshot PAGE PNG HEIGHT: headless Chromium, 1400 pixels wide
    local profile
    profile=$(mktemp -d)
    timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync \
        --user-data-dir="$profile" --window-size=1400,"$3" --screenshot="$2" \
        "file://$1" >"$tmp/chromium.log" 2>&1
    rm -rf "$profile"
    if [ ! -s "$2" ]; then
        fail "chromium wrote no screenshot of $1"
        tail -n 5 "$tmp/chromium.log"
        return 1
    fi
    if "$PYTHON" "$tmp/not_blank.py" "$2"; then pass; else
        fail "the screenshot of $1 looks blank"
        return 1
    fi
}

if screenshot "$tmp/kaizhou-2026.html" "$tmp/kaizhou-2026.png" 1800 && [ $docs = 1 ]; then
    cp "$tmp/kaizhou-2026.png" docs/kaizhou-2026.png && echo "wrote docs/kaizhou-2026.png"
fi
screenshot "$tmp/district-district.html" "$tmp/district.png" 2400
if [ -n "${KEEP_SCREENSHOTS:-}" ]; then cp "$tmp/kaizhou-2026.png" "$tmp/district.png" "$KEEP_SCREENSHOTS/"; fi

# ---- 6. text from the spec cannot reorder the figures -----------------------------------

# Every string the spec gives starts with an unbalanced RIGHT-TO-LEFT OVERRIDE (written as an
# escape, so the spec itself has no error), and one label is Arabic, whose direction alone
# moves the numbers after it. Chromium lays the page out and a script measures, for every
# run of digits outside a <bdi> (the figures bdl writes), that its digits stand left to
# right: an override that leaked would show 19 as 91.
R='\u{202E}'
cat >"$tmp/bidi.bdl" <<EOF
unit 元
budget rtl "${R}Budget" {
  meta entity "${R}Entity"
  unit 元
  columns a "${R}This year", b "${R}Last year"
  group g "${R}Group" = 30, 20 {
    x "${R}Income" 19, 12 note "${R}note"
    y "عربي" 12, 8
  }
  text t "${R}Text" "${R}Income {x} and {y} and {g[b]}"
  assert x == y "${R}message"
  assert g == 31 "${R}total"
}
EOF
cat >"$tmp/order.js" <<'EOF'
(function () {
  var bad = [], walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT), n;
  while ((n = walk.nextNode())) {
    var e = n.parentNode;
    while (e && e !== document.body && e.nodeName !== 'BDI' && e.nodeName !== 'SCRIPT' && e.nodeName !== 'svg')
      e = e.parentNode;
    if (e !== document.body)
      continue;
    var re = /[0-9]{2,}/g, m;
    while ((m = re.exec(n.data))) {
      var prev = -Infinity;
      for (var i = m.index; i < m.index + m[0].length; i++) {
        var r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, i + 1);
        var box = r.getBoundingClientRect();
        if (box.width === 0)
          break;
        if (box.left <= prev) {
          bad.push(m[0]);
          break;
        }
        prev = box.left;
      }
    }
  }
  document.body.setAttribute('data-reordered', bad.length ? bad.join(' ') : 'none');
})();
EOF
if html "$tmp/bidi.bdl" "$tmp/bidi.html"; then
    pages+=("$tmp/bidi.html")
    sed 's|</body>|<script src="order.js"></script></body>|' "$tmp/bidi.html" >"$tmp/bidi-measured.html"
    profile=$(mktemp -d)
    timeout 180 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
        --disable-background-networking --disable-component-update --disable-sync --allow-file-access-from-files \
        --user-data-dir="$profile" --dump-dom "file://$tmp/bidi-measured.html" >"$tmp/bidi-dom.html" 2>"$tmp/chromium.log"
    rm -rf "$profile"
    if grep -q 'data-reordered="none"' "$tmp/bidi-dom.html"; then
        pass
    else
        fail "bidi: figures shown reordered: $(grep -o 'data-reordered="[^"]*"' "$tmp/bidi-dom.html" || tail -n 3 "$tmp/chromium.log")"
    fi
    # and in the page every override stands in a <bdi> or an attribute (or <title>), closed there
    if "$PYTHON" - "$tmp/bidi.html" <<'PY'; then pass; else fail "bidi: an override is not isolated and closed in the page"; fi
import re, sys
page = open(sys.argv[1], encoding="utf-8").read()
pieces = re.findall(r"<bdi>(.*?)</bdi>", page, flags=re.S) + re.findall(r'title="([^"]*)"', page)
pieces += re.findall(r"<title[^>]*>(.*?)</title>", page, flags=re.S)
pieces += re.findall(r'text-anchor="end">(.*?)</text>', page, flags=re.S)
for piece in pieces:
    if piece.count("\u202e") != piece.count("\u202c"):
        sys.exit("unclosed: " + piece)
if sum(p.count("\u202e") for p in pieces) != page.count("\u202e"):
    sys.exit("an override outside a <bdi> or an attribute")
PY
else
    fail "bidi budget: bdl html wrote no page"
fi

[ $update = 1 ] && echo "updated $GOLDEN: review the pages with git diff"
echo "html: $passed passed, $failed failed"
[ $failed -eq 0 ]
