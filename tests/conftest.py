"""Shared fixtures: the repository root, a scratch copy of the data, one strict build of the real site (and one
with and one without a repository address), and one Chromium per test worker with the real site served to it."""

from __future__ import annotations

import ast
import contextlib
import functools
import io
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
DATA_FOLDERS = ("municipalities", "policies", "offers", "contacts", "vocabularies", "about")
# The repository address of linked_site (REPO_URL → mkdocs.yml repo_url): every page carries its edit link.
REPO = "https://github.com/eksempel/udsatte-site"


def copy_data(target: Path) -> Path:
    """A copy of the real data below `target`, to change freely in a test."""
    for folder in DATA_FOLDERS:
        source = ROOT / folder
        if source.is_dir():
            shutil.copytree(source, target / folder)
        else:
            (target / folder).mkdir(parents=True)
    return target


def copy_site(target: Path, *, config: bool = True) -> Path:
    """A copy of the whole site below `target` (the data, content/, overrides/, macros/ and, with `config`,
    mkdocs.yml), to build with a change that the repository's own files must not see."""
    copy_data(target)
    for name in ("content", "overrides", "macros"):  # mkdocs.yml names them all
        shutil.copytree(ROOT / name, target / name, ignore=shutil.ignore_patterns("__pycache__"))
    if config:
        shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def add_fixture(data_dir: Path, fixture: str, new_id: str | None = None) -> str:
    """Copy tests/fixtures/<kind>_<variation>.yaml into the data folder as <id>.yaml; return the id."""
    import yaml

    text = (FIXTURES / fixture).read_text("utf-8")
    old_id = yaml.safe_load(text)["id"]
    if new_id:
        text = text.replace(f"id: {old_id}", f"id: {new_id}", 1)
    folder = {"offer": "offers", "contact": "contacts", "policy": "policies", "municipality": "municipalities"}[
        fixture.split("_")[0]
    ]
    (data_dir / folder / f"{new_id or old_id}.yaml").write_text(text, "utf-8")
    return new_id or old_id


def run_check(root: Path) -> subprocess.CompletedProcess:
    """`python -m macros check --root <root>`, run in this process: the command's own main() (macros/tools/cli.py)
    from the repository's folder, its output captured. The same as the command without a Python start and the
    imports per check (test_statement.py and test_edit_links.py run the command itself)."""
    from macros.tools.cli import main

    args = ["check", "--root", str(root)]
    out, err = io.StringIO(), io.StringIO()
    with contextlib.chdir(ROOT), contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(args)
    return subprocess.CompletedProcess([sys.executable, "-m", "macros", *args], code, out.getvalue(), err.getvalue())


def run_build(
    site_dir: Path,
    data_dir: Path | None = None,
    environment: dict[str, str | None] | None = None,
    site_url: str | None = None,
    config_file: Path | None = None,
) -> subprocess.CompletedProcess:
    """`mkdocs build --strict` of the repository's site into `site_dir`, optionally from other data, for another
    published address (SITE_URL, whose path is the site's base path), with environment variables set (or,
    given as None, removed), and from another configuration (a copy of mkdocs.yml beside changed pages)."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if data_dir is not None:
        env["SITE_DATA_DIR"] = str(data_dir)
    if site_url is not None:
        env["SITE_URL"] = site_url
    for name, value in (environment or {}).items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return subprocess.run(
        [
            *(sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)),
            *(("-f", str(config_file)) if config_file else ()),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )


@pytest.fixture(scope="session", autouse=True)
def record_cache_dir(tmp_path_factory) -> Path:
    """The record cache of every check and build in the tests (subprocesses inherit it): never the user's."""
    folder = tmp_path_factory.mktemp("cache")
    os.environ["XDG_CACHE_HOME"] = str(folder)
    return folder


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    return copy_data(tmp_path / "data")


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    """The real site, built once per test worker as it is published: `mkdocs build --strict` with a repository
    address (the environment's REPO_URL, else REPO), so every page has its edit link and the header its
    repository link. Tests only read it."""
    site = tmp_path_factory.mktemp("site")
    result = run_build(site, environment={"REPO_URL": os.environ.get("REPO_URL") or REPO})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def linked_site(request, tmp_path_factory) -> Path:
    """The real site built with the repository address REPO: every page has its edit link. Tests only read it.

    The shared build where the environment sets no other address, else a build of its own."""
    if os.environ.get("REPO_URL", REPO) == REPO:
        return request.getfixturevalue("built_site")
    site = tmp_path_factory.mktemp("linked-site")
    result = run_build(site, environment={"REPO_URL": REPO})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def unlinked_site(tmp_path_factory) -> Path:
    """The real site built without a repository address (REPO_URL unset): no edit links. Tests only read it."""
    site = tmp_path_factory.mktemp("unlinked-site")
    result = run_build(site, environment={"REPO_URL": None})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium per test worker (browser.launch), shared by every browser test: each test opens
    its pages in fresh contexts (browser.open_page), so nothing is shared between tests but the program."""
    from browser import launch

    with launch() as browser:
        yield browser


@pytest.fixture(scope="session")
def site_url(built_site):
    """The base URL (no trailing slash) at which the shared build is served on 127.0.0.1 (browser.serve)."""
    from browser import serve

    with serve(built_site) as url:
        yield url


# --- tiers: unit, build, browser ------------------------------------------------------------------------------
# Each test is marked by what it needs, found by reading its code: `browser` if it (or a fixture or helper it
# uses, in its module or here) starts Chromium; else `build` if it builds the site, runs the check on a data
# folder (run_check) or runs another program; else `unit`. `pytest -m unit` is the fast tier (scripts/check.sh).
# A module or a test may set one of the marks itself; that one wins.

TIERS = ("unit", "build", "browser")
_BROWSER_CALLS = {"launch", "open_page", "require_browser", "sync_playwright"}
_BUILD_CALLS = {
    "run_build",
    "run_check",
    "run",
    "Popen",
    "check_output",
    "check_call",
    "build_site",
    "run_linkchecker",
    "load_config",
}


def _calls(node: ast.AST) -> set[str]:
    """Names of what a function calls, and of the fixtures it asks for (its parameters)."""
    names = {a.arg for a in node.args.args} if isinstance(node, ast.FunctionDef) else set()
    for sub in ast.walk(node):
        if isinstance(sub, ast.Call):
            func = sub.func
            names.add(func.attr if isinstance(func, ast.Attribute) else getattr(func, "id", ""))
    return names


@functools.cache
def _module_tiers(path: str) -> dict[str, str]:
    """Function name → tier for every function of a test module, conftest's helpers included."""
    graph: dict[str, set[str]] = {}
    for source in (Path(__file__), Path(__file__).parent / "browser.py", Path(path)):
        for node in ast.walk(ast.parse(source.read_text("utf-8"))):
            if isinstance(node, ast.FunctionDef):
                graph[node.name] = graph.get(node.name, set()) | _calls(node)
    tiers: dict[str, str] = {}

    def tier(name: str, seen: frozenset[str] = frozenset()) -> str:
        if name in tiers:
            return tiers[name]
        reached = {name}
        todo = [name]
        while todo:
            for called in graph.get(todo.pop(), ()):
                if called in graph and called not in reached:
                    reached.add(called)
                    todo.append(called)
        called_names = set().union(*(graph.get(n, set()) for n in reached))
        found = (
            "browser"
            if called_names & _BROWSER_CALLS
            else "build"
            if called_names & _BUILD_CALLS or "built_site" in reached
            else "unit"
        )
        tiers[name] = found
        return found

    return {name: tier(name) for name in graph}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if any(item.get_closest_marker(t) for t in TIERS):
            continue
        name = getattr(item, "originalname", None) or item.name.split("[")[0]
        item.add_marker(getattr(pytest.mark, _module_tiers(str(item.path)).get(name, "build")))


# --- long tests first ------------------------------------------------------------------------------------------
# pytest-xdist's worksteal hands each of W workers a contiguous share of the collection (the first len // W tests,
# then a share of the rest, ...) and lets an idle worker take the second half of another's queue. A test marked
# `long` (a minute or more, in one piece) is moved to the head of a share, round robin, so every worker starts
# with its long tests and ends with short ones, which the other can take. Runs after `-m` has deselected.


class _LongTestsFirst:
    @pytest.hookimpl(trylast=True)
    def pytest_collection_modifyitems(self, items):
        workers = int(os.environ.get("PYTEST_XDIST_WORKER_COUNT", "1"))
        long = [item for item in items if item.get_closest_marker("long")]
        if workers < 2 or not long:
            return
        rest = [item for item in items if not item.get_closest_marker("long")]
        ordered: list = []
        left = len(items)
        for worker in range(workers):
            share = left // (workers - worker)
            left -= share
            heads = long[worker::workers]
            fill = max(0, share - len(heads))
            ordered += heads + rest[:fill]
            rest = rest[fill:]
        items[:] = ordered + rest


def pytest_configure(config):
    config.pluginmanager.register(_LongTestsFirst(), "long-tests-first")
