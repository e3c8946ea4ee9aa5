"""A full strict build of the real site: every policy is there, complete, findable and readable."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from datetime import date

import pytest
import yaml
from conftest import FIXTURES, ROOT, copy_data, run_build
from sitetext import norm, page, pagefind_fragments, visible

POLICIES = {p.stem: yaml.safe_load(p.read_text("utf-8")) for p in sorted((ROOT / "policies").glob("*.yaml"))}


@pytest.mark.parametrize("policy_id", POLICIES)
def test_policy_page_shows_vision_focus_areas_and_guidelines(built_site, policy_id):
    data = POLICIES[policy_id]
    html_text = page(built_site, f"politikker/{policy_id}")
    text = visible(html_text)
    assert '<html lang="da"' in html_text
    assert norm(data["title"]) in text
    vision = data.get("vision", {})
    for item in vision.get("paragraphs", []) + vision.get("items", []):
        assert norm(item) in text
    for area in data["focus_areas"]["areas"]:
        assert re.search(rf'<h3 id="{area["id"]}"', html_text), f"focus area {area['id']} has no heading"
        assert norm(area["title"]) in text
        for key in ("guidelines", "goals", "why", "vision", "paragraphs"):
            for item in area.get(key, []):
                assert norm(item) in text, f"{policy_id}: {key} item missing: {item[:60]}"
        for item in (area.get("indicators") or {}).get("items", []):
            assert norm(item) in text


@pytest.mark.parametrize("policy_id", POLICIES)
def test_every_string_of_the_policy_is_on_its_page(built_site, policy_id):
    """Nothing is lost between YAML and page (the editor's summary and ids aside)."""
    text = visible(page(built_site, f"politikker/{policy_id}"))

    def strings(value, key=""):
        if isinstance(value, str):
            if key not in ("id", "municipality", "kind", "policy", "adopted", "themes"):
                yield value
        elif isinstance(value, dict):
            for k, v in value.items():
                yield from strings(v, k)
        elif isinstance(value, list):
            for v in value:
                yield from strings(v, key)

    missing = [s for s in strings(POLICIES[policy_id]) if norm(s) not in text]
    assert not missing, missing[:3]


def test_policy_index_groups_by_municipality_with_period_and_status(built_site):
    html_text = page(built_site, "politikker")
    text = visible(html_text)
    for name in ("Ballerup Kommune", "Egedal Kommune", "Frederiksberg Kommune", "Rødovre Kommune"):
        assert re.search(rf"<h2[^>]*>{name}", html_text)
    for policy_id, data in POLICIES.items():
        assert f'href="{policy_id}/"' in html_text
        assert norm(data["title"]) in text
    assert "2023–2026" in text and "2024–2026" in text and "Gældende" in text


def test_home_page_shows_the_ways_in(built_site):
    text = visible(page(built_site, ""))
    for way in ("Ny medarbejder", "Samarbejdspartner", "Redaktør"):
        assert way in text
    assert "5 politikker og strategier" in text


def test_headings_keep_danish_letters_in_anchors(built_site):
    assert 'id="øje-for-forskelligheder"' in page(built_site, "politikker/roedovre-politik-socialt-udsatte")


def test_no_request_to_another_host(built_site):
    for file in built_site.rglob("*.html"):
        html_text = file.read_text("utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe)\b[^>]*>", html_text):
            if 'rel="canonical"' not in tag:  # the page's own published address, not a request
                assert not re.search(r'(src|href)="(https?:)?//', tag), (file, tag)
        assert "fonts.googleapis" not in html_text and "fonts.gstatic" not in html_text


def test_record_pages_stay_out_of_the_sidebar(built_site):
    nav = re.search(r'(?s)<nav class="md-nav md-nav--primary[^"]*".*?</nav>', page(built_site, "")).group(0)
    assert "ballerup-plads-til-alle" not in nav


def test_search_index_holds_every_policy(built_site):
    fragments = pagefind_fragments(built_site)
    for policy_id in POLICIES:
        assert fragments[f"politikker/{policy_id}/"]["filters"]["type"] == ["Politik"]
    entry = json.loads((built_site / "pagefind" / "pagefind-entry.json").read_text("utf-8"))
    assert list(entry["languages"]) == ["da"]  # Danish stemming, from <html lang="da">


# --- builds from changed data ------------------------------------------------------------------

# The check refuses HTML tags in text (markup.py); these are text it lets through that a browser would still read as
# tags if the page did not escape them.
HOSTILE = "<skrivebord> **fed** {{ config.site_name }} <navn@x.dk> &amp;"


@pytest.fixture(scope="module")
def changed_site(tmp_path_factory):
    """One strict build of the real data with three new policies from the minimal fixture: a sixth policy, one
    whose period has ended and one with hostile text in its title and summary. Each test reads its own policy."""
    data = copy_data(tmp_path_factory.mktemp("changed") / "data")
    minimal = (FIXTURES / "policy_minimal.yaml").read_text("utf-8")
    (data / "policies" / "sjette-politik.yaml").write_text(minimal.replace("policy-minimal", "sjette-politik"), "utf-8")
    ended = minimal.replace("policy-minimal", "gammel-politik") + "valid_from: 2015-01-01\nvalid_to: 2018-12-31\n"
    (data / "policies" / "gammel-politik.yaml").write_text(ended, "utf-8")
    hostile = minimal.replace("policy-minimal", "fjendtlig")
    hostile = hostile.replace("title: Alle har et sted at bo", f"title: '{HOSTILE}'")
    hostile = hostile.replace("summary: En minimal politik til test.", f"summary: '{HOSTILE}'")
    (data / "policies" / "fjendtlig.yaml").write_text(hostile, "utf-8")
    site = data.parent / "site"
    result = run_build(site, data)
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-3000:]
    return site


def test_a_sixth_policy_file_adds_its_page_and_index_entry(changed_site):
    assert "Alle har et sted at bo" in visible(page(changed_site, "politikker/sjette-politik"))
    assert 'href="sjette-politik/"' in page(changed_site, "politikker")


def test_a_policy_whose_period_has_ended_is_marked(changed_site):
    assert "Perioden er slut" in visible(page(changed_site, "politikker/gammel-politik"))
    assert "Perioden er slut" not in visible(page(changed_site, "politikker/sjette-politik"))
    index_text = visible(page(changed_site, "politikker"))
    assert re.search(r"2015–2018 Perioden er slut", index_text)


def test_a_broken_yaml_file_stops_the_build_with_the_danish_message(data_copy, tmp_path):
    shutil.copy(FIXTURES / "errors" / "unknown-field.yaml", data_copy / "policies" / "unknown-field.yaml")
    shutil.copy(FIXTURES / "errors" / "dangling-reference.yaml", data_copy / "policies" / "dangling-reference.yaml")
    result = run_build(tmp_path / "site", data_copy)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "policies/unknown-field.yaml:4: titel: ukendt felt 'titel'. Mente du 'title'?" in output
    assert "policies/dangling-reference.yaml:4: municipality: henviser til kommunen 'rodovre'" in output
    assert not (tmp_path / "site" / "index.html").exists()


def test_hostile_text_reaches_the_page_escaped(changed_site):
    html_text = page(changed_site, "politikker/fjendtlig")
    assert "<skrivebord>" not in html_text and "<navn@x.dk>" not in html_text and "<strong>fed" not in html_text
    assert visible(html_text).count(" ".join(HOSTILE.split())) >= 2


def test_seed_documents_are_carried_over(built_site):
    """The shared coverage tool finds (nearly) every sentence of the five source documents on the site.

    Sentences it cannot match are OCR repairs in the first Ballerup text (see its source note)."""
    tool = ROOT.parent / "shared" / "tools" / "seed_coverage.py"
    if not tool.exists():
        pytest.skip("../shared/tools/seed_coverage.py is not beside this clone")
    out = subprocess.run(
        [sys.executable, str(tool), str(built_site), "--missing", "0"], capture_output=True, text=True, check=True
    ).stdout
    shares = {
        m.group(1): (int(m.group(2)), int(m.group(3))) for m in re.finditer(r"^(\S+\.txt): (\d+)/(\d+)", out, re.M)
    }
    assert len(shares) == 5, out
    for seed, (covered, total) in shares.items():
        allowed_missing = 6 if seed.startswith("000_") else 0
        assert total - covered <= allowed_missing, out


def test_every_page_says_when_it_last_changed(built_site):
    for url in ("", "politikker", "politikker/roedovre-politik-socialt-udsatte"):
        assert re.search(r"Sidst ændret: \d{1,2}\. \w+ 20\d\d", visible(page(built_site, url))), url
    recent = page(built_site, "senest-aendret")
    for policy_id in POLICIES:
        assert f'href="../politikker/{policy_id}/"' in recent


def test_freshness_falls_back_to_the_data_dates_without_history(tmp_path):
    from macros.data.catalog import load_catalog
    from macros.site.freshness import git_dates, record_changes

    data = copy_data(tmp_path / "data")  # a plain folder: no git history at all
    assert git_dates(data, ["policies"]) == {}
    catalog = load_catalog(data)
    rows = {r["path"]: r["date"] for r in record_changes(catalog, {})}
    assert rows["policies/frederiksberg-udsattepolitik-2023-2026.yaml"] == date(2023, 1, 1)
    assert rows["policies/roedovre-politik-socialt-udsatte.yaml"] is None


def test_freshness_follows_a_new_commit(tmp_path):
    """The dates are kept per commit (under serve, a rebuild asks git only which commit it is): a commit shows."""
    from macros.site.freshness import git_dates

    def git(*args: str, when: str = "2024-03-01T12:00:00") -> None:
        env = dict(os.environ, GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
        subprocess.run(["git", *args], cwd=tmp_path, env=env, check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "redaktoer@example.org")
    git("config", "user.name", "Redaktør")
    (tmp_path / "offers").mkdir()
    (tmp_path / "offers" / "et-tilbud.yaml").write_text("name: Et tilbud\n", "utf-8")
    git("add", ".")
    git("commit", "-qm", "Et tilbud")
    assert git_dates(tmp_path, ["offers"]) == {"offers/et-tilbud.yaml": date(2024, 3, 1)}
    assert git_dates(tmp_path, ["offers"]) == {"offers/et-tilbud.yaml": date(2024, 3, 1)}

    (tmp_path / "offers" / "et-tilbud.yaml").write_text("name: Et rettet tilbud\n", "utf-8")
    assert git_dates(tmp_path, ["offers"]) == {"offers/et-tilbud.yaml": date(2024, 3, 1)}  # not committed yet
    git("commit", "-qam", "Rettet", when="2024-04-02T12:00:00")
    assert git_dates(tmp_path, ["offers"]) == {"offers/et-tilbud.yaml": date(2024, 4, 2)}
