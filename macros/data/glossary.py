"""Checks on vocabularies/glossary.yaml: references exist, and no spelling belongs to two terms."""

from __future__ import annotations

from collections.abc import Iterator
from collections.abc import Set as AbstractSet

from . import models
from .citations import anchors
from .loader import Document
from .problems import Problem, field_path

GLOSSARY_FILE = "vocabularies/glossary.yaml"


def check_glossary(
    glossary: models.Glossary,
    doc: Document,
    policies: dict[str, models.Policy],
    legal_bases: dict[str, models.LegalBasis],
    failed_policies: AbstractSet[str] = frozenset(),
    legal_bases_known: bool = True,
) -> Iterator[Problem]:
    """References to policies, sections, paragraphs and other terms exist; no form belongs to two terms.

    A reference to a policy that exists but failed validation (`failed_policies`), or to a paragraph
    while the table of legal bases failed (`legal_bases_known` false), is not judged: the failed file
    reports its own problem.
    """
    ids = [t.id for t in glossary.items]
    seen_forms: dict[str, str] = {}

    def problem(loc: tuple, message: str) -> Problem:
        return Problem(doc.path, doc.line_of(loc), field_path(loc), message)

    for i, term in enumerate(glossary.items):
        if ids.index(term.id) != i:
            yield problem(("items", i, "id"), f"id'et '{term.id}' er brugt af et andet begreb; giv hvert sit id")
        if term.legal_basis and term.legal_basis not in legal_bases and legal_bases_known:
            yield problem(
                ("items", i, "legal_basis"),
                f"henviser til lovgrundlaget '{term.legal_basis}', som ikke findes i vocabularies/legal_bases.yaml",
            )
        for j, related in enumerate(term.related):
            if related not in ids or related == term.id:
                yield problem(
                    ("items", i, "related", j),
                    f"henviser til begrebet '{related}', som ikke findes i ordlisten (eller er begrebet selv)",
                )
        for j, source in enumerate(term.sources):
            if source.policy in failed_policies:
                pass
            elif source.policy and source.policy not in policies:
                yield problem(
                    ("items", i, "sources", j, "policy"), f"henviser til politikken '{source.policy}', som ikke findes"
                )
            elif source.section and not source.policy:
                yield problem(("items", i, "sources", j, "section"), "et afsnit kræver, at policy er udfyldt")
            elif source.policy and source.section and source.section not in anchors(policies[source.policy]):
                yield problem(
                    ("items", i, "sources", j, "section"),
                    f"politikken '{source.policy}' har intet afsnit '{source.section}' på sin side",
                )
            if source.legal_basis and source.legal_basis not in legal_bases and legal_bases_known:
                yield problem(
                    ("items", i, "sources", j, "legal_basis"),
                    f"henviser til lovgrundlaget '{source.legal_basis}', som ikke findes",
                )
        for j, form in enumerate((term.term, *term.aliases)):
            key = _fold(form)
            if key in seen_forms and seen_forms[key] != term.id:
                loc = ("items", i, "term") if j == 0 else ("items", i, "aliases", j - 1)
                yield problem(
                    loc,
                    f"'{form}' er allerede en form af begrebet '{seen_forms[key]}'; en form kan kun "
                    "forklares på én måde",
                )
            seen_forms.setdefault(key, term.id)


def _fold(form: str) -> str:
    return " ".join(form.split()).casefold()
