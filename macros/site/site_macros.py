"""Macros for the hand-written pages in content/: facts pulled from the data, never copied by hand."""

from __future__ import annotations

from pathlib import Path

from markupsafe import Markup

from ..data import formatting, routes, transcription
from ..data.catalog import Catalog
from ..data.kinds import BY_FOLDER
from ..data.public_view import require_public
from ..data.vocabulary import POLICY_KINDS, Compliance
from ..tools import scaffold
from . import catalogue, field_reference, onboarding, todo, tonight, views
from . import repository as repository_files  # the macro `repository` below is another thing
from .render import md_escape, render


class _Recorder:
    """Stands in for the macros plugin's env: keeps the name of each macro registered on it, runs none."""

    def __init__(self) -> None:
        self.names: set[str] = set()

    def macro(self, function, name: str | None = None):
        self.names.add(name or function.__name__)
        return function


class _NoData:
    """Stands in for the catalog while the macros are only named: registering reads nothing from it."""

    public = True


def macro_names() -> frozenset[str]:
    """The name of every macro a hand-written page may call, as `register` registers them.

    Needs no data and no build (for `python -m macros check`, see page_templates.py).
    """
    recorder = _Recorder()
    register(recorder, _NoData(), [])  # type: ignore[arg-type]
    return frozenset(recorder.names)


def register(env, catalog: Catalog, changes: list[dict]) -> None:
    """Register every macro on the macros plugin's `env`, and the onboarding macros (onboarding.register).

    The catalog (the public view, public_view.py) is the data source, `changes` the records with the date each last
    changed (see freshness.py). Raises ValueError for a catalog that is not the public view.
    """
    require_public(catalog, "Makroerne på de håndskrevne sider")
    onboarding.register(env, catalog)

    def base() -> str:
        """The way from the page being rendered to the site root ('../' from politikker/index.md)."""
        return "../" * env.page.file.src_uri.count("/")

    @env.macro
    def policy_index() -> Markup:
        """All policies grouped by municipality, with kind, period and status."""
        groups = []
        for m in catalog.municipalities_sorted():
            rows = [
                {
                    "link": views.md_link(p.title, routes.page_of("policies", p.id, base=base())),
                    "kind": POLICY_KINDS[p.kind].label,
                    "period": formatting.period(p.valid_from, p.valid_to),
                    "status": formatting.STATUS_LABELS[catalog.policy_status(p)],
                    "summary": p.summary,
                    "transcription": transcription.label(p),
                    "whole": transcription.is_whole(p),
                }
                for p in catalog.policies_of(m.id)
            ]
            if rows:
                groups.append({"name": formatting.municipality_name(m), "rows": rows})
        return Markup(render("policy_index.md.j2", groups=groups))

    @env.macro
    def transcription_claims() -> transcription.Claims:
        """What the pages may say about how completely the policies are reproduced (data/transcription.py).

        `sentence`, `phrase`, `data` and `method`, each true for the policies on the site.
        """
        return transcription.claims(catalog.policies.values())

    @env.macro
    def offer_catalogue() -> Markup:
        """The filterable list of every offer (see catalogue.py)."""
        return catalogue.render_catalogue(catalog)

    @env.macro
    def offer_search_examples() -> Markup:
        """The catalogue's example searches as Markdown, '*hjemløs*, *bolig* eller *§ 85*' (catalogue.search_examples).

        Each finds at least one offer; '' for a catalogue without offers.
        """
        words = [f"*{md_escape(w)}*" for w in catalogue.site_search_examples(catalog)]
        return Markup(" eller ".join([", ".join(words[:-1]), words[-1]]) if len(words) > 1 else "".join(words))

    @env.macro
    def legal_basis_table() -> Markup:
        """The Serviceloven table with each paragraph's meaning and the offers given under it."""
        return Markup(render("legal_bases.md.j2", rows=views.legal_basis_rows(catalog)))

    @env.macro
    def contact_index() -> Markup:
        """Every contact, grouped by sector."""
        return Markup(render("contact_index.md.j2", groups=views.contact_groups(catalog)))

    @env.macro
    def field_reference_table(kind: str) -> Markup:
        """Every field of a kind (offer, contact, policy, municipality), generated from the model."""
        return Markup(render("field_reference.md.j2", rows=field_reference.rows(catalog, kind)))

    @env.macro
    def data_counts() -> dict:
        """Record counts of the open-data files and the build date, for content/data/index.md."""
        from ..exports import open_data as exports

        return exports.record_counts(catalog) | {"generated": formatting.long_date(catalog.today)}

    @env.macro
    def recent_changes(limit: int = 100) -> Markup:
        """The records that changed most recently, newest first."""
        rows = [
            {
                "date": formatting.long_date(r["date"]) if r["date"] else "Ukendt",
                "link": views.md_link(r["title"], base() + r["page"]),
                "kind": BY_FOLDER[r["folder"]].label,
            }
            for r in changes[:limit]
        ]
        return Markup(render("recent_changes.md.j2", rows=rows))

    @env.macro
    def accessibility_statement() -> Markup:
        """The accessibility statement from about/accessibility.yaml."""
        s = catalog.accessibility
        status = {
            Compliance.COMPLIANT: "Sitet overholder WCAG 2.1 niveau AA (EN 301 549).",
            Compliance.PARTIALLY_COMPLIANT: "Sitet overholder delvist WCAG 2.1 niveau AA (EN 301 549) på grund af "
            "de kendte problemer nedenfor.",
            Compliance.NOT_COMPLIANT: "Sitet overholder ikke WCAG 2.1 niveau AA (EN 301 549).",
        }[s.status]
        return Markup(
            render(
                "accessibility.md.j2",
                s=s,
                status=status,
                reviewed=formatting.long_date(s.last_reviewed),
                tested=formatting.long_date(s.tested) if s.tested else None,
                manual_tests=[
                    {
                        "description": m.description,
                        "when": f"Senest udført {formatting.long_date(m.done)}." if m.done else "Endnu ikke udført.",
                    }
                    for m in s.manual_tests
                ],
                phone_href=views.attr("tel:" + s.contact_phone.replace(" ", "")) if s.contact_phone else None,
                email_href=views.attr("mailto:" + s.contact_email) if s.contact_email else None,
                form_link=views.external_link("Skriv til os", s.contact_form) if s.contact_form else None,
            )
        )

    @env.macro
    def repository() -> dict[str, str | Markup]:
        """The repository for the editor guide (mkdocs.yml repo_url).

        `link` to it, its address for `git clone` as `clone`, and the `folder` a clone makes; without an address,
        words that say it is not set.
        """
        url = env.conf.get("repo_url")
        if not url:
            return {
                "link": Markup("kodearkivet (adressen står her, når sitet bygges til offentliggørelse)"),
                "clone": "<kodearkivets adresse>",
                "folder": "<mappen>",
            }
        return {
            "link": Markup(f'<a href="{views.attr(url)}">{md_escape(url)}</a>'),
            "clone": url,
            "folder": url.rstrip("/").rsplit("/", 1)[-1].removesuffix(".git"),
        }

    @env.macro
    def scaffold_template(kind: str) -> Markup:
        """The scaffold of a kind as a code block to copy into GitHub's web editor, every value still UDFYLD.

        An indented code block, not a fenced one: it stands inside a collapsible box (pymdownx.details).
        """
        return Markup("".join(f"    {line}\n" for line in scaffold.template_text(kind).splitlines()))

    @env.macro
    def counts() -> dict[str, int]:
        """How many records of each kind the site holds, for sentences on hand-written pages."""
        return {
            "policies": len(catalog.policies),
            "municipalities": len(catalog.municipalities),
            "offers": len(catalog.offers),
            "contacts": len(catalog.contacts),
        }

    @env.macro
    def tonight_help() -> Markup:
        """The box 'Akut: hjælp i nat' from vocabularies/emergency.yaml (see tonight.py)."""
        return tonight.render_tonight(catalog, env.page.file.src_uri)

    @env.macro
    def editor_todo() -> Markup:
        """Per municipality, the offers that lack what partners need most, each with its page and its file.

        The file is an edit link when the repository's address is set, else the path as text; see todo.py.
        """
        repo_root = Path(env.conf["config_file_path"]).parent

        def file_link(file: str) -> str | None:
            path = repository_files.repository_path(repo_root, catalog.root / file)
            return repository_files.edit_url(env.conf.get("repo_url"), env.conf.get("edit_uri"), path)

        groups = todo.page_view(todo.todo(catalog), env.page.file.src_uri, file_link)
        return Markup(render("todo.md.j2", gaps=todo.GAPS, groups=groups))

    @env.macro
    def municipality_names() -> Markup:
        """'Ballerup, Egedal, Frederiksberg og Rødovre': the municipalities with policies, escaped for the page."""
        names = [m.name for m in catalog.municipalities_sorted() if catalog.policies_of(m.id)]
        return Markup(md_escape(formatting.danish_list(names)))
