"""The code-host pipeline: workflow and pre-commit files are valid and run what they claim to run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml
from conftest import FIXTURES, ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def load(name: str) -> dict:
    data = yaml.safe_load((WORKFLOWS / name).read_text("utf-8"))
    data["on"] = data.pop(True, data.get("on"))  # YAML 1.1 reads the key `on` as true
    return data


def all_runs(workflow: dict) -> str:
    return "\n".join(step.get("run", "") for job in workflow["jobs"].values() for step in job.get("steps", []))


def test_workflows_are_well_formed():
    for path in WORKFLOWS.glob("*.yml"):
        data = load(path.name)
        assert data["name"] and data["on"] and data["jobs"], path
        for job_id, job in data["jobs"].items():
            assert "runs-on" in job and job["steps"], (path, job_id)
            for step in job["steps"]:
                assert ("uses" in step) != ("run" in step), (path, job_id, step)
                if "uses" in step:
                    assert "@v" in step["uses"], f"{step['uses']} is not pinned to a version"


def test_pull_request_workflow_checks_builds_tests_and_previews():
    data = load("pull-request.yml")
    assert "pull_request" in data["on"]
    runs = all_runs(data)
    for command in (
        "python -m macros check --github",
        "python -m macros schemas --check",
        "./scripts/build.sh",
        "python -m pytest",
        "apt-get install -y --no-install-recommends chromium",
    ):
        assert command in runs, command
    uses = [s["uses"] for s in data["jobs"]["check"]["steps"] if "uses" in s]
    assert any(u.startswith("actions/upload-artifact@") for u in uses)


def test_publish_workflow_deploys_main_to_pages():
    data = load("publish.yml")
    assert data["on"]["push"]["branches"] == ["main"]
    # Least privilege: only the deploy job may write to Pages and get the OIDC token; the build job, which
    # runs the repository's code, and the workflow as a whole may not.
    writes = {"pages": "write", "id-token": "write"}
    assert not writes.items() & data.get("permissions", {}).items()
    assert not writes.items() & data["jobs"]["build"].get("permissions", {}).items()
    assert data["jobs"]["deploy"]["permissions"] == writes
    assert "./scripts/build.sh" in all_runs(data)
    assert any(s.get("uses", "").startswith("actions/deploy-pages@") for s in data["jobs"]["deploy"]["steps"])


def test_pre_commit_runs_the_data_check():
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text("utf-8"))
    entries = [h["entry"] for repo in config["repos"] if repo["repo"] == "local" for h in repo["hooks"]]
    assert "python -m macros check" in entries and "python -m macros schemas --check" in entries


def test_annotations_and_summary_for_the_pull_request(data_copy, tmp_path):
    shutil.copy(FIXTURES / "errors" / "unknown-field.yaml", data_copy / "policies" / "unknown-field.yaml")
    summary = tmp_path / "summary.md"
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check", "--root", str(data_copy), "--github"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=dict(os.environ, GITHUB_STEP_SUMMARY=str(summary)),
    )
    assert result.returncode == 1
    assert "::error file=policies/unknown-field.yaml,line=4,title=titel::ukendt felt 'titel'." in result.stdout
    table = summary.read_text("utf-8")
    assert table.startswith("### Datatjek: 1 fejl")
    assert "| `policies/unknown-field.yaml` | 4 | `titel` | ukendt felt 'titel'." in table


def test_a_failed_build_keeps_the_previous_site(tmp_path):
    """scripts/build.sh swaps in the new site only when the whole build succeeded."""
    work = tmp_path / "repo"
    skip = shutil.ignore_patterns(".venv", ".git", "__pycache__", "*.egg-info")

    def ignore(folder: str, names: list[str]) -> set[str]:  # the built site/, not the package's macros/site/
        return set(skip(folder, names)) | (
            {"site", "site.new", "site.old"} & set(names) if Path(folder) == ROOT else set()
        )

    shutil.copytree(ROOT, work, ignore=ignore)
    env = dict(os.environ, PYTHON=sys.executable)
    first = subprocess.run(["bash", "scripts/build.sh"], cwd=work, capture_output=True, text=True, env=env)
    assert first.returncode == 0, first.stderr
    assert (work / "site" / "index.html").exists()
    shutil.copy(FIXTURES / "errors" / "unknown-field.yaml", work / "policies" / "unknown-field.yaml")
    second = subprocess.run(["bash", "scripts/build.sh"], cwd=work, capture_output=True, text=True, env=env)
    assert second.returncode != 0
    assert (work / "site" / "index.html").exists() and not (work / "site.new").exists()
    # Data that passes the check, and a page whose link leads nowhere: the strict build itself refuses, says why,
    # and the site built first stays.
    (work / "policies" / "unknown-field.yaml").unlink()
    (work / "content" / "testside.md").write_text("# Test\n\n[x](findes-ikke.md)\n", "utf-8")
    before = (work / "site" / "index.html").read_bytes()
    third = subprocess.run(["bash", "scripts/build.sh"], cwd=work, capture_output=True, text=True, env=env)
    assert third.returncode != 0
    assert "findes-ikke.md" in third.stdout + third.stderr and "det forrige site er urørt" in third.stderr
    assert (work / "site" / "index.html").read_bytes() == before and not (work / "site.new").exists()


def test_build_sh_checks_the_data_it_builds_from_site_data_dir(tmp_path):
    """With SITE_DATA_DIR, scripts/build.sh checks that folder (not only the repository's data) before building,
    so an editor's mistake there is reported once, with its file, and nothing is built."""
    from conftest import copy_data

    data = copy_data(tmp_path / "data")
    shutil.copy(FIXTURES / "errors" / "unknown-field.yaml", data / "policies" / "unknown-field.yaml")
    env = dict(os.environ, PYTHON=sys.executable, SITE_DATA_DIR=str(data))
    site = ROOT / "site"
    before = sorted(site.rglob("*")) if site.exists() else None
    run = subprocess.run(["bash", "scripts/build.sh"], cwd=ROOT, capture_output=True, text=True, env=env)
    said = run.stdout + run.stderr
    assert run.returncode != 0
    assert said.count("unknown-field.yaml") >= 1 and "ukendt felt 'titel'" in said
    assert "Sitet kunne ikke bygges" not in said and "Del 1/" not in said  # stopped at the check: nothing built
    assert (sorted(site.rglob("*")) if site.exists() else None) == before
