"""From any page to the file that makes it, and from there to a pull request: the edit links, the repository's
address configured once (REPO_URL → mkdocs.yml repo_url), and what happens without it."""

from __future__ import annotations

import html
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build
from sitetext import page, visible

REPO = "https://github.com/eksempel/udsatte-site"
EDIT = re.compile(
    r'<p class="page-edit"[^>]*><a href="([^"]+)" rel="edit">Ret denne side</a> i kodearkivet: '
    r"filen <code>([^<]+)</code>"
)
COMPOSITE = "Siden er sat sammen af mange filer"


@pytest.fixture(scope="module")
def linked_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("linked-site")
    result = run_build(site, environment={"REPO_URL": REPO})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


@pytest.fixture(scope="module")
def unlinked_site(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("unlinked-site")
    result = run_build(site, environment={"REPO_URL": None})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def edit_link(site: Path, url: str) -> tuple[str, str]:
    """(edit URL, file named) of a built page; fails if the page has none."""
    found = EDIT.search(page(site, url))
    assert found, f"{url} has no edit link"
    return html.unescape(found.group(1)), found.group(2)


def content_pages(site: Path) -> list[Path]:
    return [p for p in sorted(site.rglob("index.html")) if "<article" in p.read_text("utf-8")]


@pytest.mark.parametrize(
    ("url", "file"),
    [
        ("tilbud/roedovre-skaeve-boliger", "offers/roedovre-skaeve-boliger.yaml"),
        (
            f"politikker/{sorted(ROOT.glob('policies/*.yaml'))[0].stem}",
            f"policies/{sorted(ROOT.glob('policies/*.yaml'))[0].name}",
        ),
        (
            f"kontakter/{sorted(ROOT.glob('contacts/*.yaml'))[0].stem}",
            f"contacts/{sorted(ROOT.glob('contacts/*.yaml'))[0].name}",
        ),
        ("", "content/index.md"),
        ("redaktoer/ret-et-tilbud", "content/redaktoer/ret-et-tilbud.md"),
        ("tilbud/lovgrundlag", "content/tilbud/lovgrundlag.md"),
    ],
)
def test_a_page_links_to_the_file_that_makes_it(linked_site, url, file):
    target, named = edit_link(linked_site, url)
    assert target == f"{REPO}/edit/main/{file}"
    assert named == file and (ROOT / file).is_file()


def test_every_page_leads_to_its_file_or_says_it_is_made_of_many(linked_site):
    """Each edit link names a file that exists in the repository; a page with no file of its own (a theme, a
    municipality's start page) says where its parts are edited."""
    composite = []
    for file in content_pages(linked_site):
        html_text = file.read_text("utf-8")
        where = file.parent.relative_to(linked_site).as_posix()
        found = EDIT.search(html_text)
        if found:
            assert (ROOT / found.group(2)).is_file(), (where, found.group(2))
            assert html.unescape(found.group(1)) == f"{REPO}/edit/main/{found.group(2)}", where
        else:
            assert COMPOSITE in visible(html_text), f"{where} has neither an edit link nor the note"
            composite.append(where)
    municipalities = [p.stem for p in (ROOT / "municipalities").glob("*.yaml")]
    assert {f"ny-medarbejder/{m}" for m in municipalities} <= set(composite)
    assert not any(w.startswith(("tilbud/roedovre-", "politikker/roedovre-")) for w in composite)


def test_the_repository_link_requests_nothing_from_another_host(linked_site):
    """Material's repository link would fetch stars and forks from GitHub's API; ours is a plain link."""
    home = page(linked_site, "")
    assert f'<a href="{REPO}"' in home and "Kodearkiv" in visible(home)
    assert 'data-md-component="source"' not in home


def test_the_home_page_and_the_guide_lead_to_a_pull_request(linked_site):
    card = re.search(r"(?s)<strong>Redaktør</strong>.*?</li>", page(linked_site, "")).group(0)
    assert 'href="redaktoer/"' in card and 'href="redaktoer/ret-et-tilbud/"' in card
    assert "Om sitet" not in visible(card) and "Åbne data" not in visible(card)
    guide = visible(page(linked_site, "redaktoer"))
    assert REPO in guide and "Ret denne side" in guide
    steps = visible(page(linked_site, "redaktoer/ret-et-tilbud"))
    for step in (
        "Ret denne side",
        "Commit changes…",
        "Create a new branch for this commit and start a pull request",
        "Propose changes",
        "Create pull request",
        "Details",
        f"git clone {REPO}",
        "cd udsatte-site",
        "./scripts/serve.sh",
        "python -m macros check",
        "git push -u origin ret-skaeve-boliger",
    ):
        assert step in steps, step
    # The local recipe in the order it works: the venv exists before it is used, the push before the PR.
    order = [
        steps.index(s)
        for s in (
            f"git clone {REPO}",
            "./scripts/serve.sh",
            "git switch -c",
            ".venv/bin/python -m macros check",
            "git push -u origin",
            "Create pull request",
        )
    ]
    assert order[:-1] == sorted(order[:-1]) and steps.rindex("Create pull request") > order[-2]


def test_without_a_repository_address_no_page_has_an_edit_link(unlinked_site):
    for file in content_pages(unlinked_site):
        html_text = file.read_text("utf-8")
        assert 'class="page-edit"' not in html_text, file
        assert "md-source" not in html_text, file
    assert "adressen står her, når sitet bygges til offentliggørelse" in visible(page(unlinked_site, "redaktoer"))


def check_publish(repo_url: str | None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "REPO_URL"} | ({"REPO_URL": repo_url} if repo_url else {})
    return subprocess.run(
        [sys.executable, "-m", "macros", "check", "--publish"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=120,
    )


def test_publishing_requires_the_repository_address():
    missing = check_publish(None)
    assert missing.returncode == 1
    assert re.search(r"^mkdocs\.yml:\d+: repo_url: kodearkivets adresse er ikke sat.*REPO_URL", missing.stderr, re.M)
    given = check_publish(REPO)
    assert "kodearkivets adresse" not in given.stdout + given.stderr
    # The other things that block only publishing still do (the accessibility statement's contacts, if missing).
    statement = yaml.safe_load((ROOT / "about" / "accessibility.yaml").read_text("utf-8"))
    if not statement.get("contact_phone"):
        assert given.returncode == 1 and "contact_phone: erklæringen skal have et telefonnummer" in given.stderr


def test_an_ordinary_check_does_not_need_the_address():
    result = subprocess.run(
        [sys.executable, "-m", "macros", "check"],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "REPO_URL"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert "kodearkivets adresse" not in result.stdout


def test_the_workflows_give_the_build_the_repository_they_run_in():
    for name in ("publish.yml", "pull-request.yml"):
        workflow = yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text("utf-8"))
        job = next(iter(workflow["jobs"].values()))
        assert job["env"]["REPO_URL"] == "${{ github.server_url }}/${{ github.repository }}", name
    publish = (ROOT / ".github" / "workflows" / "publish.yml").read_text("utf-8")
    assert "python -m macros check --github --publish" in publish


def test_the_home_page_requests_nothing_from_another_host_in_a_browser(linked_site):
    from browser import launch, open_page, require_browser, serve

    require_browser()
    with serve(linked_site) as base, launch() as browser:
        view = open_page(browser, base + "/")
        view.wait_for_load_state("networkidle")
        assert view.foreign_requests == [], view.foreign_requests
        view.context.close()
