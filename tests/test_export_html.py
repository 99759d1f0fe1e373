"""The HTML export: standalone, print CSS for A4, escaped text, in both audiences."""

from __future__ import annotations

import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pypdf
import pytest

from facilkit.export.formats import render
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
from facilkit.plans.clock import format_clock
from facilkit.plans.schedule import schedule
from facilkit.plans.storage import load_plan
from tests.export_helpers import (
    EXAMPLES,
    HOSTILE,
    clock_times_and_titles,
    hostile_plan,
    squash,
)


class Page(HTMLParser):
    """The page's visible text and every tag and attribute it uses."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.attrs: list[tuple[str, str | None]] = []
        self.text: list[str] = []
        self.style = ""
        self._in: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        self.attrs += attrs
        if tag not in ("br", "col", "meta"):
            self._in.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data: str) -> None:
        if "style" in self._in:
            self.style += data
        elif "title" not in self._in:
            self.text.append(data)


def parse(data: bytes) -> Page:
    page = Page()
    page.feed(data.decode("utf-8"))
    return page


@pytest.fixture(scope="module")
def library() -> Library:
    return load_library([Folder(builtin_methods_dir(), "builtin")])


@pytest.mark.parametrize("audience", ["facilitator", "participants"])
@pytest.mark.parametrize("lang", ["da", "en"])
@pytest.mark.parametrize("name", sorted(EXAMPLES))
def test_html_has_every_time_and_title_and_prints_on_a4(
    name: str, lang: str, audience: str, library: Library
) -> None:
    plan = load_plan(EXAMPLES[name])
    page = parse(render("html", plan, library, lang, audience))  # type: ignore[arg-type]
    text = squash("".join(page.text))
    for needed in clock_times_and_titles(plan, library, lang):
        assert squash(needed) in text
    assert "æ" in text or "ø" in text or "å" in text
    assert "size: A4" in page.style and "display: table-header-group" in page.style
    assert "break-inside: avoid" in page.style
    pages = '"Side " counter(page) " af " counter(pages)' if lang == "da" else '"Page "'
    assert pages in page.style
    assert not {"script", "link", "img", "iframe"} & set(page.tags)  # nothing from outside
    assert not any(v and ("http:" in v or "https:" in v) for _, v in page.attrs)


def test_hostile_text_comes_out_as_the_same_text(library: Library) -> None:
    for audience in ("facilitator", "participants"):
        page = parse(render("html", hostile_plan(), library, "en", audience))  # type: ignore[arg-type]
        assert "script" not in page.tags and "a" not in page.tags
        text = "".join(page.text)
        assert text.count(HOSTILE) >= 3, audience


BROWSER = (
    shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
)


def printed(html: bytes, tmp_path: Path) -> list[str]:
    """The text of each page a real browser prints the HTML to (A4, from its own CSS)."""
    assert BROWSER is not None
    source, pdf = tmp_path / "page.html", tmp_path / "page.pdf"
    source.write_bytes(html)
    subprocess.run(
        [
            BROWSER,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--no-pdf-header-footer",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--print-to-pdf={pdf}",
            source.as_uri(),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    reader = pypdf.PdfReader(pdf)
    for sheet in reader.pages:  # A4 portrait: 595 x 842 pt
        assert (round(float(sheet.mediabox.width)), round(float(sheet.mediabox.height))) == (
            595,
            842,
        )
    return [squash(sheet.extract_text()) for sheet in reader.pages]


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here to print with")
@pytest.mark.parametrize("lang", ["da", "nb"])
def test_a_browser_prints_it_as_the_css_says(lang: str, library: Library, tmp_path: Path) -> None:
    """Issue 11: headers repeat, rows stay whole, 'Side 1 af 2', the handout on one page."""
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    plan.language = lang
    handout = printed(render("html", plan, library, lang, "participants"), tmp_path)
    page_of = {"da": "Side{page}af{pages}", "nb": "Side{page}av{pages}"}[lang]
    assert len(handout) == 1 and page_of.format(page=1, pages=1) in handout[0]

    pages = printed(render("html", plan, library, lang, "facilitator"), tmp_path)
    assert len(pages) >= 2
    for number, text in enumerate(pages, 1):
        assert page_of.format(page=number, pages=len(pages)) in text
    header = squash("Tid Min Punkt Hvordan Ansvarlig" if lang == "da" else "Tid Min Punkt")
    numbers = [page_of.format(page=n, pages=len(pages)) for n in range(1, len(pages) + 1)]
    carried = [
        n
        for n, text in enumerate(pages)
        if n > 0 and text.replace(numbers[n], "").startswith(header)
    ]
    assert carried, "the agenda runs onto page 2 and its header row repeats there"
    for slot in schedule(plan, library).slots:
        row = squash(f"{format_clock(slot.start)}–{format_clock(slot.end)}{slot.minutes}")
        assert sum(row in text for text in pages) == 1, row


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here to print with")
def test_a_browser_keeps_each_agenda_row_on_one_page(library: Library, tmp_path: Path) -> None:
    """Tall rows (long notes) would be cut at the page edge without the print CSS."""
    plan = load_plan(EXAMPLES["learning-group-meeting"])
    for number, item in enumerate(plan.agenda):
        item.notes = f"Begin{number} " + "ord " * 70 + f"Slut{number}"
    pages = printed(render("html", plan, library, "da", "facilitator"), tmp_path)
    for number in range(len(plan.agenda)):
        begin = [n for n, text in enumerate(pages) if f"Begin{number}" in text]
        end = [n for n, text in enumerate(pages) if f"Slut{number}" in text]
        assert begin == end and len(begin) == 1, f"row {number + 1} is split: {begin} {end}"


@pytest.mark.skipif(BROWSER is None, reason="no Chromium here to print with")
def test_a_browser_keeps_a_rotation_heading_with_its_table(
    library: Library, tmp_path: Path
) -> None:
    """Seen in Chromium: 'Rotasjon: …' and its summary line alone at the foot of page 1."""
    plan = load_plan(EXAMPLES["station-rotation-afternoon"])
    plan.language = "nb"
    pages = printed(render("html", plan, library, "nb", "facilitator"), tmp_path)
    (heading,) = [n for n, text in enumerate(pages) if "Rotasjon:" in text]
    assert squash("Stasjon Tema Spørsmål") in pages[heading]
    assert squash("Runde Tid Gruppe 1") in pages[heading]
