"""Command line for editors and CI: `python -m macros check` validates all data without building the site."""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from ..data.catalog import check_data
from ..data.problems import github_annotations, markdown_summary, report
from ..site import repository
from . import scaffold, schemas


def main(argv: list[str] | None = None) -> int:
    """Run the command in `argv` (by default sys.argv[1:]): check, new, schemas or generate.

    Returns the exit code: 0 on success, 1 if the data, a schema or the arguments are refused (the Danish
    messages go to stderr). argparse exits with 2 on unknown options.
    """
    parser = argparse.ArgumentParser(prog="python -m macros", description="Værktøjer til sitets data.")
    sub = parser.add_subparsers(dest="command", required=True)
    check = sub.add_parser("check", help="Tjek alle YAML-filer (og mkdocs.yml) og rapportér alle fejl på én gang.")
    check.add_argument("--root", type=Path, default=Path("."), help="Mappen med policies/, offers/ osv.")
    check.add_argument(
        "--publish",
        action="store_true",
        help="Før offentliggørelse: også advarsler, der skal rettes før publicering, er fejl.",
    )
    check.add_argument(
        "--config-file",
        type=Path,
        default=Path(repository.CONFIG_FILE),
        help="Sitets konfiguration; --publish kræver, at den giver kodearkivets adresse (repo_url).",
    )
    check.add_argument(
        "--github",
        action="store_true",
        help="Skriv også fejlene som anmærkninger i pull requesten og i jobbets oversigt.",
    )
    schema = sub.add_parser("schemas", help="Generér JSON-skemaerne i schemas/ ud fra modellerne.")
    schema.add_argument("--root", type=Path, default=Path("."))
    schema.add_argument("--check", action="store_true", help="Skriv intet; fejl, hvis skemaerne er forældede.")
    new = sub.add_parser(
        "new",
        help="Opret en ny fil for en kommune, et tilbud, en kontakt eller en politik ud fra "
        "en skabelon; tjekket afviser den, til alle UDFYLD er udfyldt.",
    )
    new.add_argument("kind", choices=list(scaffold.FOLDERS), help="municipality, offer, contact eller policy")
    new.add_argument("id", help="Id'et, fx roedovre-vaerested (små bogstaver, tal og bindestreger)")
    new.add_argument("--municipality", help="Kommunens id, fx roedovre (ikke for en ny kommune)")
    new.add_argument("--root", type=Path, default=Path("."))
    gen = sub.add_parser("generate", help="Skriv syntetiske testdata (alle 98 kommuner) i en separat mappe.")
    gen.add_argument("--seed", type=int, default=1, help="Samme seed og størrelse giver de samme filer.")
    gen.add_argument("--size", default="1000", help="Antal poster: fx 1000, 5000 eller national (15.500).")
    gen.add_argument("--out", type=Path, required=True, help="En tom mappe (eller en tidligere syntetisk mappe).")
    args = parser.parse_args(argv)

    if args.command == "generate":
        from .synthetic import generate

        try:
            counts = generate(args.out, args.seed, args.size)
        except ValueError as exc:
            print(f"Fejl: {exc}", file=sys.stderr)
            return 1
        print(
            f"Skrev {counts['municipalities']} kommuner, {counts['policies']} politikker, {counts['offers']} tilbud "
            f"og {counts['contacts']} kontakter (syntetiske) i {args.out}. Byg med SITE_DATA_DIR={args.out}"
        )
        return 0

    if args.command == "new":
        try:
            path = scaffold.scaffold(args.root, args.kind, args.id, args.municipality)
        except ValueError as exc:
            print(f"Fejl: {exc}", file=sys.stderr)
            return 1
        print(
            f"Oprettede {path}. Åbn filen og følg trinene i kommentarerne øverst: erstat hvert UDFYLD. "
            "Indtil da afviser tjekket filen, og sitet kan ikke bygges."
        )
        return 0

    if args.command == "schemas":
        if args.check:
            stale = schemas.drifted(args.root)
            for stale_file in stale:
                print(
                    f"{stale_file}: skemaet passer ikke til modellerne; kør `python -m macros schemas`", file=sys.stderr
                )
            return 1 if stale else 0
        for path in schemas.write_schemas(args.root):
            print(f"Skrev {path}")
        return 0

    if args.command == "check":
        catalog, problems = check_data(args.root)
        if (args.root / "mkdocs.yml").is_file():  # the site's own folder, not a separate data folder
            from ..site.page_templates import check_site_pages
            from ..site.site_config import read_site_config

            # mkdocs.yml, then the macro code of the hand-written pages, as the build will check them
            config_problems, site = read_site_config(args.root / "mkdocs.yml")
            if site is not None:
                config_problems += check_site_pages(site)
            problems += config_problems
            catalog = None if config_problems else catalog
        if args.publish:
            problems = [
                replace(p, severity="fejl") if p.blocks_publishing else p
                for p in [*problems, *repository.publish_problems(args.config_file)]
            ]
            if any(p.severity == "fejl" for p in problems):
                catalog = None
        if args.github:
            if problems:
                print(github_annotations(problems))
            summary = os.environ.get("GITHUB_STEP_SUMMARY")
            if summary:
                with open(summary, "a", encoding="utf-8") as out:
                    out.write(markdown_summary(problems))
                    if catalog is not None:  # what partners miss most, from the public view like every output
                        from ..data.public_view import public_view
                        from ..site import todo

                        out.write("\n" + todo.markdown_summary(todo.todo(public_view(catalog))))
        if problems:
            print(report(problems), file=sys.stderr if catalog is None else sys.stdout)
        if catalog is None:
            return 1
        print(
            f"OK: {len(catalog.municipalities)} kommuner, {len(catalog.policies)} politikker, "
            f"{len(catalog.offers)} tilbud og {len(catalog.contacts)} kontakter er gyldige."
        )
    return 0
