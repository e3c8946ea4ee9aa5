"""From any page to the file that makes it, and from there to a pull request: the edit links, the repository's
address configured once (REPO_URL → mkdocs.yml repo_url), and what happens without it."""

from __future__ import annotations

import html
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from conftest import REPO, ROOT, run_check
from sitetext import page, visible

from macros.data.page_sources import page_sources

EDIT = re.compile(
    r'<p class="page-edit"[^>]*><a href="([^"]+)" rel="edit">Ret denne side</a> i kodearkivet: '
    r"filen <code>([^<]+)</code>"
)
EDIT_PARAGRAPH = re.compile(r'(?s)<p class="page-edit"[^>]*>(.*?)</p>')
# Each link of the paragraph with the file it names: <a href="url" [rel="edit"]>label</a>…<code>file</code>
EDIT_TARGET = re.compile(r'<a href="([^"]+)"( rel="edit")?>([^<]+)</a>[^<]*<code>([^<]+)</code>')
COMPOSITE = "Siden er sat sammen af mange filer"
MUNICIPALITIES = sorted(p.stem for p in (ROOT / "municipalities").glob("*.yaml"))


def edit_link(site: Path, url: str) -> tuple[str, str]:
    """(edit URL, file named) of a built page; fails if the page has none."""
    found = EDIT.search(page(site, url))
    assert found, f"{url} has no edit link"
    return html.unescape(found.group(1)), found.group(2)


def edit_targets(site: Path, url: str) -> list[tuple[str, str, str, bool]]:
    """(label, edit URL, file named, whether it is the page's rel=edit link) of each link in a page's edit line."""
    found = EDIT_PARAGRAPH.search(page(site, url))
    assert found, f"{url} has no edit line"
    return [(label, html.unescape(href), file, bool(rel)) for href, rel, label, file in EDIT_TARGET.findall(found[1])]


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
    ],
)
def test_a_page_links_to_the_file_that_makes_it(linked_site, url, file):
    target, named = edit_link(linked_site, url)
    assert target == f"{REPO}/edit/main/{file}"
    assert named == file and (ROOT / file).is_file()


@pytest.mark.parametrize(
    ("url", "data", "text"),
    [
        ("tilbud/lovgrundlag", "vocabularies/legal_bases.yaml", "content/tilbud/lovgrundlag.md"),
        ("ny-medarbejder/lovgrundlag", "vocabularies/legal_bases.yaml", "content/ny-medarbejder/lovgrundlag.md"),
        ("ny-medarbejder/ordliste", "vocabularies/glossary.yaml", "content/ny-medarbejder/ordliste.md"),
        ("tilgaengelighedserklaering", "about/accessibility.yaml", "content/tilgaengelighedserklaering.md"),
    ],
)
def test_a_page_built_from_a_table_leads_first_to_the_table_and_then_to_its_text(linked_site, url, data, text):
    """The tester's case: the legal bases' page is one macro call in its Markdown; what an editor corrects there is
    vocabularies/legal_bases.yaml, which the page names in its front matter (`rediger:`)."""
    assert edit_targets(linked_site, url) == [
        ("Ret indholdet", f"{REPO}/edit/main/{data}", data, True),
        ("Ret sidens tekst", f"{REPO}/edit/main/{text}", text, False),
    ]


@pytest.mark.parametrize("municipality", MUNICIPALITIES)
def test_a_municipalitys_pages_lead_to_its_file_and_say_they_are_made_of_many(linked_site, municipality):
    """Its start page, its print page and its offer catalogue: the municipality's own facts (its name, its
    entrance) are in municipalities/<id>.yaml, the rest on the pages of its policies, offers and contacts."""
    data = f"municipalities/{municipality}.yaml"
    urls = [f"ny-medarbejder/{municipality}", f"ny-medarbejder/{municipality}/print"]
    if (linked_site / "tilbud" / "kommune" / municipality).is_dir():
        urls.append(f"tilbud/kommune/{municipality}")
    for url in urls:
        assert edit_targets(linked_site, url) == [
            ("Ret kommunens egne oplysninger", f"{REPO}/edit/main/{data}", data, True)
        ], url
        assert COMPOSITE in visible(page(linked_site, url)), url
    assert (linked_site / "tilbud" / "kommune" / "roedovre").is_dir()


def test_every_page_leads_to_its_file_or_says_it_is_made_of_many(linked_site):
    """Each edit link names a file that exists in the repository; a page with no file of its own says where its
    parts are edited, and only pages made of many records of the same standing (a theme across the municipalities'
    policies) have no edit link at all."""
    composite, unlinked = [], []
    for file in content_pages(linked_site):
        html_text = file.read_text("utf-8")
        where = file.parent.relative_to(linked_site).as_posix()
        found = EDIT_PARAGRAPH.search(html_text)
        assert found, f"{where} has no edit line"
        targets = EDIT_TARGET.findall(found[1])
        for href, _, _, named in targets:
            assert (ROOT / named).is_file(), (where, named)
            assert html.unescape(href) == f"{REPO}/edit/main/{named}", where
        if COMPOSITE in visible(found[1]):
            composite.append(where)
        else:
            assert targets, f"{where} has neither an edit link nor the note"
        if not any(rel for _, rel, _, _ in targets):
            unlinked.append(where)
    assert {f"ny-medarbejder/{m}" for m in MUNICIPALITIES} <= set(composite)
    assert not any(w.startswith(("tilbud/roedovre-", "politikker/roedovre-")) for w in composite)
    assert unlinked and all(w.startswith("politikker/sammenlign/") for w in unlinked), unlinked


def test_a_page_may_name_only_a_data_file_of_the_site():
    """`rediger:` in a page's front matter: the editor reads the page, the line, the value as written and what is
    expected; a page without it, or with it outside its front matter, is not concerned."""
    pages = [
        ("content/a.md", "---\nrender_macros: true\nrediger: vocabularies/legal_base.yaml\n---\n# A\n"),
        ("content/b.md", "---\nrediger: ../mkdocs.yml\n---\n# B\n"),
        ("content/c.md", "---\nrediger: [vocabularies/legal_bases.yaml]\n---\n# C\n"),
        ("content/d/e.md", "---\ntitle: E\nrediger: municipalities/roedovre.yaml\n---\n# E\n"),
        ("content/f.md", "# F\n\nrediger: nothing/here.yaml\n"),
        ("content/g.css", "---\nrediger: nothing/here.yaml\n---\n"),
    ]
    found, problems = page_sources(pages, "content", ["vocabularies/legal_bases.yaml", "municipalities/roedovre.yaml"])
    assert found == {"d/e.md": "municipalities/roedovre.yaml"}
    said = [str(p) for p in problems]
    assert said[0] == (
        "content/a.md:3: rediger: filen 'vocabularies/legal_base.yaml' findes ikke blandt sitets datafiler. "
        "Mente du 'vocabularies/legal_bases.yaml'?"
    )
    expected = (
        "skriv stien til den datafil i arkivet, som sidens oplysninger kommer fra, fx "
        "'vocabularies/legal_bases.yaml' eller 'municipalities/<id>.yaml'"
    )
    assert said[1] == f"content/b.md:2: rediger: filen '../mkdocs.yml' findes ikke blandt sitets datafiler; {expected}"
    assert said[2] == f"content/c.md:2: rediger: der står '[vocabularies/legal_bases.yaml]'; {expected}"
    assert len(said) == 3


def test_the_check_refuses_a_page_that_names_a_data_file_that_does_not_exist(data_copy):
    shutil.copytree(ROOT / "content", data_copy / "content")
    page_file = data_copy / "content" / "tilbud" / "lovgrundlag.md"
    text = page_file.read_text("utf-8")
    assert "rediger: vocabularies/legal_bases.yaml\n" in text
    page_file.write_text(
        text.replace("rediger: vocabularies/legal_bases.yaml", "rediger: vocabularies/lovgrundlag.yaml")
    )
    line = 1 + text.split("\n").index("rediger: vocabularies/legal_bases.yaml")
    check = run_check(data_copy)
    assert check.returncode == 1
    assert re.search(
        rf"^content/tilbud/lovgrundlag\.md:{line}: rediger: filen 'vocabularies/lovgrundlag\.yaml' findes ikke "
        r"blandt sitets datafiler",
        check.stderr,
        re.M,
    ), check.stderr


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


def test_the_guide_covers_what_an_outside_editor_runs_into(linked_site):
    """The tester's path: no write access (a fork), a first pull request waiting for approval, a downloaded preview
    that cannot be opened by double-clicking, and a check that is not the whole story."""
    steps = visible(page(linked_site, "redaktoer/ret-et-tilbud"))
    # The preview: unpack, serve the folder, open the address.
    for said in ("Pak zip-filen ud", "python3 -m http.server", "py -m http.server", "http://127.0.0.1:8000/"):
        assert said in steps[steps.index("Se forhåndsvisningen") :], said
    # Without write access: push to the fork, then the pull request from it.
    fork = [steps.index(s) for s in ("git push -u origin", "Fork", "git remote add fork", "git push -u fork")]
    assert fork == sorted(fork) and "Compare & pull request" in steps[fork[-1] :]
    assert f"https://github.com/<dit-brugernavn>/{REPO.rsplit('/', 1)[1]}.git" in steps
    # A first-time contributor's fork: the run waits for a maintainer.
    assert steps.count("Approve and run") >= 2
    # The check, and then the build and the preview in the pull request.
    assert "ret, til der står OK" in steps and "Tjekket fanger de fleste fejl, men ikke alle" in steps
    guide = visible(page(linked_site, "redaktoer"))
    for said in ("Ret indholdet", "Ret sidens tekst", "Ret kommunens egne oplysninger", "rediger: vocabularies/"):
        assert said in guide, said


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


def test_the_home_page_requests_nothing_from_another_host_in_a_browser(linked_site, chromium):
    from browser import open_page, serve

    with serve(linked_site) as base:
        view = open_page(chromium, base + "/")
        view.wait_for_load_state("networkidle")
        assert view.foreign_requests == [], view.foreign_requests
        view.context.close()
