#!/usr/bin/env bash
# tests/ci.sh - the CI integrations of docs/ci.md, run on a scratch repository whose pull
# request changes one figure of the seed (an E0406), adds a spec and breaks the layout of
# another:
#   - the GitHub Action (action.yml), through tests/ci_runner.py, a simulated runner: the
#     annotations, the SARIF file, the step summary with each spec's bdl diff, the base
#     branch fetched when missing, a push that finds nothing, and a spec pattern that tries
#     to run a command;
#   - the GitLab template (ci/gitlab/bdl.gitlab-ci.yml): bdl-check's code quality report
#     (validated, and written even when the check fails), bdl-diff's bdl-diff.md, and the
#     template building bdl from BDL_REPOSITORY when no bdl is on the PATH;
#   - the pre-commit hooks (.pre-commit-hooks.yaml), with `pre-commit try-repo`;
#   - the git recipes of docs/ci.md: the textconv diff driver hides a layout-only change,
#     and two edits of one group that the alignment makes conflict merge with
#     -Xignore-space-change, then bdl fmt -w.
set -u
cd "$(dirname "$0")/.." || exit 2
repo=$PWD
PYTHON=${PYTHON:-/usr/bin/python3}
SARIF_SCHEMA=${SARIF_SCHEMA:-$PWD/tests/schema/sarif-schema-2.1.0.json}
CODEQUALITY_SCHEMA=$repo/tests/schema/gitlab-codequality.schema.json
tmp=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$tmp"' EXIT
passed=0 failed=0
pass() { passed=$((passed + 1)); }
fail() { echo "FAIL $*"; failed=$((failed + 1)); }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
    local what=$1; shift
    if "$@"; then pass; else fail "$what"; fi
}
has() { grep -qF -- "$2" "$1"; }
git_() { git -c user.name=ci -c user.email=ci@localhost -c init.defaultBranch=main "$@"; }

# --- the scratch repository: main, and a pull request on top of it ---------------------
git_ init -q --bare "$tmp/origin.git"
git_ init -q "$tmp/work"
cd "$tmp/work" || exit 2
mkdir specs
cp "$repo/examples/kaizhou-2026.bdl" specs/kaizhou.bdl
cat >specs/small.bdl <<'EOF'
unit 元

budget small "小" {
  unit 元
  group g = 3 {
    a "甲" 1
    b "乙" 2
  }
}
EOF
git_ add . && git_ commit -qm base && git_ remote add origin "file://$tmp/origin.git" && git_ push -q origin main
git_ checkout -qb pr
sed -i 's/"卫生健康支出"         13.4 code 210/"卫生健康支出"         13.5 code 210/' specs/kaizhou.bdl
has specs/kaizhou.bdl '13.5 code 210' || fail "the scratch pull request did not change the seed"
sed 's/small "小"/fresh "新"/' specs/small.bdl >specs/new.bdl
sed -i 's/^    a "甲" 1$/    a   "甲"   1/' specs/small.bdl
git_ add . && git_ commit -qm pr
git_ update-ref -d refs/remotes/origin/main # the action must fetch the base itself

# --- the GitHub Action ------------------------------------------------------------------
gh() { # gh STATE_DIR ARGS...: the action in the current directory
    local state=$1; shift
    mkdir -p "$state"
    BDL_CI_STATE=$state "$PYTHON" "$repo/tests/ci_runner.py" github "$repo" "$@" >"$state/out" 2>"$state/err"
}
gh "$tmp/gh" --input specs='specs/*.bdl' --event pull_request --base-ref main
status=$?
s=$tmp/gh
check "action on the pull request: exit 1 (it has an error), not $status" [ $status = 1 ]
check "annotation for the E0406 in specs/kaizhou.bdl" \
    grep -qE '^::error file=specs/kaizhou.bdl,line=[0-9]+,col=[0-9]+,endLine=[0-9]+,endColumn=[0-9]+,title=E0406::' "$s/out"
check "annotation for the layout of specs/small.bdl" has "$s/out" '::error file=specs/small.bdl,title=bdl fmt::'
check "no annotation for specs/new.bdl" test -z "$(grep 'file=specs/new.bdl' "$s/out")"
check "GITHUB_OUTPUT names the SARIF file" has "$s/github_output" 'sarif=bdl.sarif'
check "GITHUB_PATH has the built bdl" has "$s/github_path" "$repo"
check "SARIF written with the E0406" has bdl.sarif '"ruleId":	"E0406"'
if [ -f "$SARIF_SCHEMA" ]; then
    check "the SARIF file is valid SARIF 2.1.0" "$PYTHON" "$repo/tests/validate_json.py" "$SARIF_SCHEMA" bdl.sarif >/dev/null
else
    fail "$SARIF_SCHEMA not found"
fi
sum=$s/github_step_summary
check "summary: kaizhou's diff under its name" has "$sum" '## bdl diff: `specs/kaizhou.bdl`'
check "summary: the changed figure" has "$sum" '| changed | `by_function.health` `卫生健康支出` | [2026] 13.4 → 13.5 (+0.1) | 万元 |'
check "summary: the check that now fails" has "$sum" '| `total of by_function` | 2026 | passed | **failed** |'
check "summary: the new spec" has "$sum" 'A new spec: not in origin/main.'
check "summary: a layout change is no change" grep -A2 -F '## bdl diff: `specs/small.bdl`' "$sum" -q
check "summary: ... and says so" test "$(grep -A2 -F '## bdl diff: `specs/small.bdl`' "$sum" | tail -n 1)" = "No semantic changes."
check "the base branch was fetched" git rev-parse -q --verify refs/remotes/origin/main >/dev/null
check "the runner's temporary files were removed" test -z "$(ls "$s/runner_temp")"

git_ checkout -q main
gh "$tmp/gh-push" --input specs='specs/**/*.bdl' --event push
status=$?
check "action on a push of a clean main: exit 0, not $status" [ $status = 0 ]
check "push: the action's output sarif" has "$tmp/gh-push/err" 'output sarif=bdl.sarif'
check "push: no annotation" test -z "$(grep '^::' "$tmp/gh-push/out")"
check "push: no summary" test ! -s "$tmp/gh-push/github_step_summary"
check "push: an empty SARIF run" "$PYTHON" -c 'import json,sys; sys.exit(json.load(open("bdl.sarif"))["runs"][0]["results"] != [])'
# shellcheck disable=SC2016
gh "$tmp/gh-evil" --input specs='$(touch pwned) specs/*.bdl' --event push
status=$?
check "a spec pattern is not run as a command" test ! -e pwned
check "an unmatched pattern fails the action (exit 2, not $status)" [ $status = 2 ]
check "... with an annotation" has "$tmp/gh-evil/out" "::error title=bdl::no spec matches '\$(touch'"
rm -f bdl.sarif
git_ checkout -q pr

# --- the GitLab template ----------------------------------------------------------------
gl() { # gl OUT JOB VARS...: one job of the template in the current directory
    local out=$1 job=$2; shift 2
    "$PYTHON" "$repo/tests/ci_runner.py" gitlab "$repo/ci/gitlab/bdl.gitlab-ci.yml" "$job" "$@" >"$out" 2>&1
}
template_job() { "$PYTHON" -c 'import sys, yaml; t = yaml.safe_load(open(sys.argv[1])); print(eval(sys.argv[2]))' \
    "$repo/ci/gitlab/bdl.gitlab-ci.yml" "$1"; }
PATH="$repo:$PATH" gl "$tmp/gl-check" bdl-check --var BDL_SPECS='specs/*.bdl'
status=$?
check "bdl-check on the merge request: exit 1, not $status" [ $status = 1 ]
check "bdl-check: the report is GitLab's format" \
    "$PYTHON" "$repo/tests/validate_json.py" "$CODEQUALITY_SCHEMA" gl-code-quality-report.json >/dev/null
check "bdl-check: the report has the E0406 at specs/kaizhou.bdl" "$PYTHON" -c '
import json, sys
issues = json.load(open("gl-code-quality-report.json"))
sys.exit(not any(i["check_name"] == "E0406" and i["location"]["path"] == "specs/kaizhou.bdl" for i in issues))'
check "bdl-check: the log has the diagnostic" has "$tmp/gl-check" 'error[E0406]'
check "bdl-check: the log names the unformatted spec" has "$tmp/gl-check" 'specs/small.bdl'
check "bdl-check: the template hands GitLab the report it writes" \
    test "$(template_job 't["bdl-check"]["artifacts"]["reports"]["codequality"]')" = gl-code-quality-report.json
check "bdl-check: the report is kept when the job fails" test "$(template_job 't["bdl-check"]["artifacts"]["when"]')" = always
rm -f gl-code-quality-report.json

PATH="$repo:$PATH" gl "$tmp/gl-diff" bdl-diff --var BDL_SPECS='specs/*.bdl' \
    --var CI_PIPELINE_SOURCE=merge_request_event --var CI_MERGE_REQUEST_TARGET_BRANCH_NAME=main
status=$?
check "bdl-diff: exit 0, not $status" [ $status = 0 ]
check "bdl-diff: the changed figure" has bdl-diff.md '| changed | `by_function.health` `卫生健康支出` | [2026] 13.4 → 13.5 (+0.1) | 万元 |'
check "bdl-diff: the new spec" has bdl-diff.md '## bdl diff: `specs/new.bdl`'
check "bdl-diff: runs only on merge requests" \
    test "$(template_job 't["bdl-diff"]["rules"][0]["if"]')" = '$CI_PIPELINE_SOURCE == "merge_request_event"'
rm -f bdl-diff.md

# Without a bdl on the PATH the template clones BDL_REPOSITORY (here this repository, its
# last commit) and builds it.
git_ checkout -q main
if PATH=/usr/bin:/bin command -v bdl >/dev/null; then
    echo "note: a bdl is installed in /usr/bin, so the template's build from BDL_REPOSITORY is not tested"
else
    mkdir "$tmp/gltmp"
    PATH=/usr/bin:/bin TMPDIR=$tmp/gltmp gl "$tmp/gl-build" bdl-check --var BDL_SPECS='specs/*.bdl' \
        --var BDL_REPOSITORY="file://$repo"
    status=$?
    check "bdl-check building bdl: exit 0 on a clean main, not $status" [ $status = 0 ]
    [ $status = 0 ] || tail -n 20 "$tmp/gl-build"
    check "bdl-check building bdl: it built bdl from BDL_REPOSITORY" test -x "$tmp/gltmp/bdl-src/bdl"
    check "bdl-check on a clean main: an empty report" test "$(cat gl-code-quality-report.json)" = "[]"
    rm -f gl-code-quality-report.json
fi
git_ checkout -q pr

# --- pre-commit -------------------------------------------------------------------------
if command -v pre-commit >/dev/null; then
    cp "$repo/examples/kaizhou-2026.bdl" ok.bdl
    hook() { # hook ID FILE: the hook's exit status; its output in $tmp/hook
        PRE_COMMIT_HOME=$tmp/pre-commit PATH="$repo:$PATH" pre-commit try-repo "$repo" "$1" --files "$2" >"$tmp/hook" 2>&1
    }
    hook bdl-fmt ok.bdl;              check "pre-commit bdl-fmt passes a formatted spec" [ $? = 0 ]
    hook bdl-fmt specs/small.bdl;     check "pre-commit bdl-fmt fails an unformatted one" [ $? = 1 ]
    check "pre-commit bdl-fmt names it" has "$tmp/hook" 'specs/small.bdl'
    hook bdl-check ok.bdl;            check "pre-commit bdl-check passes the seed" [ $? = 0 ]
    hook bdl-check specs/kaizhou.bdl; check "pre-commit bdl-check fails a spec with an error" [ $? = 1 ]
    check "pre-commit bdl-check shows the diagnostic" has "$tmp/hook" 'error[E0406]'
    rm -f ok.bdl
else
    fail "pre-commit is not installed (make deps-test installs it)"
fi

# --- git: the textconv diff driver and the merge recipe ---------------------------------
git_ checkout -q main
echo '*.bdl text eol=lf diff=bdl' >.gitattributes
git config diff.bdl.textconv "$repo/bdl fmt"
sed -i 's/^    b "乙" 2$/    b    "乙"    2/' specs/small.bdl
check "textconv: a layout-only change shows no hunk" test -z "$(git diff -- specs/small.bdl)"
check "textconv: ... which git without it shows" test -n "$(git diff --no-textconv -- specs/small.bdl)"
sed -i 's/^    b    "乙"    2$/    b "乙" 5/' specs/small.bdl
check "textconv: a changed figure shows" grep -q '^+    b "乙" 5$' <(git diff -- specs/small.bdl)
git_ checkout -q -- specs/small.bdl

# Two branches edit one group: one renames an item (the alignment moves every line), the
# other changes a figure and the total. A plain merge conflicts; ignoring changes of
# blanks it merges, and bdl fmt -w puts the columns right.
cat >specs/merge.bdl <<'EOF'
unit 元

budget m {
  unit 元
  group g = 15 {
    a "甲" 1
    b "乙" 2
    c "丙" 3
    d "丁" 4
    e "戊" 5
  }
}
EOF
git_ add . && git_ commit -qm "merge base"
git_ checkout -qb rename && sed -i 's/^    d "丁" 4$/    d_renamed "丁" 4/' specs/merge.bdl && "$repo/bdl" fmt -w specs/merge.bdl
git_ commit -qam rename
git_ checkout -q main && git_ checkout -qb figure && sed -i 's/"乙" 2$/"乙" 20/; s/= 15 {/= 33 {/' specs/merge.bdl
"$repo/bdl" fmt -w specs/merge.bdl && git_ commit -qam figure
if git_ merge -q rename -m merged >/dev/null 2>&1; then fail "the plain merge was expected to conflict"; else pass; fi
git_ merge --abort
check "merge -Xignore-space-change" git_ merge -q -Xignore-space-change rename -m merged
check "bdl fmt -w after the merge" "$repo/bdl" fmt -w specs/merge.bdl
check "the merged spec has both edits and checks" "$repo/bdl" check -q specs/merge.bdl
check "... both edits" grep -q 'd_renamed' specs/merge.bdl
check "... both edits, aligned" grep -qE '^    b +"乙" 20$' specs/merge.bdl

cd "$repo" || exit 2
echo "ci: $passed passed, $failed failed"
[ $failed -eq 0 ]
