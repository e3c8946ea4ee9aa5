"""Which web addresses the site may link to: https, an honest host name, nothing hidden.

A link must lead where it seems to lead. Refused, each with a Danish explanation:
a scheme other than https (http:// can be read and changed on the way; javascript: and data: run code),
user info before the host (https://www.rk.dk@evil.example/ leads to evil.example), a host name with
letters outside a-z (a Cyrillic 'а' looks like a Latin 'a') or in punycode (xn--), invisible characters
(bidi controls that reverse what is shown, zero-width characters), white space and backslashes (which
browsers read as '/'). The address is parsed with `urllib.parse`, as a browser would split it.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .characters import character_name, invisible_characters

_HOST = re.compile(r"(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}\.?")
_SPACE_OR_BACKSLASH = re.compile(r"[\s\\]")
LOOPBACK = frozenset({"localhost", "127.0.0.1"})


def url_problem(value: str, allow_loopback_http: bool = False) -> str | None:
    """What is wrong with `value` as a link on the site (a Danish sentence), or None if it may be used.

    `allow_loopback_http` lets http://127.0.0.1:8000 stand in the editors' guide (the address of `serve`).
    """
    hidden = invisible_characters(value)
    if hidden:
        position, char = hidden[0]
        return (
            f"webadressen indeholder det usynlige tegn {character_name(char)} på plads {position}; usynlige "
            "tegn kan skjule eller vende, hvor linket fører hen. Slet det"
        )
    if _SPACE_OR_BACKSLASH.search(value):
        return "en webadresse må ikke indeholde mellemrum eller omvendt skråstreg (\\); skriv %20 for et mellemrum"
    try:
        parts = urlsplit(value)
        parts.port  # noqa: B018 - reading it refuses an impossible port
    except ValueError:
        return "er ikke en gyldig webadresse; skriv den fulde adresse, fx https://www.rk.dk/"
    host = parts.hostname or ""
    if parts.scheme == "http" and not (allow_loopback_http and host in LOOPBACK):
        return (
            "skal begynde med https:// (sikker forbindelse); http:// er ikke tilladt. Skriv https://, hvis "
            "siden findes der, eller lad feltet stå tomt"
        )
    if parts.scheme not in ("https", "http") or not parts.netloc:
        return "skal være en webadresse, der begynder med https://, fx https://www.rk.dk/"
    if "@" in parts.netloc:
        user, real_host = parts.netloc.rsplit("@", 1)
        return (
            f"webadressen har '{user}@' foran værtsnavnet; linket fører til '{real_host}', ikke til "
            f"'{user}'. Skriv kun værtsnavnet efter https://"
        )
    if not host.isascii():
        char = next(c for c in host if not c.isascii())
        return (
            f"værtsnavnet '{host}' indeholder tegnet '{char}' ({character_name(char)}), som kan ligne et "
            "almindeligt bogstav; skriv værtsnavnet med a-z, 0-9, bindestreg og punktum"
        )
    if any(label.startswith("xn--") for label in host.split(".")):
        return (
            f"værtsnavnet '{host}' er skrevet med punycode (xn--), som kan skjule bogstaver, der ligner "
            "andre; skriv værtsnavnet med a-z, 0-9, bindestreg og punktum"
        )
    if not _HOST.fullmatch(host) and not (allow_loopback_http and host in LOOPBACK):
        return f"'{host}' er ikke et værtsnavn, sitet kan linke til; skriv fx https://www.rk.dk/"
    return None
