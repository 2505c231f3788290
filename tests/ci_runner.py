#!/usr/bin/env python3
"""Runs the repository's CI integrations on this machine, as their hosts would.

usage: ci_runner.py github ACTION_DIR [--input NAME=VALUE]... [--event EVENT] [--base-ref REF]
       ci_runner.py gitlab TEMPLATE JOB [--var NAME=VALUE]...

github: the steps of ACTION_DIR/action.yml (a composite action), in the current directory,
the way a runner does: `bash --noprofile --norc -eo pipefail` per step, the step's env with
its ${{ }} expressions evaluated, GITHUB_OUTPUT, GITHUB_PATH, GITHUB_STEP_SUMMARY and
RUNNER_TEMP set to files and a folder in the directory $BDL_CI_STATE (github_output,
github_path, github_step_summary, runner_temp), which the caller then reads; the
action's outputs are printed as "output NAME=VALUE" on standard error. Only the expressions the action is
allowed to use are known; any other, or an expression inside a script, is an error, so
the action cannot grow a script injection unnoticed.

gitlab: one job of TEMPLATE (its `extends` resolved, global then job variables, then
--var), before_script and script run as one `bash -eo pipefail` script, the way GitLab's
shell executor runs them.

Exits with the status of the first failing step (or the job's).
"""
import os
import re
import subprocess
import sys

import yaml

EXPR = re.compile(r"\$\{\{\s*([^}]*?)\s*\}\}")


def parse_pairs(args, flag):
    pairs, rest = {}, []
    i = 0
    while i < len(args):
        if args[i] == flag and i + 1 < len(args):
            name, _, value = args[i + 1].partition("=")
            pairs[name] = value
            i += 2
        else:
            rest.append(args[i])
            i += 1
    return pairs, rest


def option(args, flag, default):
    if flag in args:
        i = args.index(flag)
        value = args[i + 1]
        del args[i : i + 2]
        return value
    return default


def evaluate(text, context):
    def one(match):
        name = match.group(1)
        if name not in context:
            raise SystemExit(f"ci_runner: unknown expression ${{{{ {name} }}}} in action.yml")
        return context[name]

    return EXPR.sub(one, str(text))


def run_github(action_dir, args):
    inputs, args = parse_pairs(args, "--input")
    event = option(args, "--event", "push")
    base_ref = option(args, "--base-ref", "")
    with open(os.path.join(action_dir, "action.yml"), encoding="utf-8") as f:
        action = yaml.safe_load(f)
    if action["runs"]["using"] != "composite":
        raise SystemExit("ci_runner: not a composite action")
    context = {
        "github.action_path": os.path.abspath(action_dir),
        "github.event_name": event,
        "github.base_ref": base_ref,
    }
    for name, spec in action.get("inputs", {}).items():
        if spec.get("required") and name not in inputs:
            raise SystemExit(f"ci_runner: input {name} is required")
        context[f"inputs.{name}"] = inputs.get(name, str(spec.get("default", "")))
    unknown = set(inputs) - set(action.get("inputs", {}))
    if unknown:
        raise SystemExit(f"ci_runner: the action has no input {', '.join(sorted(unknown))}")

    state = os.environ["BDL_CI_STATE"]
    files = {name: os.path.join(state, name.lower()) for name in
             ("GITHUB_OUTPUT", "GITHUB_PATH", "GITHUB_STEP_SUMMARY")}
    for path in files.values():
        open(path, "w").close()
    runner_temp = os.path.join(state, "runner_temp")
    os.makedirs(runner_temp, exist_ok=True)
    base_env = dict(os.environ, **files, RUNNER_TEMP=runner_temp, GITHUB_ACTIONS="true",
                    GITHUB_EVENT_NAME=event, GITHUB_BASE_REF=base_ref)
    for step in action["runs"]["steps"]:
        script = step["run"]
        if EXPR.search(script):
            raise SystemExit(f"ci_runner: step '{step.get('name')}' pastes an expression into its script")
        if step.get("shell") != "bash":
            raise SystemExit(f"ci_runner: step '{step.get('name')}' must say shell: bash")
        env = dict(base_env)
        env.update({k: evaluate(v, context) for k, v in step.get("env", {}).items()})
        print(f"ci_runner: step '{step.get('name')}'", file=sys.stderr, flush=True)
        status = subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                                env=env).returncode
        if status != 0:
            return status
        step_id = step.get("id")
        if step_id:
            with open(files["GITHUB_OUTPUT"], encoding="utf-8") as f:
                for line in f:
                    name, _, value = line.rstrip("\n").partition("=")
                    context[f"steps.{step_id}.outputs.{name}"] = value
    for name, spec in action.get("outputs", {}).items():
        print(f"output {name}={evaluate(spec['value'], context)}", file=sys.stderr)
    return 0


def resolve(template, job):
    spec = template[job]
    parent = spec.get("extends")
    if not parent:
        return dict(spec)
    merged = resolve(template, parent)
    merged.update({k: v for k, v in spec.items() if k != "extends"})
    return merged


def lines(value):
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def run_gitlab(template_path, job, args):
    variables, args = parse_pairs(args, "--var")
    with open(template_path, encoding="utf-8") as f:
        template = yaml.safe_load(f)
    spec = resolve(template, job)
    env = dict(os.environ)
    env.update({k: str(v) for k, v in template.get("variables", {}).items()})
    env.update({k: str(v) for k, v in spec.get("variables", {}).items()})
    env.update(variables)
    script = "\n".join(lines(spec.get("before_script")) + lines(spec.get("script")))
    return subprocess.run(["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", script],
                          env=env).returncode


def main(argv):
    if len(argv) >= 3 and argv[1] == "github":
        return run_github(argv[2], argv[3:])
    if len(argv) >= 4 and argv[1] == "gitlab":
        return run_gitlab(argv[2], argv[3], argv[4:])
    print(__doc__, file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
