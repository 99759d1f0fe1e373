"""The library search: ranking tiers, narrowing while typing, facets, and the word index,
which must answer exactly as the plain substring scan that defines the search."""

from __future__ import annotations

import functools
import itertools
import random

from hypothesis import given, settings
from hypothesis import strategies as st

from facilkit.library.loader import Folder, load_library
from facilkit.library.model import Duration, Entry, GroupSize, MethodHead, Text
from facilkit.library.search import Filters, SearchIndex
from facilkit.library.search_index import (
    BLOCK,
    FieldIndex,
    bits_where,
    flags_of_bits,
    pick,
    scan,
)
from facilkit.paths import builtin_methods_dir

BUILTIN_INDEX = SearchIndex(load_library([Folder(builtin_methods_dir(), "builtin")]))


def head(
    method_id: str,
    name: Text,
    summary: Text = "",
    tags: list[str] | None = None,
    *,
    category: str = "dialogue",
    process: str = "none",
    least_minutes: int = 10,
    group: tuple[int, int | None] = (1, None),
) -> Entry:
    method = MethodHead(
        id=method_id,
        name=name,
        summary=summary,
        category=category,
        process=process,  # type: ignore[arg-type]
        duration=Duration(least_minutes, least_minutes + 5, least_minutes + 20),
        group_size=GroupSize(*group),
        tags=tags or [],
    )
    return Entry(method, f"{method_id}.yaml", "user")


def plain_search(entries: list[Entry], filters: Filters) -> list[Entry]:
    """The search's meaning, written out plainly: what the index must answer, always."""

    def all_languages(text: Text) -> str:
        return text if isinstance(text, str) else " ".join(text.values())

    shown = {"open": ("open", "both"), "close": ("close", "both"), "both": ("both",)}
    shown["none"] = ("none",)
    words = filters.query.casefold().split()
    ranked: list[tuple[int, Entry]] = []
    for entry in entries:
        method = entry.head
        name = all_languages(method.name).casefold()
        tags = " ".join(method.tags).casefold()
        text = " ".join((entry.id, name, all_languages(method.summary).casefold(), tags))
        if not all(word in text for word in words):
            continue
        if filters.category and method.category != filters.category:
            continue
        if filters.process and method.process not in shown[filters.process]:
            continue
        if filters.fits_minutes is not None and method.duration.min > filters.fits_minutes:
            continue
        if filters.participants is not None and not method.group_size.suits(filters.participants):
            continue
        in_name = all(word in name for word in words)
        in_name_or_tags = all(word in name or word in tags for word in words)
        ranked.append((0 if in_name else 1 if in_name_or_tags else 2, entry))
    return [entry for _, entry in sorted(ranked, key=lambda pair: pair[0])]  # stable


def ids(entries: list[Entry]) -> list[str]:
    return [entry.id for entry in entries]


# --- ranking and narrowing


def test_a_match_in_the_name_ranks_above_the_tags_above_the_summary() -> None:
    entries = [
        head("a-summary", "Alpha", "Start with a tjek of the room"),
        head("b-tags", "Beta", tags=["Tjek"]),
        head("c-name", "Tjek ind"),
        head("d-none", "Delta", "Nothing here"),
        head("e-name", {"da": "Et tjek ud", "en": "A check-out"}),
    ]
    index = SearchIndex(entries, sort_lang="da")
    assert ids(index.filter(Filters(query="TJEK"))) == [
        "e-name",
        "c-name",
        "b-tags",
        "a-summary",
    ]  # A-Z in a tier
    # two words: each tier asks every word of its field(s)
    assert ids(index.filter(Filters(query="tjek ind"))) == ["c-name"]
    assert ids(index.filter(Filters(query="beta tjek"))) == ["b-tags"]  # name + tags: tier 2
    assert ids(index.filter(Filters(query="alpha room"))) == ["a-summary"]  # tier 3
    assert ids(index.filter(Filters(query="a-sum"))) == ["a-summary"]  # the id is searched too


def test_case_folding_and_danish_letters() -> None:
    entries = [
        head("sporgsmal", "Spørgsmålstyper"),
        head("aero", "ÆRØ-modellen", "Om Ærø"),
        head("strasse", "Große Straße"),
    ]
    index = SearchIndex(entries)
    assert ids(index.filter(Filters(query="SPØRGSMÅL"))) == ["sporgsmal"]
    assert ids(index.filter(Filters(query="ærø"))) == ["aero"]
    assert ids(index.filter(Filters(query="strasse"))) == ["strasse"]  # ß casefolds to ss
    assert ids(index.filter(Filters(query="spørgsmål ærø"))) == []


def test_search_filters_on_the_builtin_library() -> None:
    index = BUILTIN_INDEX
    assert ids(index.filter(Filters(query="UGU"))) == ["ugu"]
    assert "reflecting-team" in ids(index.filter(Filters(query="tom andersen")))
    closers = index.filter(Filters(process="close"))
    assert closers and all(e.method.process in ("close", "both") for e in closers)
    neither = index.filter(Filters(process="none"))
    assert neither and all(e.method.process == "none" for e in neither)
    short = index.filter(Filters(fits_minutes=10))
    assert short and all(e.method.duration.min <= 10 for e in short)
    big = index.filter(Filters(participants=30))
    assert all(e.method.group_size.suits(30) for e in big)
    assert "ugu" not in ids(big)


def test_search_narrows_while_typing_and_widens_after_backspace() -> None:
    index = SearchIndex(load_library([Folder(builtin_methods_dir(), "builtin")]))
    typed = [index.filter(Filters(query="reflecting team"[:n])) for n in range(1, 16)]
    assert ids(typed[-1]) == ["reflecting-team"]
    assert all(set(later) <= set(earlier) for earlier, later in itertools.pairwise(typed))
    assert len(index.filter(Filters(query="ref"))) > 1  # backspacing widens again
    assert index.filter(Filters(query="reflecting team")) == typed[-1]


@functools.cache
def fresh_search(query: str) -> list[Entry]:
    """``query`` answered by an index that has seen no other query (built for it: ~5 ms)."""
    return SearchIndex(BUILTIN_INDEX.entries).filter(Filters(query=query))


@settings(max_examples=150, deadline=None)
@given(st.lists(st.text(alphabet="aeiounrst æø", max_size=8), min_size=1, max_size=8))
def test_search_typed_on_matches_a_fresh_search(queries: list[str]) -> None:
    """Whatever was typed before (remembered words), a query answers as a fresh search."""
    for query in queries:
        remembered = BUILTIN_INDEX.filter(Filters(query=query))
        fresh = fresh_search(query)
        assert remembered == fresh == plain_search(BUILTIN_INDEX.entries, Filters(query=query))


def test_the_index_is_built_later_and_a_search_before_it_scans() -> None:
    entries = BUILTIN_INDEX.entries
    lazy = SearchIndex(entries, prepare=False)
    assert not lazy.indexed
    assert ids(lazy.filter(Filters(query="UGU"))) == ["ugu"]  # a scan, no index yet
    assert not lazy.indexed
    lazy.prepare()
    assert lazy.indexed
    assert ids(lazy.filter(Filters(query="UGU"))) == ["ugu"]
    assert ids(lazy.filter(Filters(query="tom andersen"))) == ids(
        plain_search(entries, Filters(query="tom andersen"))
    )


# --- the index means what the scan means

VOCABULARY = [
    "team",
    "tjek",
    "ind",
    "ud",
    "spørgsmål",
    "Spørgsmål",
    "ÆRØ",
    "ærø",
    "straße",
    "refleksion",
    "a",
    "b",
    "ab",
    "ba",
]
ODD_SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u2028", " - ", "."]


def random_text(rng: random.Random, words: int) -> str:
    parts = []
    for _ in range(words):
        word = rng.choice(VOCABULARY) if rng.random() < 0.8 else f"x{rng.randrange(10_000)}"
        parts += [word, rng.choice(ODD_SPACES)]
    return "".join(parts)


def random_library(rng: random.Random, count: int) -> list[Entry]:
    entries = []
    for number in range(count):
        name: Text = random_text(rng, rng.randrange(1, 4))
        if rng.random() < 0.5:
            name = {"da": str(name), "en": random_text(rng, 2)}
        entries.append(
            head(
                f"m-{number:04d}",
                name,
                {"da": random_text(rng, rng.randrange(0, 12)), "en": random_text(rng, 3)},
                [random_text(rng, 1) for _ in range(rng.randrange(0, 3))],
                category=rng.choice(["dialogue", "reflection"]),
                process=rng.choice(["open", "close", "both", "none"]),
                least_minutes=rng.randrange(5, 40),
                group=(rng.randrange(1, 6), rng.choice([None, 8, 20])),
            )
        )
    return entries


def random_query(rng: random.Random) -> str:
    words = []
    for _ in range(rng.randrange(0, 4)):
        word = rng.choice([*VOCABULARY, "x1", "x12", "m-00", "0", "zz", "M-0001"])
        start = rng.randrange(len(word))
        words.append(word[start : rng.randrange(start + 1, len(word) + 1)])
    return (
        rng.choice([" ", "  ", "\t"]).join(words).upper() if rng.random() < 0.2 else " ".join(words)
    )


def random_filters(rng: random.Random, query: str) -> Filters:
    return Filters(
        query=query,
        category=rng.choice([None, None, "", "dialogue", "reflection"]),
        process=rng.choice([None, None, "", "open", "close", "both", "none"]),
        fits_minutes=rng.choice([None, None, 0, 10, 25]),
        participants=rng.choice([None, None, 1, 4, 10, 30]),
    )


def test_the_index_answers_as_the_plain_scan_on_random_libraries() -> None:
    """Libraries of 1 to 700 methods (so tokens are common and rare both), many queries
    typed a letter at a time and backspaced; the index, the scan before it, and the
    plain meaning agree on every keystroke."""
    rng = random.Random(14)
    for count in (1, 2, 7, 64, 65, 300, 700):
        entries = random_library(rng, count)
        indexed = SearchIndex(entries, sort_lang="da")
        scanning = SearchIndex(entries, sort_lang="da", prepare=False)
        listing = indexed.entries
        for _ in range(40):
            query = random_query(rng)
            typed = [query[:n] for n in range(len(query) + 1)] + [query[: len(query) // 2]]
            for text in typed:
                filters = random_filters(rng, text)
                expected = plain_search(listing, filters)
                assert indexed.filter(filters) == expected, (count, filters)
                assert scanning.filter(filters) == expected, (count, filters)
        assert not scanning.indexed


@settings(max_examples=300, deadline=None)
@given(
    texts=st.lists(st.text(alphabet="abAB æøÆØß\t\u00a0-", max_size=12), min_size=0, max_size=40),
    word=st.text(alphabet="abæøsß-", min_size=1, max_size=4),
    share=st.integers(1, 80),
)
def test_a_field_index_finds_what_a_scan_finds(texts: list[str], word: str, share: int) -> None:
    """Any split between common tokens (bitsets) and rare ones (text) gives the scan's answer."""
    folded = [text.casefold() for text in texts]
    assert FieldIndex(folded, common_share=share).bits(word) == scan(folded, word)


def test_bitsets_keep_the_listing_order() -> None:
    flags = [True, False, True, True, False]
    bits = bits_where(flags)
    assert flags_of_bits(bits, len(flags)) == bytes(flags)
    assert pick(["a", "b", "c", "d", "e"], bits) == ["a", "c", "d"]
    assert pick([], 0) == [] and flags_of_bits(0, 0) == b""


def test_the_index_built_in_steps_answers_as_the_scan_between_and_after_them() -> None:
    """preparing() builds the index a block of methods per step (the app gives way to keys
    between steps): a search made between two steps scans and answers as the plain search,
    one after the last step uses the index and answers the same."""
    rng = random.Random(15)
    entries = random_library(rng, 700)
    index = SearchIndex(entries, sort_lang="da", prepare=False)
    listing = index.entries
    queries = [random_filters(rng, random_query(rng)) for _ in range(400)]
    steps = 0
    for _ in index.preparing():
        filters = queries[steps % len(queries)]
        assert not index.indexed
        assert index.filter(filters) == plain_search(listing, filters), filters
        steps += 1
    assert index.indexed
    assert steps >= 3 * 700 // BLOCK, "a step is at most a block of one field's methods"
    for filters in queries:
        assert index.filter(filters) == plain_search(listing, filters), filters
