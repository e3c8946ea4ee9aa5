"""Where the site's files live: the repository's address (mkdocs.yml `repo_url`) and each page's file in it.

The address is configured once, in mkdocs.yml, from the environment variable REPO_URL (the workflows set it
to the GitHub repository they run in); `edit_uri` there is the repository's root on the main branch. Without an
address the pages have no edit link, and `python -m macros check --publish` refuses to publish.
"""

from __future__ import annotations

import ipaddress
from pathlib import Path
from urllib.parse import urlencode, urljoin, urlsplit

from ..data.problems import Problem

RECORD_FOLDERS = ("offers/", "contacts/", "policies/", "municipalities/")
CONFIG_FILE = "mkdocs.yml"
ENV_VARIABLE = "REPO_URL"


def configured_repo_url(config_file: Path) -> str | None:
    """`repo_url` of the MkDocs configuration, with `!ENV` resolved as MkDocs does; None when unset or empty."""
    from mkdocs.utils.yaml import yaml_load  # MkDocs' own reader, so the answer is the one the build gets

    with open(config_file, encoding="utf-8") as handle:
        config = yaml_load(handle) or {}
    return config.get("repo_url") or None


def repository_path(repo_root: Path, file: Path) -> str | None:
    """The file's path in the repository ('offers/x.yaml', 'content/index.md'), or None when it lies outside it.

    Data read from elsewhere with SITE_DATA_DIR has no file in the repository to edit.
    """
    try:
        return file.resolve().relative_to(repo_root.resolve()).as_posix()
    except ValueError:
        return None


def publish_problems(config_file: Path) -> list[Problem]:
    """What stops publishing: no configuration file, or no repository address (no page could be edited)."""
    shown = config_file.name
    if not config_file.is_file():
        return [Problem(shown, 1, "", f"sitets konfiguration {config_file} findes ikke; kør tjekket i arkivets mappe")]
    if configured_repo_url(config_file):
        return []
    lines = config_file.read_text("utf-8").splitlines()
    line = next((i for i, text in enumerate(lines, 1) if text.startswith("repo_url:")), 1)
    return [
        Problem(
            shown,
            line,
            "repo_url",
            "kodearkivets adresse er ikke sat, så ingen side kan linke til den fil, den er lavet af. "
            f"Sæt miljøvariablen {ENV_VARIABLE} til arkivets adresse, fx https://github.com/<ejer>/<arkiv> "
            "(arbejdsgangen, der offentliggør sitet på GitHub, gør det selv), før sitet offentliggøres",
        )
    ]


def edit_url(repo_url: str | None, edit_uri: str | None, path: str | None) -> str | None:
    """The address where a file of the repository is edited, or None.

    Joined as MkDocs joins a page's edit link (repo_url + edit_uri + the file's path); None without an address, an
    edit_uri or a path in the repository.
    """
    if not repo_url or not edit_uri or path is None:
        return None
    return urljoin(repo_url if repo_url.endswith("/") else repo_url + "/", edit_uri.rstrip("/") + "/" + path)


def is_published(site_url: str) -> bool:
    """Whether `site_url` is an address others can open.

    True for an http(s) address whose host is not this machine; False for localhost, 127.0.0.1, ::1 and the like,
    which only the one who built the site could follow, and for anything that is not an http(s) address.
    """
    parts = urlsplit(site_url)
    host = (parts.hostname or "").rstrip(".").lower()
    if parts.scheme not in ("http", "https") or not host:
        return False
    if host == "localhost" or host.endswith(".localhost"):
        return False
    try:
        return not ipaddress.ip_address(host).is_loopback and not ipaddress.ip_address(host).is_unspecified
    except ValueError:  # a name, not an address
        return True


def report_url(repo_url: str, site_url: str | None, page_url: str, record_file: str, title: str) -> str:
    """A link that opens a new issue in the repository, prefilled with the page and its record file.

    `repo_url` is the repository's address (https://github.com/<owner>/<repo>), `page_url` the page's path on the
    site ('tilbud/x/'), `site_url` the published address it is joined to (the path alone when None or a local
    address, such as the default http://127.0.0.1:8000/ of a build without SITE_URL: `is_published`), `record_file`
    the file in the repository ('offers/x.yaml'), `title` the page's title. Nothing is requested until a reader
    follows the link; GitHub then shows the form with the title and the text filled in.
    """
    address = urljoin(site_url, page_url) if site_url and is_published(site_url) else page_url
    body = (
        f"Siden: {address}\nFilen: {record_file}\n\n"
        "Hvad er forkert? (fx et forkert telefonnummer, en forkert adresse, et tilbud der er lukket)\n\n"
        "Hvad er det rigtige, og hvor har du det fra?\n"
    )
    query = urlencode({"title": f"Fejl på siden: {title}", "body": body})
    return f"{repo_url.rstrip('/')}/issues/new?{query}"
