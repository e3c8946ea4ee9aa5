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
    """Problems in the MkDocs configuration file at `path` (none if MkDocs would accept it): see `read_site_config`."""
    return read_site_config(path)[0]


def read_site_config(path: Path) -> tuple[list[Problem], Any]:
    """Problems in the MkDocs configuration file at `path`, and the validated configuration if it has none.

    Returns (problems, a MkDocsConfig with its plugins loaded, or None if there are problems).

    Reads it with MkDocs' own loader (so `!ENV` and `INHERIT` work) and validates it with MkDocs'
    schema, which also loads the theme, the plugins and the Markdown extensions it names; but first
    `python_tag_problems`, and if it finds a tag that runs code, the file is not loaded at all.
    """
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.exceptions import ConfigurationError
    from mkdocs.utils import yaml_load

    shown = path.name
    text = path.read_text("utf-8")
    refused = python_tag_problems(path)
    if refused:  # MkDocs' loader would run the code the tag names: it is not called at all
        return refused, None
    try:
        with open(path, "rb") as handle:
            data = yaml_load(handle)
    except (yaml.YAMLError, ConfigurationError) as exc:  # MkDocs wraps PyYAML's error; the cause has the lines
        cause = exc if isinstance(exc, yaml.YAMLError) else exc.__context__
        if isinstance(cause, yaml.MarkedYAMLError):
            return [syntax_problem(shown, text, cause)], None
        return [
            Problem(shown, 1, "", "filen kan ikke læses som YAML, eller en fil, den arver fra (INHERIT), findes ikke")
        ], None
    if not isinstance(data, dict):
        return [Problem(shown, 1, "", "filen skal indeholde indstillinger (navn: værdi) på øverste niveau")], None
    config = MkDocsConfig(config_file_path=str(path))
    config.load_dict(data)
    failed, warnings = config.validate()
    settings = sorted(name for name, _ in MkDocsConfig._schema)
    # A misspelt setting (`site_nmae`) also leaves the real one missing: one message, at the misspelling.
    misspelt = {
        _close_setting(key, settings)
        for key, message in warnings
        if message.startswith("Unrecognised configuration name")
    }
    problems = [
        Problem(shown, _line_of_failure(text, key, str(error)), key, _failure_da(key, str(error)))
        for key, error in failed
        if not (key in misspelt and str(error).startswith("Required configuration not provided"))
    ]
    problems += [
        Problem(shown, _line_of_warning(text, key, message), key, _warning_da(key, message, settings))
        for key, message in warnings
    ]
    if not failed and config.get("nav"):
        problems += list(_missing_nav_pages(config["nav"], Path(config["docs_dir"]), text, shown))
    return problems, (None if problems else config)


YAML_TAG = "tag:yaml.org,2002:"
ALLOWED_PYTHON_TAGS = frozenset({f"{YAML_TAG}python/object/apply:pymdownx.slugs.slugify"})
"""The only Python tags mkdocs.yml may use, with the callable each names: MkDocs reads the file with PyYAML's
full loader, which calls whatever function a `!!python/...` tag names (`!!python/object/apply:os.system`)."""


def python_tag_problems(path: Path) -> list[Problem]:
    """A problem at each Python tag in the YAML file at `path` that ALLOWED_PYTHON_TAGS does not allow.

    Every `!!python/...` (or `!python/...`) tag counts, in the file and in the files it inherits from
    (INHERIT); a syntax problem if the file cannot be tokenised (then it must not be loaded either).

    Reads the file with PyYAML's scanner only (tokens: comments and quoted text are not tags; `%TAG` handles
    and verbatim `!<...>` tags are resolved), which constructs nothing, so nothing is run.
    """
    return _python_tags(path, path.name, set())


def _python_tags(path: Path, shown: str, seen: set[Path]) -> list[Problem]:
    seen.add(path.resolve())
    try:
        text = path.read_text("utf-8")
        tokens = list(yaml.scan(text))
    except yaml.MarkedYAMLError as exc:
        return [syntax_problem(shown, text, exc)]
    except (OSError, UnicodeDecodeError, yaml.YAMLError):
        return [Problem(shown, 1, "", "filen kan ikke læses som YAML")]
    problems = []
    handles = {"!": "!", "!!": YAML_TAG}
    for at, token in enumerate(tokens):
        if isinstance(token, yaml.DirectiveToken) and token.name == "TAG":
            handles[token.value[0]] = token.value[1]
        elif isinstance(token, yaml.TagToken):
            handle, suffix = token.value
            tag = suffix if handle is None else handles.get(handle, handle) + suffix
            if _is_python(tag) and tag not in ALLOWED_PYTHON_TAGS:
                problems.append(_python_tag_problem(shown, token.start_mark.line + 1, tag))
        elif _is_inherit(tokens[at : at + 3]):
            parent = (path.parent / tokens[at + 2].value).resolve()
            if parent.is_file() and parent not in seen:
                problems += _python_tags(parent, tokens[at + 2].value, seen)
    return problems


def _is_inherit(tokens: list) -> bool:
    """Whether the tokens are `INHERIT: <file>`."""
    return (
        len(tokens) == 3
        and isinstance(tokens[0], yaml.ScalarToken)
        and tokens[0].value == "INHERIT"
        and isinstance(tokens[1], yaml.ValueToken)
        and isinstance(tokens[2], yaml.ScalarToken)
    )


def _is_python(tag: str) -> bool:
    """Any tag PyYAML's full loader turns into a Python object, in any spelling (`!!python/`, `!python/`...)."""
    return "python/" in tag.lower() or "python:" in tag.lower()


def _python_tag_problem(shown: str, line: int, tag: str) -> Problem:
    typed = "!!" + tag[len(YAML_TAG) :] if tag.startswith(YAML_TAG) else tag
    allowed = ", ".join("!!" + a[len(YAML_TAG) :] for a in sorted(ALLOWED_PYTHON_TAGS))
    return Problem(
        shown,
        line,
        "",
        f"YAML-mærket '{typed}' får MkDocs til at køre Python-kode, når filen læses, og er ikke tilladt; "
        f"det eneste tilladte er {allowed} (overskrifternes ankre). Slet mærket; indtil da læses filen ikke",
    )


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
        close = _close_setting(key, settings)
        hint = f" Mente du '{close}'?" if close else ""
        return f"ukendt indstilling '{key}'.{hint} MkDocs' indstillinger står på https://www.mkdocs.org/user-guide/configuration/"
    return f"advarsel fra MkDocs om '{key}', som stopper et strengt build: {message}"


def _close_setting(key: str, settings: list[str]) -> str | None:
    """The setting `key` is most likely a misspelling of, if any."""
    close = difflib.get_close_matches(key, settings, n=1, cutoff=0.6)
    return close[0] if close else None


def _failure_da(key: str, message: str) -> str:
    if message.startswith("Required configuration not provided"):
        return f"indstillingen '{key}' mangler; den skal udfyldes"
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
