"""Site search fed from the build: every finished page goes to Pagefind while MkDocs renders the next one.

`IndexFeed` runs Pagefind as a service (`pagefind --service`, from the `pagefind[bin]` package) beside MkDocs, so
the indexing uses the machine's second core. The plugin hands it each page's finished HTML in on_post_page
(`add`); Pagefind parses the page at once and keeps only its words, so no page's HTML is kept and the site is
never read back from disk. At the end (`finish`) the plugin asks for the index's files and writes them itself
into <site>/pagefind/, then the Danish spellings (search_spelling.py). Under `mkdocs serve` the service is kept:
a page rendered again by a partial rebuild (live_update.py) replaces its old text, and the index is written again.

The service's protocol (Pagefind's source, pagefind/src/service): each request and each answer is base64 of
a JSON object, followed by a comma, on the program's stdin and stdout; answers carry the request's message_id.
The Python client of the `pagefind` package is not used: it reads one answer per 0.1 s (a site of 16,000 pages
would wait half an hour for them) and its write_files is answered before the files are on disk (see search.py).
Here the files are fetched with GetFiles, which answers with their contents, and written before `finish` returns.
At most MAX_IN_FLIGHT pages wait for Pagefind at once: if it falls behind, MkDocs waits, so what waits in the
pipe does not grow with the site.
"""

from __future__ import annotations

import base64
import binascii
import contextlib
import json
import os
import shutil
import subprocess
import tempfile
import threading
import time
import weakref
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath
from typing import NoReturn

from pagefind.service import get_executable

from . import search

# Pages sent to Pagefind and not yet answered; beyond it, `add` waits for Pagefind.
MAX_IN_FLIGHT = 32
# How long Pagefind may take to answer (a page, or the index's files at the end) before the build gives up.
TIMEOUT_SECONDS = search.TIMEOUT_SECONDS
# Pagefind's log in the scratch folder: its warnings go there when it runs as a service.
LOG_NAME = "pagefind.log"
# What marks the indexed part of a page (overrides/main.html). A page without it is not sent: Pagefind leaves
# such pages out anyway once any page of the site has it (the results page, the print pages).
BODY_MARK = "data-pagefind-body"


@dataclass
class _Answers:
    """What the reader thread has seen: answers by message id, pages still waiting, and pages Pagefind refused."""

    by_id: dict[int, dict] = field(default_factory=dict)
    waiting: dict[int, str] = field(default_factory=dict)  # message id → the page's path, for AddFile
    refused: list[str] = field(default_factory=list)  # "<path>: <Pagefind's message>"
    closed: bool = False  # Pagefind's stdout ended: the program stopped
    garbled: str = ""  # an answer that could not be read


class IndexFeed:
    """A running Pagefind service with one index, fed page by page; `finish` writes the index into a site.

    Raises SearchIndexError (Danish, naming the step and quoting Pagefind) when the program is missing, cannot
    start, stops, hangs, refuses a page or answers something that cannot be read. Call `close` when the build
    ends in any other way (the plugin's on_build_error), or the program is left running until Python exits.
    """

    def __init__(self, label: str = "sitet") -> None:
        """Start Pagefind as a service; `label` names what is indexed in messages (the site folder)."""
        self.label = label
        binary = get_executable()
        if binary is None or not Path(binary).is_file():
            raise search.SearchIndexError(
                f"Pagefind-programmet blev ikke fundet ({binary or 'pagefind'}). Installér "
                "sitets afhængigheder igen: pip install -e ."
            )
        self.binary = Path(binary)
        # A scratch folder as working directory, so no pagefind.* file or PAGEFIND_* variable changes the index.
        self.workdir = Path(tempfile.mkdtemp(prefix="pagefind-"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("PAGEFIND_")}
        self._stderr = open(self.workdir / "stderr.txt", "w+b")  # noqa: SIM115 - open while the program runs
        try:
            self._proc = subprocess.Popen(
                [str(self.binary), "--service"],
                cwd=self.workdir,
                env=env,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=self._stderr,
            )
        except OSError as exc:  # not executable, wrong architecture, out of processes ...
            self._stderr.close()
            shutil.rmtree(self.workdir, ignore_errors=True)
            raise search.SearchIndexError(
                f"Søgeindeksering, trin 'start af Pagefind': programmet {self.binary} kunne ikke "
                f"startes: {exc.strerror or exc}."
            ) from None
        # Stops the program and removes the scratch folder on close(), or when Python exits after a failed build.
        self._finalizer = weakref.finalize(self, _stop, self._proc, self._stderr, self.workdir)
        self._answers = _Answers()
        self._sent: set[str] = set()  # the pages sent, by path
        self._changed = threading.Condition()
        self._write_lock = threading.Lock()
        self._next_id = 0
        self._files_request: int | None = None  # GetFiles sent by request_files, not yet answered
        self._reader = threading.Thread(target=self._read_answers, name="pagefind-answers", daemon=True)
        self._reader.start()
        config = {"exclude_selectors": search.EXCLUDE_SELECTORS, "logfile": str(self.workdir / LOG_NAME)}
        answer = self._request({"type": "NewIndex", "config": config}, "start af Pagefind")
        if answer.get("type") != "NewIndex" or not isinstance(answer.get("index_id"), int):
            self._fail("start af Pagefind", f"Pagefind svarede ikke med et nyt indeks, men {_short(answer)}")
        self.index_id: int = answer["index_id"]

    # --- feeding -------------------------------------------------------------------------------------------

    def add(self, path: str, html: str) -> None:
        """Send one finished page (`path`: its file in the site, 'tilbud/x/index.html'; `html`: the page).

        Returns as soon as the page is on its way, unless MAX_IN_FLIGHT pages are waiting for Pagefind.
        A page without data-pagefind-body is not sent. Raises SearchIndexError if Pagefind has stopped or hangs.
        """
        if BODY_MARK not in html and path not in self._sent:  # (sent before: this replaces its text)
            return
        with self._changed:
            room = self._changed.wait_for(
                lambda: len(self._answers.waiting) < MAX_IN_FLIGHT or self._answers.closed, timeout=TIMEOUT_SECONDS
            )
        if not room:
            self._timed_out("indeksering", f"om de sider, der blev sendt før {path}")
        self._send(
            {"type": "AddFile", "index_id": self.index_id, "file_path": path, "url": None, "file_contents": html},
            "indeksering",
            page=path,
        )
        self._sent.add(path)

    def request_files(self) -> None:
        """Ask for the index's files now; `finish` then waits for them.

        So Pagefind builds the index on its core while the build does other work. Only once every page is sent: a page
        sent after it is not in the files.
        """
        if self._files_request is None:
            self._files_request = self._send({"type": "GetFiles", "index_id": self.index_id}, "skrivning af indekset")

    def finish(self, site_dir: Path, *, keep: bool = False) -> search.IndexResult:
        """Write the index of every page sent into `site_dir`/pagefind/ and its Danish spellings beside it.

        Files of an earlier index there that the new one does not use are removed. With `keep`, the service
        keeps running with its pages (under `mkdocs serve`: a page sent again replaces its old text); otherwise
        it is stopped. Raises SearchIndexError if a page was refused, Pagefind stops or hangs, the files cannot
        be written, the written index is incomplete or holds no page, or the spellings cannot be written.
        """
        started = time.monotonic()
        site_dir = Path(site_dir).resolve()
        self.label = str(site_dir)
        try:
            asked, self._files_request = self._files_request, None
            answer = self._request({"type": "GetFiles", "index_id": self.index_id}, "skrivning af indekset", asked)
            if self._answers.refused:
                self._fail(
                    "indeksering",
                    f"Pagefind kunne ikke indeksere {len(self._answers.refused)} side(r):\n"
                    + "\n".join(f"  {line}" for line in self._answers.refused),
                )
            files = answer.get("files")
            if answer.get("type") != "GetFiles" or not isinstance(files, list):
                self._fail("skrivning af indekset", f"Pagefind svarede ikke med indeksets filer, men {_short(answer)}")
            del answer
            texts = self._write_files(site_dir / search.OUTPUT_DIR, files)
            del files
            warnings = self._warnings()
        except BaseException:
            self.close()
            raise
        if not keep:
            self.close()
        pages = search.indexed_pages(site_dir)
        if not pages:
            raise search.SearchIndexError("Pagefind fandt ingen sider at indeksere (mangler data-pagefind-body?).")
        spelled = search.write_spellings(site_dir, texts)
        return search.IndexResult(
            pages=pages, seconds=time.monotonic() - started, warnings=warnings, spelled_words=spelled
        )

    def close(self) -> None:
        """Stop Pagefind (if it still runs) and remove its scratch folder; safe to call more than once."""
        self._finalizer()

    @property
    def running(self) -> bool:
        """Whether the Pagefind service still runs."""
        return self._proc.poll() is None and not self._answers.closed

    # --- the protocol --------------------------------------------------------------------------------------

    def _send(self, payload: dict, step: str, page: str | None = None) -> int:
        """Write one request; its message id. A page's request is counted as waiting until it is answered."""
        with self._write_lock:
            self._next_id += 1
            message_id = self._next_id
            with self._changed:
                closed = self._answers.closed
                if page is not None and not closed:
                    self._answers.waiting[message_id] = page
            if closed:
                self._stopped(step)
            request = json.dumps({"message_id": message_id, "payload": payload}, ensure_ascii=False)
            assert self._proc.stdin is not None
            try:
                self._proc.stdin.write(base64.b64encode(request.encode("utf-8")) + b",")
                self._proc.stdin.flush()
            except (BrokenPipeError, ValueError, OSError):
                self._stopped(step)
        return message_id

    def _request(self, payload: dict, step: str, message_id: int | None = None) -> dict:
        """Send a request and wait for its answer; raises SearchIndexError on an error answer or a timeout.

        With `message_id`, the request was sent already (request_files): only wait for its answer.
        """
        message_id = message_id if message_id is not None else self._send(payload, step)
        with self._changed:
            self._changed.wait_for(
                lambda: message_id in self._answers.by_id or self._answers.closed, timeout=TIMEOUT_SECONDS
            )
            answer = self._answers.by_id.pop(message_id, None)
            closed = self._answers.closed
        if answer is None:
            if closed:
                self._stopped(step)
            self._timed_out(step, "på sit svar")
        assert answer is not None
        if answer.get("type") == "Error":
            self._fail(step, f"Pagefind svarede med en fejl: {answer.get('message')}")
        return answer

    def _read_answers(self) -> None:
        """The reader thread: split Pagefind's stdout into answers and note each one (see _Answers).

        An answer is decoded as it arrives, so the largest one (the index's files) is held once, not also as text.
        """
        stdout = self._proc.stdout
        assert stdout is not None
        decoded = bytearray()  # the answer so far
        pending = b""  # its base64 not decoded yet (the end of a chunk, short of 4 characters)
        head = b""  # its first bytes as sent, to quote if it cannot be read
        error: Exception | None = None
        try:
            while chunk := os.read(stdout.fileno(), 1 << 20):
                start = 0
                while True:
                    comma = chunk.find(b",", start)
                    text = pending + (chunk[start:] if comma < 0 else chunk[start:comma])
                    head = head if len(head) >= 200 else (head + text)[:200]
                    usable = len(text) if comma >= 0 else len(text) - len(text) % 4
                    try:
                        decoded += base64.b64decode(text[:usable], validate=True)
                    except binascii.Error as exc:
                        error = error or exc
                    pending = text[usable:]
                    if comma < 0:
                        break
                    self._note(decoded, error, head)
                    decoded, pending, head, error = bytearray(), b"", b"", None
                    start = comma + 1
        except (OSError, ValueError):  # the pipe was closed
            pass
        stdout.close()
        with self._changed:
            self._answers.closed = True
            self._changed.notify_all()

    def _note(self, decoded: bytearray, error: Exception | None, head: bytes) -> None:
        try:
            if error is not None:
                raise error
            answer = json.loads(decoded)
            decoded.clear()
            message_id = answer.get("message_id")
            payload = answer["payload"]
            if not isinstance(payload, dict):
                raise TypeError("payload er ikke et objekt")
        except (binascii.Error, ValueError, KeyError, TypeError, AttributeError) as exc:
            with self._changed:
                self._answers.garbled = self._answers.garbled or f"{type(exc).__name__}: {exc}; svaret: {head!r}"
                self._changed.notify_all()
            return
        with self._changed:
            answers = self._answers
            if message_id is None and payload.get("type") == "Error":
                # Pagefind could not read a request: it says so without the request's id.
                answers.garbled = (
                    answers.garbled or f"Pagefind kunne ikke læse en forespørgsel: {payload.get('message')}"
                )
            elif message_id in answers.waiting:
                page = answers.waiting.pop(message_id)
                if payload.get("type") != "IndexedFile":
                    answers.refused.append(f"{page}: {payload.get('message') or _short(payload)}")
            else:
                answers.by_id[message_id] = payload
            self._changed.notify_all()

    # --- writing the index ---------------------------------------------------------------------------------

    def _write_files(self, bundle: Path, files: list) -> list[str]:
        """Write Pagefind's files into `bundle` (earlier files it no longer has are removed); the pages' texts.

        A file that is there already is replaced in one step, so the site served meanwhile never has half a file.

        The texts (each page's title and indexed content) are read from the page records as they are written,
        for the spellings (search.indexed_texts reads the same from disk).
        """
        texts: list[str] = []
        written: set[Path] = set()
        try:
            # pagefind-entry.json, which names the other files, last (under serve a search may come meanwhile).
            files.sort(key=lambda entry: entry["path"] != "pagefind-entry.json")
            while files:
                entry = files.pop()  # each file's text is let go once it is written
                relative = PurePosixPath(entry["path"])
                if relative.is_absolute() or ".." in relative.parts or not relative.parts:
                    raise ValueError(f"filnavnet {entry['path']!r} peger uden for mappen")
                content = base64.b64decode(entry["content"], validate=True)
                target = bundle.joinpath(*relative.parts)
                if relative.suffix == ".pf_fragment":
                    texts += search.fragment_texts(content, relative.name)
                target.parent.mkdir(parents=True, exist_ok=True)
                if target.exists():  # written again (under serve): a reader sees the old file or the new one
                    if target.read_bytes() != content:
                        partial = target.with_name(target.name + ".ny")
                        partial.write_bytes(content)
                        partial.replace(target)
                else:
                    target.write_bytes(content)
                written.add(target)
        except (KeyError, TypeError, ValueError, AttributeError, binascii.Error) as exc:
            self._fail("skrivning af indekset", f"Pagefinds filer kan ikke læses ({type(exc).__name__}: {exc})")
        except OSError as exc:
            self._fail("skrivning af indekset", f"{exc.filename or bundle} kunne ikke skrives ({exc.strerror or exc})")
        for old in [p for p in bundle.rglob("*") if p.is_file() and p not in written]:
            if search.SPELLINGS_DIR not in old.relative_to(bundle).parts:
                old.unlink()
        return texts

    def _warnings(self) -> tuple[str, ...]:
        """Pagefind's warnings and errors from its log (a page it could not parse, a page without lang ...)."""
        try:
            lines = (self.workdir / LOG_NAME).read_text("utf-8", "replace").splitlines()
        except OSError:
            return ()
        found, current = [], None
        for line in lines:
            if line.startswith("["):
                current = line if line.startswith(("[Warning]", "[Error]")) else None
                if current is not None:
                    found.append(current)
            elif current is not None and line.strip():
                found.append(line)
        return tuple(found)

    # --- failures ------------------------------------------------------------------------------------------

    def _stopped(self, step: str) -> NoReturn:
        """Pagefind has stopped (or its pipes are closed): raise with its exit status and its own last words."""
        try:
            code = self._proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            code = None
        garbled = self._answers.garbled
        if garbled:
            what = f"Pagefind gav et svar, der ikke kan læses ({garbled})"
        elif code is not None and code < 0:
            what = f"Pagefind blev stoppet af signal {-code} (fx fordi maskinen løb tør for hukommelse)"
        elif code:
            what = f"Pagefind stoppede med fejlkoden {code}"
        else:
            what = "Pagefind stoppede uventet"
        self._fail(step, what)

    def _timed_out(self, step: str, waiting: str) -> NoReturn:
        self._fail(step, f"Pagefind svarede ikke inden for {TIMEOUT_SECONDS} sekunder {waiting} og blev stoppet")

    def _fail(self, step: str, what: str) -> NoReturn:
        """Stop Pagefind and raise SearchIndexError: the step, what happened, and the end of Pagefind's output."""
        if self._proc.poll() is None:
            self._proc.kill()
            self._proc.wait()
        stderr = b""
        with contextlib.suppress(OSError, ValueError):
            self._stderr.seek(0)
            stderr = self._stderr.read()
        log = ""
        with contextlib.suppress(OSError):
            log = (self.workdir / LOG_NAME).read_text("utf-8", "replace")
        message = search.failed_message(
            step, self.label, what, [("fejludskrift (stderr)", stderr), ("log (de sidste linjer)", log)]
        )
        self.close()
        raise search.SearchIndexError(message)


def _stop(proc: subprocess.Popen, stderr, workdir: Path) -> None:
    """Stop the program, close our end of its input and its stderr file, remove the scratch folder."""
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    with contextlib.suppress(OSError):  # a write that never reached the stopped program
        if proc.stdin is not None:
            proc.stdin.close()
    stderr.close()
    shutil.rmtree(workdir, ignore_errors=True)


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 200 else text[:200] + " …"
