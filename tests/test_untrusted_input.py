"""Hostile YAML, files the build must not trust, and values that must arrive exactly as written.

Explicit tags and deep nesting are refused by the reader with file, line and field; symbolic links,
subfolders and ids that would take the address of another page are refused by the check; YAML 1.1's
number and boolean forms never change what an editor wrote (see loader.py and models.py).
"""

from __future__ import annotations

import base64
import dataclasses
import os
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from conftest import DATA_FOLDERS, FIXTURES, ROOT, add_fixture, run_check
from mkdocs.exceptions import Abort
from mkdocs.structure.files import File, Files

from macros.data import loader, models, routes
from macros.data.catalog import _read_record, load_catalog
from macros.data.public_view import public_view
from macros.data.vocabulary import OfferStatus
from macros.exports.open_data import export_files
from macros.site.plugin import _add, _refuse_links

CPR = "2412891234"


def _both_readers(text: str) -> tuple:
    """What libyaml and the pure-Python reader make of `text` (the fast path None: it handed over)."""
    fast = loader._read_fast(text, "offers/x.yaml")
    original = loader._CLoader
    loader._CLoader = None
    try:
        slow = loader.read_document(text.encode("utf-8"), "offers/x.yaml")
    finally:
        loader._CLoader = original
    return fast, slow, loader.read_document(text.encode("utf-8"), "offers/x.yaml")


# --- explicit tags ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "field", "tag"),
    [
        (f"id: a\nsummary: !!binary {base64.b64encode(CPR.encode()).decode()}\n", 2, "summary", "!!binary"),
        ("id: a\nx: !!python/object/apply:os.system ['echo hej']\n", 2, "x", "!!python/object/apply:os.system"),
        ("id: a\nx: !!python/tuple\n  - 1\n", 2, "x", "!!python/tuple"),
        ("id: a\nx: !!python/object:builtins.dict {a: 1}\n", 2, "x", "!!python/object:builtins.dict"),
        ("id: a\nx: !!omap\n  - a: 1\n", 2, "x", "!!omap"),
        ("id: a\nx: !!set {a, b}\n", 2, "x", "!!set"),
        ("id: a\nkommunekode: !!int 0175\n", 2, "kommunekode", "!!int"),
        ("id: a\nname: !!str 0175\n", 2, "name", "!!str"),
        ("id: a\nkinds:\n  - samvaer\n  - !lokal x\n", 4, "kinds[1]", "!lokal"),
        ("id: a\nname: ! 0175\n", 2, "name", "!"),
        ("id: a\n!!str name: Navn\n", 2, "", "!!str"),
        ("--- !!map\nid: a\n", 1, "", "!!map"),
    ],
)
def test_every_explicit_tag_is_refused_by_both_readers(text, line, field, tag):
    fast, slow, result = _both_readers(text)
    assert fast is None  # libyaml hands the file to the Python reader, which says why
    assert slow == result
    assert [(p.line, p.field) for p in result] == [(line, field)]
    assert result[0].message.startswith(f"YAML-tagget '{tag}' er ikke tilladt")


def test_libyaml_refuses_a_tag_even_where_the_quick_look_for_one_misses(monkeypatch):
    monkeypatch.setattr(loader, "_MAYBE_TAG", type("Never", (), {"search": staticmethod(lambda text: None)}))
    for text in ("id: a\nx: !!binary MjQxMjg5MTIzNA==\n", "id: a\nx: !!set {a}\n", "id: a\nx: [!!str 1]\n"):
        assert loader._read_fast(text, "x.yaml") is None, text


def test_an_exclamation_mark_in_text_is_text():
    fast, slow, _ = _both_readers("id: a\nsummary: Velkommen! Kom ind !\nname: 'Hej !'\n")
    assert slow.data == {"id": "a", "summary": "Velkommen! Kom ind !", "name": "Hej !"}
    assert fast is None or fast.data == slow.data


def test_a_cpr_number_in_binary_is_refused_and_never_decoded(data_copy):
    offer = add_fixture(data_copy, "offer_minimal.yaml")
    path = data_copy / "offers" / f"{offer}.yaml"
    hidden = base64.b64encode(f"Borgerens cpr er {CPR}".encode()).decode()
    path.write_text(
        path.read_text("utf-8").replace("summary: Et sted", f"summary: !!binary {hidden}\nx: Et sted"), "utf-8"
    )
    result = run_check(data_copy)
    assert result.returncode == 1
    assert f"offers/{offer}.yaml:5: summary: YAML-tagget '!!binary' er ikke tilladt" in result.stderr
    assert CPR not in result.stdout + result.stderr


# --- deep nesting -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "id: a\nx: " + "[" * 1000 + "]" * 1000 + "\n",
        "id: a\nx: " + "{a: " * 1000 + "1" + "}" * 1000 + "\n",
        "id: a\nx:\n" + "".join(" " * i + "k:\n" for i in range(1, 300)) + " " * 300 + "k: 1\n",
        "id: a\nx:\n" + "".join(" " * (2 * i) + "- \n" for i in range(1, 200)),
    ],
)
def test_deep_nesting_is_refused_with_a_line_not_a_recursion_error(text):
    fast, slow, result = _both_readers(text)
    assert fast is None and slow == result
    assert len(result) == 1 and result[0].field == "x"
    assert result[0].line >= 2
    assert f"mere end {loader.MAX_DEPTH} niveauer" in result[0].message


def test_fifty_levels_are_read(tmp_path):
    depth = loader.MAX_DEPTH - 1  # the top-level mapping is the first level
    text = "id: a\nx: " + "[" * depth + "1" + "]" * depth + "\n"
    fast, slow, result = _both_readers(text)
    assert fast is not None and fast.data == slow.data == result.data


def test_a_thousand_levels_do_not_hide_the_errors_of_other_files(data_copy):
    (data_copy / "offers" / "dyb.yaml").write_text("id: dyb\nname: " + "[" * 1000 + "]" * 1000 + "\n", "utf-8")
    shutil.copy(FIXTURES / "errors" / "unknown-field.yaml", data_copy / "policies" / "unknown-field.yaml")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "Traceback" not in result.stderr and "RecursionError" not in result.stderr
    assert "offers/dyb.yaml:2: name: felterne ligger mere end 50 niveauer inde i hinanden" in result.stderr
    assert "policies/unknown-field.yaml:" in result.stderr and "ukendt felt" in result.stderr


# --- values kept as written -------------------------------------------------------------------------


def _offer(extra: str, model=models.Offer, stem="xx"):
    base = {
        models.Offer: "id: xx\nname: Værested\nsummary: Et sted.\nmunicipality: roedovre\nkinds: [samvaer]\n",
        models.Municipality: "id: xx\nname: Testby\n",
    }[model]
    record, _doc, problems = _read_record((base + extra).encode("utf-8"), stem, "offers/x.yaml", model)
    return record, [str(p) for p in problems]


@pytest.mark.parametrize(
    "typed", ["0175", "0o17", "0x1A", "+12", "1_000", ".5", "1.5", "1:30", "1e3", "yes", "on", "y", "true", "'18'"]
)
def test_an_age_is_a_plain_whole_number_or_refused_with_the_value_as_typed(typed):
    record, problems = _offer(f"age_min: {typed}\n")
    assert record is None
    shown = typed.strip("'")
    assert problems[0].startswith(
        f"offers/x.yaml:6: age_min: forventede et helt tal (fik {'true' if typed == 'true' else repr(shown)})"
    )


def test_a_plain_age_is_read():
    record, problems = _offer("age_min: 18\nage_max: 30\n")
    assert (record.age_min, record.age_max, problems) == (18, 30, [])


@pytest.mark.parametrize("typed", ["yes", "no", "on", "off", "y", "n", "1", "0", "'true'"])
def test_a_yes_or_no_is_not_a_boolean(typed):
    record, problems = _offer(f"locations:\n  - name: Huset\n    confidential: {typed}\n")
    assert record is None
    assert "locations[0].confidential: forventede true eller false" in problems[0]
    # "true" in quotation marks is text: the editor is told to take them away
    quoted = typed == "'true'"
    assert problems[0].endswith("fjern anførselstegnene, så står der true" if quoted else "skriv true eller false")


@pytest.mark.parametrize(
    ("typed", "kept"),
    [
        ("yes", "yes"),
        ("no", "no"),
        ("on", "on"),
        ("1:30", "1:30"),
        ("0175", "0175"),
        ("2024", "2024"),
        ("1_000", "1_000"),
        ("0x1A", "0x1A"),
        (".5", ".5"),
        ("+12", "+12"),
    ],
)
def test_text_is_kept_exactly_as_typed(typed, kept):
    record, problems = _offer(f"cost: {typed}\n")
    assert problems == [] and record.cost == kept


@pytest.mark.parametrize(("typed", "kept"), [("2610", "2610"), ("'2610'", "2610"), ("0555", "0555"), ("0800", "0800")])
def test_a_postal_code_is_a_code_kept_as_written(typed, kept):
    record, problems = _offer(
        f"locations:\n  - address:\n      street: Torvet 1\n      postal_code: {typed}\n      city: Testby\n"
    )
    assert problems == [] and record.locations[0].address.postal_code == kept


def test_a_postal_code_of_three_digits_is_refused():
    _, problems = _offer(
        "locations:\n  - address:\n      street: Torvet 1\n      postal_code: 610\n      city: Testby\n"
    )
    assert "postal_code: et postnummer skal være fire cifre uden mellemrum, fx '2610' (fik 610)" in problems[0]


@pytest.mark.parametrize("typed", ["0175", '"0175"', "'0175'"])
def test_a_kommunekode_is_kept_as_written_not_read_as_octal(typed):
    record, problems = _offer(f"kommunekode: {typed}\n", models.Municipality)
    assert problems == [] and record.kommunekode == "0175"


@pytest.mark.parametrize(
    ("typed", "shown"), [("175", "175"), ("0o17", "'0o17'"), ("01750", "'01750'"), ("true", "true")]
)
def test_a_kommunekode_in_another_form_is_refused_with_the_value_as_typed(typed, shown):
    _, problems = _offer(f"kommunekode: {typed}\n", models.Municipality)
    assert len(problems) == 1 and problems[0].startswith("offers/x.yaml:3: kommunekode: ")
    if typed != "true":
        assert 'en kommunekode skrives med fire cifre, som DAWA skriver den, fx "0175"' in problems[0]
    assert f"(fik {shown})" in problems[0]


def test_the_open_data_publish_the_kommunekode_as_written():
    catalog = load_catalog(ROOT, content_dir=ROOT / "content")
    assert catalog.municipalities["roedovre"].kommunekode == "0175"
    assert "roedovre.yaml" in catalog.files[("municipalities", "roedovre")]
    assert 'kommunekode: "0175"' in (ROOT / "municipalities" / "roedovre.yaml").read_text("utf-8")
    # HSDS holds only offers whose status an editor set (open_data.in_hsds): set one, as an editor would
    offer = next(o for o in catalog.offers.values() if o.municipality == "roedovre")
    offers = {**catalog.offers, offer.id: offer.model_copy(update={"status": OfferStatus.ACTIVE})}
    catalog = dataclasses.replace(catalog, offers=offers)
    services = next(f.content for f in export_files(public_view(catalog)) if f.path == "data/hsds/services.json")
    services = services.decode("utf-8") if isinstance(services, bytes) else services
    assert "(kommunekode 0175" in services and "https://api.dataforsyningen.dk/kommuner/0175" in services


@pytest.mark.parametrize(
    ("typed", "expected"), [("2024-01-31", date(2024, 1, 31)), ("'2024-01-31'", date(2024, 1, 31))]
)
def test_a_date_is_a_date(typed, expected):
    record, problems = _offer(f"last_verified: {typed}\n")
    assert problems == [] and record.last_verified == expected


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ("1700000000", "1700000000"),
        ("2024-1-1", "'2024-1-1'"),
        ("2024-01-31 10:00", "'2024-01-31 10:00'"),
        ("true", "true"),
    ],
)
def test_anything_else_is_not_a_date(typed, shown):
    _, problems = _offer(f"last_verified: {typed}\n")
    assert f"last_verified: forventede en dato skrevet ÅÅÅÅ-MM-DD, fx 2024-01-31 (fik {shown})" in problems[0]


def test_both_readers_type_values_alike():
    text = "".join(
        f"v{i}: {v}\n"
        for i, v in enumerate(
            [
                "0175",
                "0o17",
                "0x1A",
                "+12",
                "1_000",
                ".5",
                "1:30",
                "yes",
                "no",
                "on",
                "off",
                "y",
                "n",
                "18",
                "-3",
                "0",
                "-0",
                "2024-01-31",
                "2024-1-1",
                "~",
                "null",
                "",
                "true",
                "False",
                "'18'",
                ".inf",
                ".nan",
                "1e3",
            ]
        )
    )
    fast, slow, _ = _both_readers(text)
    assert fast is not None and fast.data == slow.data
    assert [slow.data[f"v{i}"] for i in range(28)] == [
        "0175",
        "0o17",
        "0x1A",
        "+12",
        "1_000",
        ".5",
        "1:30",
        "yes",
        "no",
        "on",
        "off",
        "y",
        "n",
        18,
        -3,
        0,
        "-0",
        date(2024, 1, 31),
        "2024-1-1",
        None,
        None,
        None,
        True,
        False,
        "18",
        ".inf",
        ".nan",
        "1e3",
    ]


# --- files the build must not trust -----------------------------------------------------------------


def test_a_yaml_file_linked_from_outside_is_not_read(data_copy, tmp_path):
    outside = tmp_path / "udenfor.yaml"
    outside.write_text((FIXTURES / "offer_minimal.yaml").read_text("utf-8").replace("offer-minimal", "udenfor"))
    (data_copy / "offers" / "udenfor.yaml").symlink_to(outside)
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "offers/udenfor.yaml:1: filen er et symbolsk link; sitet følger ikke links" in result.stderr
    assert "33 tilbud" not in result.stdout


def test_the_keys_of_a_linked_secret_are_never_printed(data_copy, tmp_path):
    secret = tmp_path / "hemmelig.env"
    secret.write_text("HEMMELIG_NOEGLE: s3cr3t-vaerdi\nDATABASE_PASSWORD: hunter2\n", "utf-8")
    (data_copy / "offers" / "hemmelig.yaml").symlink_to(secret)
    (data_copy / "contacts" / "passwd.yaml").symlink_to("/etc/passwd")
    result = run_check(data_copy)
    output = result.stdout + result.stderr
    assert result.returncode == 1
    assert "offers/hemmelig.yaml:1: filen er et symbolsk link" in output
    assert "contacts/passwd.yaml:1: filen er et symbolsk link" in output
    for secret_part in ("HEMMELIG_NOEGLE", "s3cr3t", "DATABASE_PASSWORD", "hunter2", "root:", "hemmelig.env"):
        assert secret_part not in output


def test_a_linked_table_or_data_folder_is_not_read(data_copy, tmp_path):
    moved = tmp_path / "tabeller"
    shutil.move(data_copy / "vocabularies" / "legal_bases.yaml", moved)
    (data_copy / "vocabularies" / "legal_bases.yaml").symlink_to(moved)
    shutil.move(data_copy / "contacts", tmp_path / "kontakter")
    (data_copy / "contacts").symlink_to(tmp_path / "kontakter")
    result = run_check(data_copy)
    assert "vocabularies/legal_bases.yaml:1: filen er et symbolsk link" in result.stderr
    assert "contacts:1: mappen er et symbolsk link" in result.stderr


def test_a_file_in_a_subfolder_is_reported(data_copy):
    (data_copy / "offers" / "ny").mkdir()
    add_fixture(data_copy, "offer_minimal.yaml")
    (data_copy / "offers" / "offer-minimal.yaml").rename(data_copy / "offers" / "ny" / "x.yaml")
    (data_copy / "policies" / "tom").mkdir()
    result = run_check(data_copy)
    assert result.returncode == 1
    assert (
        "offers/ny/x.yaml:1: filen ligger i en undermappe og bliver ikke læst; alle filer i offers/ skal ligge "
        "direkte i mappen. Flyt den op i offers/"
    ) in result.stderr
    assert "policies/tom:1: undermapper i policies/ bliver ikke læst; slet mappen" in result.stderr


def test_a_link_in_content_is_refused_by_the_check(data_copy):
    shutil.copytree(ROOT / "content", data_copy / "content")
    (data_copy / "content" / "passwd.md").symlink_to("/etc/passwd")
    (data_copy / "content" / "assets" / "ekstern").symlink_to("/etc")
    result = run_check(data_copy)
    assert result.returncode == 1
    assert "content/passwd.md:1: filen er et symbolsk link" in result.stderr
    assert "content/assets/ekstern:1: mappen er et symbolsk link" in result.stderr
    assert "root:" not in result.stderr


def _site_copy(target: Path) -> Path:
    """The whole site (configuration, pages, theme overrides and data) to build with changes."""
    target.mkdir()
    for name in ("mkdocs.yml", "content", "overrides", "macros", *DATA_FOLDERS):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(source, target / name)
    return target


def test_a_link_in_content_fails_the_build_and_nothing_is_published(tmp_path):
    site_root = _site_copy(tmp_path / "kopi")
    (site_root / "content" / "passwd.txt").symlink_to("/etc/passwd")
    site = tmp_path / "site"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SITE_DATA_DIR=str(site_root))
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "mkdocs",
            "build",
            "--strict",
            "-f",
            str(site_root / "mkdocs.yml"),
            "--site-dir",
            str(site),
        ],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=600,
    )
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert "content/passwd.txt:1: filen er et symbolsk link" in output
    assert not site.exists() or not any(site.rglob("*"))
    assert "root:" not in output


# --- ids that would take another page's address ------------------------------------------------------


@pytest.fixture
def with_pages(data_copy):
    shutil.copytree(ROOT / "content", data_copy / "content")
    return data_copy


@pytest.mark.parametrize(
    ("fixture", "new_id", "message"),
    [
        ("offer_minimal.yaml", "index", "'index' er navnet på forsiden af mappen tilbud/ og kan ikke være et id"),
        (
            "offer_minimal.yaml",
            "lovgrundlag",
            "siden ville få adressen tilbud/lovgrundlag/, som den håndskrevne side "
            "content/tilbud/lovgrundlag.md allerede har",
        ),
        ("offer_minimal.yaml", "kommune", "adressen tilbud/kommune/ er en mappe med sider, som sitet laver selv"),
        (
            "policy_minimal.yaml",
            "sammenlign",
            "siden ville få adressen politikker/sammenlign/, som den håndskrevne side "
            "content/politikker/sammenlign/index.md allerede har",
        ),
        (
            "municipality_minimal.yaml",
            "print",
            "siden ville få adressen ny-medarbejder/print/, som den håndskrevne side "
            "content/ny-medarbejder/print.md allerede har",
        ),
        ("municipality_minimal.yaml", "ordliste", "content/ny-medarbejder/ordliste.md allerede har"),
        ("contact_minimal.yaml", "index", "'index' er navnet på forsiden af mappen kontakter/"),
    ],
)
def test_an_id_that_takes_another_pages_address_is_refused_at_the_id_line(with_pages, fixture, new_id, message):
    add_fixture(with_pages, fixture, new_id)
    folder = {"offer": "offers", "policy": "policies", "municipality": "municipalities", "contact": "contacts"}[
        fixture.split("_")[0]
    ]
    id_line = next(
        i
        for i, ln in enumerate((with_pages / folder / f"{new_id}.yaml").read_text("utf-8").splitlines(), 1)
        if ln.startswith("id:")
    )
    result = run_check(with_pages)
    assert result.returncode == 1
    assert f"{folder}/{new_id}.yaml:{id_line}: id: id'et '{new_id}' kan ikke bruges: " in result.stderr
    assert message in result.stderr


def test_an_id_next_to_a_hand_written_folder_is_refused(with_pages):
    (with_pages / "content" / "tilbud" / "sommer").mkdir()
    (with_pages / "content" / "tilbud" / "sommer" / "lejr.md").write_text("# Lejr\n", "utf-8")
    add_fixture(with_pages, "offer_minimal.yaml", "sommer")
    result = run_check(with_pages)
    assert "som er mappen med content/tilbud/sommer/lejr.md" in result.stderr


def test_the_build_refuses_a_generated_page_that_replaces_another_file():
    files = Files([File("tilbud/index.md", "/docs", "/site", use_directory_urls=True)])
    outputs = {key: f.src_uri for f in files for key in (f.dest_uri, f"src:{f.src_uri}")}
    _add(files, outputs, File("tilbud/ok.md", None, "/site", use_directory_urls=True))
    for path in ("tilbud/index.md", "tilbud/ok.md", "tilbud/ok/index.md"):
        with pytest.raises(Abort, match="får samme adresse"):
            _add(files, outputs, File(path, None, "/site", use_directory_urls=True))
    assert [f.src_uri for f in files] == ["tilbud/index.md", "tilbud/ok.md"]


def test_the_build_refuses_a_linked_file_it_was_handed(tmp_path):
    docs = tmp_path / "content"
    (docs / "side").mkdir(parents=True)
    (docs / "side" / "egen.md").write_text("# Egen\n", "utf-8")
    (tmp_path / "udenfor").mkdir()
    (tmp_path / "udenfor" / "x.md").write_text("# x\n", "utf-8")
    _refuse_links(Files([File("side/egen.md", str(docs), "/site", use_directory_urls=True)]), docs)
    (docs / "passwd.md").symlink_to("/etc/passwd")
    (docs / "mappe").symlink_to(tmp_path / "udenfor")
    for path in ("passwd.md", "mappe/x.md"):
        with pytest.raises(Abort, match=f"content/{path} er et symbolsk link"):
            _refuse_links(Files([File(path, str(docs), "/site", use_directory_urls=True)]), docs)


@pytest.mark.parametrize(
    "path",
    [
        "index.md",
        "tilbud/index.md",
        "tilbud/x.md",
        "tilbud/README.md",
        "a/b/c.md",
        "kontakter/x.vcf",
        "assets/site.css",
        "README.md",
        "x.markdown",
        "data/x.json",
    ],
)
def test_the_address_rule_is_mkdocs_own(path):
    assert routes.output_of(path) == File(path, None, "", use_directory_urls=True).dest_uri
