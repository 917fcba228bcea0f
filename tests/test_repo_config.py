"""The repository's CI and hosting configuration agrees with the Makefile.

The workflow, the Read the Docs file and the pre-commit hooks are only exercised on
GitHub or Read the Docs; these checks catch, locally and in milliseconds, the mistakes
that would otherwise show up there: a renamed make target, an artifact path that no
longer matches the build output, a key Read the Docs rejects.  No network, no builds.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
MAKEFILE = ROOT / "Makefile"
WORKFLOW = ROOT / ".github" / "workflows" / "docs.yml"
READTHEDOCS = ROOT / ".readthedocs.yaml"
PRE_COMMIT = ROOT / ".pre-commit-config.yaml"

#: Keys of Read the Docs' config file v2 (None: any value), from its published schema:
#: https://docs.readthedocs.io/en/stable/config-file/v2.html and
#: https://github.com/readthedocs/readthedocs.org/blob/main/readthedocs/rtd_tests/fixtures/spec/v2/schema.json
#: Read the Docs fails a build on any other key.
_JOBS = ["post_checkout", "pre_system_dependencies", "post_system_dependencies", "pre_create_environment"]
_JOBS += ["create_environment", "post_create_environment", "pre_install", "install", "post_install"]
_JOBS += ["pre_build", "post_build"]
RTD_SCHEMA: dict[str, Any] = {
    "version": None,
    "formats": None,
    "conda": {"environment": None},
    "build": {
        "os": None,
        "tools": dict.fromkeys(["python", "nodejs", "ruby", "rust", "golang"]),
        "jobs": {**dict.fromkeys(_JOBS), "build": dict.fromkeys(["html", "htmlzip", "pdf", "epub"])},
        "apt_packages": None,
        "commands": None,
    },
    "python": {"install": None},
    "sphinx": dict.fromkeys(["builder", "configuration", "fail_on_warning"]),
    "mkdocs": dict.fromkeys(["configuration", "fail_on_warning"]),
    "submodules": dict.fromkeys(["include", "exclude", "recursive"]),
    "search": dict.fromkeys(["ranking", "ignore"]),
}


def load_yaml(path: Path) -> dict[Any, Any]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert isinstance(data, dict), f"{path.relative_to(ROOT)}: top level is not a mapping"
    return data


def makefile_text() -> str:
    # Continuation lines joined, so a wrapped .PHONY or prerequisite list reads as one line.
    return MAKEFILE.read_text(encoding="utf-8").replace("\\\n", " ")


def makefile_targets() -> set[str]:
    """Explicit rule targets and .PHONY names (not `$(VAR):` file rules, not `:=` assignments)."""
    targets: set[str] = set()
    for line in makefile_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_.][^:=#\t$]*?)\s*::?(?!=)(.*)$", line):
            names, rest = match.group(1).split(), match.group(2)
            if names == [".PHONY"]:
                targets.update(rest.split("#")[0].split())
            else:
                targets.update(names)
    return targets - {".PHONY"}


def makefile_default_goal() -> str:
    """The first explicit target: what a bare `make` builds."""
    for line in makefile_text().splitlines():
        if match := re.match(r"^([A-Za-z0-9_][^:=#\t$.]*?)\s*:(?!=)", line):
            return match.group(1).split()[0]
    raise AssertionError("Makefile has no explicit target")


def makefile_variables() -> dict[str, str]:
    """Simple variable assignments with $(VAR) references expanded."""
    raw: dict[str, str] = {}
    for line in makefile_text().splitlines():
        if match := re.match(r"^([A-Za-z_][A-Za-z0-9_]*)\s*(?::=|\?=|=)\s*(.*?)\s*$", line):
            raw[match.group(1)] = match.group(2)

    def expand(value: str, depth: int = 0) -> str:
        assert depth < 10, f"Makefile variables refer to each other in a loop: {value}"
        return re.sub(r"\$\((\w+)\)", lambda m: expand(raw.get(m.group(1), ""), depth + 1), value)

    return {name: expand(value) for name, value in raw.items()}


def workflow_jobs() -> dict[str, dict[str, Any]]:
    jobs = load_yaml(WORKFLOW).get("jobs")
    assert isinstance(jobs, dict) and jobs, "the workflow defines no jobs"
    return jobs


def workflow_steps() -> list[dict[str, Any]]:
    return [step for job in workflow_jobs().values() for step in job.get("steps", [])]


def make_goals(command: str) -> list[str]:
    """The goals of every `make` in a shell snippet; a bare `make` means the default goal."""
    goals: list[str] = []
    for line in command.splitlines():
        for part in re.split(r"&&|\|\||;", line):
            words = shlex.split(part, comments=True)
            if not words or words[0] != "make":
                continue
            named = [w for w in words[1:] if not w.startswith("-") and "=" not in w]
            goals.extend(named or [makefile_default_goal()])
    return goals


def test_config_files_parse_as_yaml() -> None:
    """A YAML syntax error would only surface on GitHub or Read the Docs."""
    for path in (WORKFLOW, READTHEDOCS):
        assert path.is_file(), f"{path.relative_to(ROOT)} is missing"
        load_yaml(path)


def test_workflow_triggers_and_limits() -> None:
    """Runs for pull requests and pushes to main, cancels superseded runs, cannot hang forever."""
    workflow = load_yaml(WORKFLOW)
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` key as True
    assert isinstance(triggers, dict), "the workflow has no `on:` mapping"
    assert "pull_request" in triggers
    assert "main" in (triggers.get("push") or {}).get("branches", [])
    assert workflow.get("concurrency", {}).get("cancel-in-progress"), "superseded runs are not cancelled"
    for name, job in workflow_jobs().items():
        assert isinstance(job.get("timeout-minutes"), int), f"job {name} has no timeout-minutes"


def test_workflow_make_targets_exist() -> None:
    """Every `make X` the workflow runs is a target of the Makefile (a rename breaks CI otherwise)."""
    targets = makefile_targets()
    goals = [goal for step in workflow_steps() for goal in make_goals(step.get("run", ""))]
    assert goals, "the workflow runs no make targets"
    assert "check" in goals, "the workflow does not run the contributor checks (`make check`)"
    missing = sorted(set(goals) - targets)
    assert not missing, f"workflow runs make targets the Makefile lacks: {missing}"


def test_workflow_installs_node_before_make() -> None:
    """`make setup` runs `npm ci` in tools/node, so Node must be there before the first `make`."""
    for step in workflow_steps():
        uses, run = step.get("uses", ""), step.get("run", "")
        if uses.startswith("actions/setup-node@") or re.search(r"apt-get install .*\bnodejs\b", run):
            return
        assert not make_goals(run), f"`{run.strip()}` runs before Node is installed"
    raise AssertionError("the workflow never installs Node")


def test_workflow_uploads_the_makefile_outputs() -> None:
    """The artifacts are exactly the Makefile's HTML folder and PDF, uploaded only after a good build."""
    variables = makefile_variables()
    expected = {variables["HTML"], variables["PDF"]}
    assert variables["PDF"].startswith(variables["LATEX"] + "/")
    uploads = [s for s in workflow_steps() if s.get("uses", "").startswith("actions/upload-artifact@v4")]
    paths = {line.strip() for s in uploads for line in str(s.get("with", {}).get("path", "")).splitlines()}
    assert paths == expected, f"uploaded {sorted(paths)}, the Makefile builds {sorted(expected)}"
    for step in uploads:
        condition = str(step.get("if", ""))
        assert "always()" not in condition and "failure()" not in condition, "uploads a failed build"


def test_workflow_runs_in_debian_bookworm_python_311() -> None:
    """tools/setup/system-packages.sh needs apt and Debian's chromium; requirements.lock is for 3.11."""
    for name, job in workflow_jobs().items():
        container = job.get("container")
        image = container.get("image") if isinstance(container, dict) else container
        assert isinstance(image, str), f"job {name} does not run in a container"
        assert re.fullmatch(r"python:3\.11(\.\d+)?-bookworm", image), f"job {name}: {image}"


def _unknown_keys(data: Any, schema: dict[str, Any] | None, where: str) -> list[str]:
    if schema is None or not isinstance(data, dict):
        return []
    unknown = [f"{where}{key}" for key in data if key not in schema]
    for key, value in data.items():
        if key in schema:
            unknown += _unknown_keys(value, schema[key], f"{where}{key}.")
    return unknown


def test_readthedocs_config() -> None:
    """Version 2, only documented keys, builds docs/ into the published HTML folder."""
    config = load_yaml(READTHEDOCS)
    assert config.get("version") == 2
    assert not _unknown_keys(config, RTD_SCHEMA, ""), _unknown_keys(config, RTD_SCHEMA, "")
    build = config.get("build", {})
    assert build.get("os"), "build.os is required with build.jobs or build.commands"
    jobs = build.get("jobs", {})
    commands = [
        *build.get("commands", []),
        *(c for job in jobs.values() if isinstance(job, list) for c in job),
    ]
    commands += [c for fmt in (jobs.get("build") or {}).values() for c in fmt]
    configured = (config.get("sphinx") or {}).get("configuration") == "docs/conf.py"
    builds_docs = any(re.search(r"sphinx(-build|\s).*\sdocs/?\s", c) for c in commands)
    assert configured or builds_docs, "neither sphinx.configuration nor a command points at docs/"
    if commands:  # a custom build must write where Read the Docs publishes from
        assert any("$READTHEDOCS_OUTPUT/html" in c for c in commands)
    if "pdf" in (config.get("formats") or []) and build.get("commands"):  # no default PDF build then
        assert any("$READTHEDOCS_OUTPUT/pdf" in c for c in build["commands"])


def test_readthedocs_matches_ci_python() -> None:
    """Read the Docs installs the same pinned set as CI, so it must use the same Python."""
    config = load_yaml(READTHEDOCS)
    python = str(config.get("build", {}).get("tools", {}).get("python", ""))
    assert python == "3.11", f"build.tools.python is {python!r}; requirements.lock is frozen for 3.11"
    assert "requirements.lock" in READTHEDOCS.read_text(encoding="utf-8")


def test_pre_commit_hooks() -> None:
    """The hooks CONTRIBUTING promises: ruff lint, ruff format and the project's own check."""
    if not PRE_COMMIT.is_file():
        pytest.skip(".pre-commit-config.yaml not written yet")
    config = load_yaml(PRE_COMMIT)
    ids = {hook.get("id") for repo in config.get("repos", []) for hook in repo.get("hooks", [])}
    missing = {"ruff", "ruff-format", "dangjian-check"} - ids
    assert not missing, f".pre-commit-config.yaml lacks hooks {sorted(missing)}"
