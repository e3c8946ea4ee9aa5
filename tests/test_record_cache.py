"""Speed without surprises: libyaml reads exactly what the pure-Python reader reads, and a repeated
check served from the record cache reports exactly what a fresh one reports, and sees every edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import ROOT, add_fixture, run_check

from macros.data import loader
from macros.data.catalog import KINDS, check_data
from macros.data.clock import today_in_denmark
from macros.data.record_cache import _cache_file, _rule_modules

TODAY = today_in_denmark()  # the date the check itself judges by


def _slow(text: str, shown: str):
    """The pure-Python reader alone (the fast path switched off)."""
    original = loader._CLoader
    loader._CLoader = None
    try:
        return loader.read_document(text.encode("utf-8"), shown)
    finally:
        loader._CLoader = original


@pytest.mark.parametrize(
    "file",
    sorted(p for folder in (*KINDS, "vocabularies", "about") for p in (ROOT / folder).glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_libyaml_reads_every_data_file_like_the_python_reader(file: Path):
    assert loader._CLoader is not None, "PyYAML without libyaml: every check would be ten times slower"
    text = file.read_text("utf-8")
    fast = loader._read_fast(text, file.name)
    slow = _slow(text, file.name)
    assert fast is not None
    assert (fast.data, fast.lines) == (slow.data, slow.lines)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("id: a\nname: &x Navn\nalias: *x\n", "YAML-aliaser ('*x') er ikke tilladt"),
        ("id: a\nid: b\n", "feltet 'id' står to gange (første gang på linje 1)"),
        ("id: a\ndato: 2024-13-01\n", "måneden skal være 1-12"),
        ("id: a\nnavn: tekst: mere\n", "YAML-syntaksfejl"),
    ],
)
def test_files_with_mistakes_get_the_python_readers_messages(text: str, expected: str):
    assert loader._read_fast(text, "x.yaml") is None
    problems = loader.read_document(text.encode("utf-8"), "offers/x.yaml")
    assert isinstance(problems, list) and expected in problems[0].message


def _problems(root: Path) -> list[tuple]:
    _catalog, problems = check_data(root, today=TODAY)
    return [(p.path, p.line, p.field, p.message, p.severity) for p in problems]


def test_second_check_comes_from_the_cache_and_says_the_same(data_copy: Path, record_cache_dir: Path):
    add_fixture(data_copy, "offer_with_confidential_address.yaml")
    offer = next((data_copy / "offers").glob("*.yaml"))
    offer.write_text(offer.read_text("utf-8").replace("municipality: ", "municipality: ukendt-", 1), "utf-8")
    first = _problems(data_copy)
    cache = _cache_file(data_copy)
    assert cache is not None and cache.is_file() and cache.is_relative_to(record_cache_dir)
    assert not any(data_copy.rglob("*.pickle")), "the cache must never lie in the data (a PR could plant it)"
    stamp = cache.stat().st_mtime_ns
    assert _problems(data_copy) == first
    assert cache.stat().st_mtime_ns == stamp, "nothing changed, so nothing should be written"


def test_an_edit_after_caching_is_seen(data_copy: Path):
    offer = next((data_copy / "offers").glob("*.yaml"))
    assert not [p for p in _problems(data_copy) if p[4] == "fejl"]
    offer.write_text(offer.read_text("utf-8").replace("summary:", "summary_typo:", 1), "utf-8")
    broken = [p for p in _problems(data_copy) if p[4] == "fejl"]
    assert {p[0] for p in broken} == {f"offers/{offer.name}"}
    assert any("summary_typo" in p[3] for p in broken), broken
    offer.unlink()
    assert not [p for p in _problems(data_copy) if p[0] == f"offers/{offer.name}"]


def test_a_damaged_cache_is_only_a_miss(data_copy: Path):
    first = _problems(data_copy)
    _cache_file(data_copy).write_bytes(b"not a pickle at all")
    assert _problems(data_copy) == first


def test_cache_can_be_switched_off(data_copy: Path, monkeypatch):
    monkeypatch.setenv("UDSATTE_CACHE", "0")
    assert _cache_file(data_copy) is None
    result = run_check(data_copy)
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_cache_is_keyed_on_every_module_the_reading_depends_on():
    names = {m.stem for m in _rule_modules()}
    assert {"loader", "guards", "messages", "models", "vocabulary", "problems", "catalog"} <= names
    assert "views" not in names and "exports" not in names  # rendering changes keep the cache
