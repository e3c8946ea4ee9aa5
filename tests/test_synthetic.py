"""The synthetic data set (issue 7): deterministic, valid, obviously invented, buildable, and never leaking a secret."""

from __future__ import annotations

import hashlib
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
import yaml
from conftest import ROOT, run_build, run_check

from macros.tools import synthetic

SIZE = 150  # 5 policies, 48 contacts, 97 offers: big enough for every kind of record, small enough to build fast


def generate(out: Path, seed: int = 1, size: int | str = SIZE) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "macros", "generate", "--seed", str(seed), "--size", str(size), "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )


def digest(root: Path) -> str:
    h = hashlib.sha256()
    for file in sorted(p for p in root.rglob("*") if p.is_file()):
        h.update(file.relative_to(root).as_posix().encode() + b"\0" + file.read_bytes())
    return h.hexdigest()


def records(root: Path, folder: str) -> list[dict]:
    return [yaml.safe_load(f.read_text("utf-8")) for f in sorted((root / folder).glob("*.yaml"))]


def strings(value, key=""):
    if isinstance(value, str):
        yield key, value
    elif isinstance(value, dict):
        for k, v in value.items():
            yield from strings(v, k)
    elif isinstance(value, list):
        for v in value:
            yield from strings(v, key)


@pytest.fixture(scope="module")
def synthetic_root(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("synthetic") / "data"
    result = generate(root)
    assert result.returncode == 0, result.stderr
    return root


@pytest.fixture(scope="module")
def synthetic_site(synthetic_root, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("synthetic-site")
    result = run_build(site, synthetic_root)
    assert result.returncode == 0, result.stderr[-5000:]
    return site


def test_the_same_seed_gives_the_same_files(synthetic_root, tmp_path):
    assert generate(tmp_path / "again").returncode == 0
    assert digest(tmp_path / "again") == digest(synthetic_root)
    assert generate(tmp_path / "other", seed=2).returncode == 0
    assert digest(tmp_path / "other") != digest(synthetic_root)


def test_sizes_follow_the_national_proportions():
    assert synthetic.parse_size("national") == 15_500
    assert synthetic.record_counts(15_500) == {"policies": 500, "contacts": 5_000, "offers": 10_000}
    assert sum(synthetic.record_counts(1000).values()) == 1000
    with pytest.raises(ValueError, match="mindst 3 poster"):
        synthetic.parse_size("2")


def test_all_98_municipalities_with_their_official_codes():
    codes = [code for code, _, _ in synthetic.MUNICIPALITIES]
    ids = [synthetic.slug(name) for _, name, _ in synthetic.MUNICIPALITIES]
    assert len(codes) == len(set(codes)) == len(set(ids)) == 98
    assert Counter(region for _, _, region in synthetic.MUNICIPALITIES) == {
        "Region Hovedstaden": 29,
        "Region Sjælland": 17,
        "Region Syddanmark": 22,
        "Region Midtjylland": 19,
        "Region Nordjylland": 11,
    }
    by_id = {synthetic.slug(name): (code, name, region) for code, name, region in synthetic.MUNICIPALITIES}
    for real in records(ROOT, "municipalities"):  # the real data's municipalities agree, id and all
        code, name, _ = by_id[real["id"]]
        assert (f"{code:04d}", name) == (real["kommunekode"], real["name"])
        assert real.get("region") in (None, by_id[real["id"]][2])


def test_the_data_passes_the_check(synthetic_root):
    result = run_check(synthetic_root)
    assert result.returncode == 0, result.stderr
    assert "98 kommuner, 5 politikker, 97 tilbud og 48 kontakter er gyldige" in result.stdout


def test_everything_but_the_municipalities_is_obviously_invented(synthetic_root):
    for folder in ("policies", "offers", "contacts"):
        for record in records(synthetic_root, folder):
            assert (record.get("name") or record["title"]).endswith("(syntetisk)"), record["id"]
            for key, text in strings(record):
                if key == "email":
                    assert text.endswith(".invalid"), text
                if text.startswith("http"):
                    assert text.startswith("https://example.invalid/"), text
                if key == "number":
                    assert text.startswith("00 0"), text  # no Danish subscriber number begins with 0
    for record in records(synthetic_root, "offers"):
        assert record["description"][0] == synthetic.DISCLAIMER


def test_a_few_confidential_addresses_and_internal_numbers(synthetic_root):
    offers = records(synthetic_root, "offers")
    confidential = [loc for o in offers for loc in o.get("locations", ()) if loc.get("confidential")]
    internal = [p for c in records(synthetic_root, "contacts") for p in c.get("phones", ()) if p.get("public") is False]
    assert 1 <= len(confidential) <= max(1, len(offers) // 10)
    assert all(loc["address"]["street"].startswith(synthetic.CONFIDENTIAL_STREET) for loc in confidential)
    assert internal


def test_never_writes_into_a_folder_with_other_files(tmp_path):
    (tmp_path / "policies").mkdir()
    (tmp_path / "policies" / "rigtig.yaml").write_text("id: rigtig\n", "utf-8")
    result = generate(tmp_path)
    assert result.returncode == 1 and "ikke tom" in result.stderr
    assert (tmp_path / "policies" / "rigtig.yaml").read_text("utf-8") == "id: rigtig\n"


def test_the_site_builds_strictly_and_never_shows_a_secret(synthetic_root, synthetic_site):
    for offer in records(synthetic_root, "offers"):
        assert (synthetic_site / "tilbud" / offer["id"] / "index.html").is_file()
    internal = [
        p["number"]
        for c in records(synthetic_root, "contacts")
        for p in c.get("phones", ())
        if p.get("public") is False
    ]
    secrets = [synthetic.CONFIDENTIAL_STREET] + internal + [n.replace(" ", "") for n in internal]
    for file in synthetic_site.rglob("*"):
        if file.is_file() and file.suffix not in (".png", ".gz", ".ico"):
            text = file.read_bytes().decode("utf-8", errors="replace")
            leaked = [s for s in secrets if s in text]
            assert not leaked, f"{file.relative_to(synthetic_site)} viser {leaked}"


def test_one_site_per_municipality_from_the_same_data(synthetic_root, tmp_path):
    offers = records(synthetic_root, "offers")
    busiest = Counter(o["municipality"] for o in offers).most_common(1)[0][0]
    cut = tmp_path / "data"
    counts = synthetic.municipality_subset(synthetic_root, cut, [busiest])
    own = [o for o in offers if o["municipality"] == busiest]
    assert counts["offers"] == len(own)
    assert run_check(cut).returncode == 0
    result = run_build(tmp_path / "site", cut)
    assert result.returncode == 0, result.stderr[-5000:]
    built = {p.parent.name for p in (tmp_path / "site" / "tilbud").glob("*/index.html")}
    assert {o["id"] for o in own} <= built
    assert not {o["id"] for o in offers if o["municipality"] != busiest} & built
