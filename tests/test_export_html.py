"""The HTML export: standalone, print CSS for A4, escaped text, in both audiences."""

from __future__ import annotations

from html.parser import HTMLParser

import pytest

from facilkit.export.formats import render
from facilkit.library.loader import Folder, Library, load_library
from facilkit.paths import builtin_methods_dir
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
