"""Check mkdocs.yml the way MkDocs will read it, and report its mistakes in Danish with their lines.

MkDocs validates its configuration before any plugin runs, so a misspelt setting, a plugin that is
not installed or a page in `nav` that does not exist would otherwise reach the editor as English
MkDocs messages. `python -m macros check` (run first by scripts/serve.sh, scripts/build.sh and CI)
calls `check_site_config` and stops with these problems before MkDocs starts.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml

from ..data.loader import syntax_problem
from ..data.problems import Problem


def check_site_config(path: Path) -> list[Problem]:
    """Problems in the MkDocs configuration file at `path` (none if MkDocs would accept it).

    Reads it with MkDocs' own loader (so `!ENV` and `INHERIT` work) and validates it with MkDocs'
    schema, which also loads the theme, the plugins and the Markdown extensions it names.
    """
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import yaml_load

    shown = path.name
    text = path.read_text("utf-8")
    try:
        with open(path, "rb") as handle:
            data = yaml_load(handle)
    except (yaml.YAMLError, ConfigurationError) as exc:  # MkDocs wraps PyYAML's error; the cause has the lines
        cause = exc if isinstance(exc, yaml.YAMLError) else exc.__context__
        if isinstance(cause, yaml.MarkedYAMLError):
            return [syntax_problem(shown, text, cause)]
        return [
            Problem(shown, 1, "", "filen kan ikke læses som YAML, eller en fil, den arver fra (INHERIT), findes ikke")
        ]
    if not isinstance(data, dict):
        return [Problem(shown, 1, "", "filen skal indeholde indstillinger (navn: værdi) på øverste niveau")]
    config = MkDocsConfig(config_file_path=str(path))
    config.load_dict(data)
    failed, warnings = config.validate()
    settings = sorted(name for name, _ in MkDocsConfig._schema)
    problems = [
        Problem(shown, _line_of_failure(text, key, str(error)), key, _failure_da(key, str(error)))
        for key, error in failed
    ]
    problems += [
        Problem(shown, _line_of_warning(text, key, message), key, _warning_da(key, message, settings))
        for key, message in warnings
    ]
    if not failed and config.get("nav"):
        problems += list(_missing_nav_pages(config["nav"], Path(config["docs_dir"]), text, shown))
    return problems


def _line_of_key(text: str, key: str, indented: bool = False) -> int:
    pattern = rf"^\s+(?:- )?{re.escape(key)}\s*:" if indented else rf"^{re.escape(key)}\s*:"
    match = re.search(pattern, text, re.M)
    return text.count("\n", 0, match.start()) + 1 if match else 1


def _line_of_failure(text: str, key: str, message: str) -> int:
    """The line of the plugin, theme or extension the message names (as in `- name:`), else of the setting."""
    named = re.search(r"""(?:"([^"]+)" plugin|theme name: '([^']+)'|extension '([^']+)')""", message)
    name = next((g for g in named.groups() if g), None) if named else None
    match = re.search(rf"^\s*(?:- |name: )?{re.escape(name)}\s*:?\s*$", text, re.M) if name else None
    return text.count("\n", 0, match.start()) + 1 if match else _line_of_key(text, key)


def _line_of_warning(text: str, key: str, message: str) -> int:
    option = re.match(r"Plugin '[^']+' option '([^']+)'", message)
    return _line_of_key(text, option.group(1), indented=True) if option else _line_of_key(text, key)


def _warning_da(key: str, message: str, settings: list[str]) -> str:
    option = re.match(r"Plugin '([^']+)' option '([^']+)': Unrecognised configuration name", message)
    if option:
        return f"pluginet '{option.group(1)}' har ingen indstilling '{option.group(2)}'"
    if message.startswith("Unrecognised configuration name"):
        close = difflib.get_close_matches(key, settings, n=1, cutoff=0.6)
        hint = f" Mente du '{close[0]}'?" if close else ""
        return f"ukendt indstilling '{key}'.{hint} MkDocs' indstillinger står på https://www.mkdocs.org/user-guide/configuration/"
    return f"advarsel fra MkDocs om '{key}', som stopper et strengt build: {message}"


def _failure_da(key: str, message: str) -> str:
    plugin = re.match(r'The "([^"]+)" plugin is not installed', message)
    if plugin:
        return (
            f"pluginet '{plugin.group(1)}' er ikke installeret; tjek stavemåden, eller installér det med "
            "`pip install -e .`"
        )
    theme = re.match(r"Unrecognised theme name: '([^']+)'", message)
    if theme:
        return f"temaet '{theme.group(1)}' findes ikke; sitet bruger temaet 'material'"
    extension = re.match(r"Failed to load extension '([^']+)'", message)
    if extension:
        reason = message.strip().splitlines()[-1]
        detail = re.match(r"KeyError: '([^']+)'", reason)
        if detail:
            return f"Markdown-udvidelsen '{extension.group(1)}' har ingen indstilling '{detail.group(1)}'"
        return f"Markdown-udvidelsen '{extension.group(1)}' kan ikke indlæses; tjek stavemåden"
    expected = re.match(r"Expected type: <class '(\w+)'> but received: <class '(\w+)'>", message)
    if expected:
        kinds = {
            "bool": "true eller false",
            "str": "tekst",
            "int": "et helt tal",
            "list": "en liste",
            "dict": "en gruppe af indstillinger",
        }
        wanted, given = (kinds.get(expected.group(i), expected.group(i)) for i in (1, 2))
        return f"forventede {wanted}, men fik {given}"
    return (
        f"indstillingen '{key}' har en værdi, MkDocs ikke kan bruge (MkDocs siger: {message.strip().splitlines()[0]})"
    )


def _missing_nav_pages(nav: Any, docs_dir: Path, text: str, shown: str) -> Iterator[Problem]:
    """Every page in `nav` that is neither a web address nor a file in the docs folder."""
    for path in _nav_paths(nav):
        if "://" in path or path.startswith(("/", "#", "mailto:")):
            continue
        if not (docs_dir / path.split("#")[0]).is_file():
            match = re.search(rf":\s*{re.escape(path)}\s*$|^\s*-\s*{re.escape(path)}\s*$", text, re.M)
            line = text.count("\n", 0, match.start()) + 1 if match else _line_of_key(text, "nav")
            yield Problem(
                shown,
                line,
                "nav",
                f"siden '{path}' findes ikke i mappen {docs_dir.name}/; ret stien, eller opret siden",
            )


def _nav_paths(item: Any) -> Iterator[str]:
    if isinstance(item, str):
        yield item
    elif isinstance(item, list):
        for child in item:
            yield from _nav_paths(child)
    elif isinstance(item, dict):
        for child in item.values():
            yield from _nav_paths(child)
