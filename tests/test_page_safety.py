"""What an editor's page or mkdocs.yml may do: no code run by the check or the build, no reach into Python from a
page's macro code, no script in the reader's browser. Each case is an outside tester's example.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest
from conftest import ROOT, run_check
from jinja2 import Environment, FileSystemLoader
from jinja2.exceptions import SecurityError, UndefinedError
from mkdocs.utils.meta import get_data

from macros.data.active_content import active_content
from macros.site import page_templates
from macros.site.site_config import python_tag_problems, read_site_config
from macros.site.site_macros import macro_names

# --- Python tags in mkdocs.yml ------------------------------------------------------------------------------


def _config(tmp_path, extra: str):
    path = tmp_path / "mkdocs.yml"
    path.write_text((ROOT / "mkdocs.yml").read_text("utf-8") + extra, "utf-8")
    return path


def test_a_python_tag_that_runs_a_command_is_refused_and_never_run(tmp_path):
    marker = tmp_path / "pwned"
    path = _config(tmp_path, f'extra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n')
    line = path.read_text("utf-8").count("\n")
    problems, config = read_site_config(path)
    assert config is None and not marker.exists()
    assert [(p.line, p.message.split(";")[0]) for p in problems] == [
        (
            line,
            "YAML-mærket '!!python/object/apply:os.system' får MkDocs til at køre Python-kode, når filen læses, "
            "og er ikke tilladt",
        )
    ]


@pytest.mark.parametrize(
    "tag",
    [
        '!<tag:yaml.org,2002:python/object/apply:os.system> ["true"]',  # verbatim
        '!python/object/apply:os.system ["true"]',
        "!!python/name:os.system",
        "!!python/object/new:subprocess.Popen [[true]]",
    ],
)
def test_every_spelling_of_a_python_tag_is_refused(tmp_path, tag):
    path = tmp_path / "mkdocs.yml"
    path.write_text(f"site_name: x\nextra:\n  x: {tag}\n", "utf-8")
    assert [p.line for p in python_tag_problems(path)] == [3]


def test_a_tag_handle_declared_for_python_is_refused(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text('%TAG !p! tag:yaml.org,2002:python/\n---\nsite_name: x\nx: !p!object/apply:os.system ["true"]\n')
    assert [p.line for p in python_tag_problems(path)] == [4]


def test_a_python_tag_in_a_file_it_inherits_from_is_refused(tmp_path):
    (tmp_path / "base.yml").write_text('extra:\n  x: !!python/object/apply:os.system ["true"]\n', "utf-8")
    path = tmp_path / "mkdocs.yml"
    path.write_text("INHERIT: base.yml\nsite_name: x\n", "utf-8")
    assert [(p.path, p.line) for p in python_tag_problems(path)] == [("base.yml", 2)]


def test_the_slugify_tag_comments_and_text_are_allowed(tmp_path):
    path = tmp_path / "mkdocs.yml"
    path.write_text(
        "site_name: x  # !!python/object/apply:os.system\n"
        "note: '!!python/object/apply:os.system'\n"
        "slug: !!python/object/apply:pymdownx.slugs.slugify\n  kwds:\n    case: lower\n",
        "utf-8",
    )
    assert python_tag_problems(path) == []
    assert python_tag_problems(ROOT / "mkdocs.yml") == []


@pytest.fixture
def site_copy(tmp_path):
    """A copy of the site's files (code, content, mkdocs.yml, data) to break freely."""
    work = tmp_path / "site-copy"
    anywhere = shutil.ignore_patterns(".git", "__pycache__", "*.egg-info", ".pytest_cache")

    def ignore(folder, names):  # the built site/ at the top, not the package macros/site/
        return anywhere(folder, names) | ({".venv", "site", "site.new"} & set(names) if folder == str(ROOT) else set())

    shutil.copytree(ROOT, work, ignore=ignore)
    return work


def _build(site, out, **environment):
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(out)],
        capture_output=True,
        text=True,
        cwd=site,
        env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **environment),
        timeout=600,
    )


def test_the_check_refuses_a_python_tag_without_running_it_and_the_build_refuses_too(site_copy, tmp_path):
    marker = tmp_path / "pwned"
    config = site_copy / "mkdocs.yml"
    config.write_text(
        config.read_text("utf-8") + f'extra:\n  x: !!python/object/apply:os.system ["touch {marker}"]\n', "utf-8"
    )
    result = run_check(site_copy)
    assert result.returncode == 1
    assert "mkdocs.yml:" in result.stderr and "'!!python/object/apply:os.system'" in result.stderr
    assert not marker.exists(), "the check must not load the file"
    # MkDocs itself reads the file before any plugin runs (so the command has run); the build still refuses.
    built = _build(site_copy, tmp_path / "out")
    assert built.returncode != 0 and "python -m macros check" in built.stdout + built.stderr
    assert not (tmp_path / "out" / "index.html").exists()


# --- macro code in the hand-written pages ---------------------------------------------------------------------

MACROS = macro_names()
TEMPLATES = ROOT / "macros" / "site" / "templates"


def _problems(body: str, front: str = "render_macros: true\n") -> list[tuple[int, str]]:
    source = f"---\n{front}---\n\n# Side\n\n{body}\n"
    markdown, front_matter = get_data(source)
    return [
        (p.line, p.message)
        for p in page_templates.template_problems(
            source, markdown, "content/side.md", MACROS, set(front_matter), TEMPLATES
        )
    ]


def test_the_registered_macros_are_known_without_data_or_a_build():
    assert {"policy_index", "counts", "mentions", "onboarding_print"} <= MACROS


def test_reaching_into_python_from_a_page_is_refused_at_its_line():
    problems = _problems('Tekst\n\n{{ cycler.__init__.__globals__.os.environ["FAKE_SECRET"] }}')
    assert (
        9,
        "'cycler' er hverken en makro eller et felt øverst på siden; en side kan kun kalde sitets makroer og "
        "læse sine egne felter.",
    ) in problems
    assert any(line == 9 and message.startswith("'.__init__' er ikke tilladt") for line, message in problems)
    assert len(problems) == 2, problems  # one for the name, one for the chain


@pytest.mark.parametrize(
    "code",
    [
        "{{ counts().__class__ }}",
        "{{ counts()['__class__'] }}",
        "{{ counts()|attr('__class__') }}",
        "{{ '{0.__class__}'.format(counts()) }}",
        "{% set key = '__cl' ~ 'ass__' %}{{ counts()[key] }}",
        "{{ counts()|map(attribute='__class__')|list }}",
        "{{ config.plugins }}",
        "{{ range(10) }}",
    ],
)
def test_every_way_out_of_the_macros_is_refused(code):
    problems = _problems(code)
    assert problems and {line for line, _ in problems} == {7}, problems


@pytest.mark.parametrize(
    "code",
    [
        '{{ "<scr" ~ "ipt>alert(1)</scr" ~ "ipt>" }}',
        '[a]({{ "java" }}script:alert(1))',
        '{% set x = "java" %}[a]({{ x }}script:alert(1))',
        "{% macro m() %}<scr{% endmacro %}{{ m() }}ipt>",
        '{% filter replace("x", "") %}<sxcript>{% endfilter %}',
        "{{ counts()|replace('x', '<script>') }}",
    ],
)
def test_text_or_markup_put_together_in_the_macro_code_is_refused(code):
    problems = _problems(code)
    assert problems and {line for line, _ in problems} == {7}, problems


def test_macros_their_results_and_the_front_matter_are_allowed():
    assert (
        _problems("{{ counts().policies }} {{ render_macros }} {% for m in counts() %}{{ loop.index }}{% endfor %}")
        == []
    )


@pytest.mark.parametrize(
    ("include", "message"),
    [
        (
            '{% include "../README.md" %}',
            "'../README.md' peger uden for mappen med skabeloner (macros/site/templates/)",
        ),
        ('{% include "/etc/passwd" %}', "'/etc/passwd' peger uden for mappen med skabeloner"),
        (
            '{% include "polcy_index.md.j2" %}',
            "filen 'polcy_index.md.j2' findes ikke i mappen med skabeloner "
            "(macros/site/templates/). Mente du 'policy_index.md.j2'?",
        ),
    ],
)
def test_an_include_outside_the_templates_or_missing_is_a_danish_message(include, message):
    problems = _problems(include)
    assert len(problems) == 1 and problems[0][0] == 7 and problems[0][1].startswith(message), problems


def test_the_build_renders_pages_in_a_sandbox():
    env = page_templates.sandbox(Environment(loader=FileSystemLoader(str(TEMPLATES))))
    with pytest.raises((SecurityError, UndefinedError)):
        env.from_string("{{ cycler.__init__.__globals__.os }}").render()
    assert env.from_string("{{ '{0.__class__}'.format(1) }}").render() == ""  # str.format reads no attribute
    assert env.from_string("{{ d.a }} {{ range(2)|list }}").render(d={"a": 1}) == "1 [0, 1]"


def test_the_check_and_the_build_agree_on_the_pages(site_copy, tmp_path):
    page = site_copy / "content" / "om-sitet.md"
    text = page.read_text("utf-8")
    line = text.count("\n") + 2
    page.write_text(
        text + '\n{{ cycler.__init__.__globals__.os.environ["FAKE_SECRET"] }}\n\n{% include "../README.md" %}\n'
        "\n{{ unknown_macro() }}\n",
        "utf-8",
    )
    expected = [
        f"content/om-sitet.md:{line}: '.__init__' er ikke tilladt",
        f"content/om-sitet.md:{line + 2}: '../README.md' peger uden for mappen med skabeloner",
        f"content/om-sitet.md:{line + 4}: makroen 'unknown_macro' findes ikke.",
    ]
    checked = run_check(site_copy)
    assert checked.returncode == 1
    for message in expected:
        assert message in checked.stderr, checked.stderr
    built = _build(site_copy, tmp_path / "out", FAKE_SECRET="hemmelig-vaerdi-42")
    output = built.stdout + built.stderr
    assert built.returncode != 0 and "Traceback" not in output
    for message in expected:
        assert message in output, output
    assert "hemmelig-vaerdi-42" not in output
    assert not (tmp_path / "out" / "index.html").exists()


def test_the_build_refuses_script_that_only_the_rendered_page_shows(site_copy, tmp_path):
    """The last guard: what a macro puts together is checked in the page's HTML (here the check is bypassed
    by a macro of the site's own that writes what its argument says)."""
    macros = site_copy / "macros" / "site" / "site_macros.py"
    text = macros.read_text("utf-8")
    anchor = "    @env.macro\n    def policy_index() -> Markup:"
    assert anchor in text
    macros.write_text(
        text.replace(
            anchor, "    env.macro(lambda: Markup('<scr' + 'ipt>alert(1)</scr' + 'ipt>'), 'bad')\n\n" + anchor
        ),
        "utf-8",
    )
    page = site_copy / "content" / "om-sitet.md"
    page.write_text(page.read_text("utf-8") + "\n{{ bad() }}\n", "utf-8")
    built = _build(site_copy, tmp_path / "out")
    output = built.stdout + built.stderr
    assert built.returncode != 0, output
    assert "content/om-sitet.md: efter makroerne indeholder siden kode, der kører i læserens browser" in output
    assert "HTML-elementet <script> er ikke tilladt" in output
    assert not (tmp_path / "out" / "om-sitet" / "index.html").exists()


# --- script in the reader's browser ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "start"),
    [
        ("<script>alert(21)</script>", "HTML-elementet <script> er ikke tilladt"),
        ("<iframe src='https://example.org'></iframe>", "HTML-elementet <iframe> er ikke tilladt"),
        ("<OBJECT data=x></OBJECT>", "HTML-elementet <object> er ikke tilladt"),
        ("<embed src=x>", "HTML-elementet <embed> er ikke tilladt"),
        ("<img src=x onerror=alert(1)>", "HTML-attributten 'onerror' kører kode"),
        ('<a href="#"\n   onclick="alert(1)">x</a>', "HTML-attributten 'onclick' kører kode"),
        ("[a](javascript:alert(1))", "linket 'javascript:alert(1' bruger adressetypen 'javascript:'"),
        ("[a](JaVa&#x09;Script:alert(1))", "linket 'JaVa&#x09;Script:alert(1' bruger adressetypen 'javascript:'"),
        ("[a]: vbscript:msgbox", "linket 'vbscript:msgbox' bruger adressetypen 'vbscript:'"),
        ('<a href=" data:text/html,x">x</a>', "linket ' data:text/html,x' bruger adressetypen 'data:'"),
        ("<style>\np { background: url(https://example.org/x) }\n</style>", "<style> bruger url()"),
        ('<p style="background:url(x)">x</p>', "style-attributten bruger url()"),
    ],
)
def test_code_for_the_browser_is_refused(text, start):
    found = active_content("# Side\n\n" + text + "\n")
    assert len(found) == 1 and found[0][0] in (3, 4) and found[0][1].startswith(start), found


def test_code_shown_as_code_and_ordinary_markup_are_allowed():
    text = (
        "Skriv `<script>` eller `[a](javascript:x)` sådan.\n\n```html\n<script>alert(1)</script>\n```\n\n"
        '<div markdown class="x"><a href="https://example.org">x</a> <button type="button">y</button></div>\n'
        "[a](https://example.org) <https://example.org> <form action='soeg/'><input name=q></form>\n"
    )
    assert active_content(text) == []


def test_the_check_refuses_script_in_a_page_but_not_the_sites_own_javascript(data_copy):
    content = data_copy / "content"
    (content / "assets").mkdir(parents=True)
    (content / "side.md").write_text("# Side\n\nHej\n<img src=x onerror=alert(1)>\n[a](javascript:alert(1))\n")
    (content / "side.html").write_text("<p>x</p>\n<script>alert(21)</script>\n", "utf-8")
    (content / "assets" / "site.js").write_text("document.querySelector('a').onclick = () => 1;\n", "utf-8")
    result = run_check(data_copy)
    assert result.returncode == 1
    lines = sorted(ln.split(" ", 1)[0] for ln in result.stderr.splitlines() if ln.startswith("content/"))
    assert lines == ["content/side.html:2:", "content/side.md:4:", "content/side.md:5:"], result.stderr
