"""The benchmark corpus generator: deterministic, realistic, and accepted by the real converter."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from dangjian.bench.generate import (
    GeneratedSource,
    Material,
    generate,
    read_material,
    split_seed,
    traditional_text,
    write_corpus,
)
from dangjian.check.frontmatter import check_page
from dangjian.convert.pipeline import Conversion, convert
from dangjian.convert.script import to_traditional
from dangjian.glossary.load import parse_glossary
from dangjian.glossary.matcher import TermMatcher
from dangjian.layout import GAZETTEER, GLOSSARY
from dangjian.model import Kind
from dangjian.regions.gazetteer import Gazetteer, parse_gazetteer, region_problems
from dangjian.regions.locate import find_places
from dangjian.sources.sidecar import parse_sidecar

ROOT = Path(__file__).resolve().parents[1]
N = 200


@pytest.fixture(scope="module")
def material() -> Material:
    return read_material(ROOT)


@pytest.fixture(scope="module")
def gazetteer() -> Gazetteer:
    return parse_gazetteer((ROOT / GAZETTEER).read_text(encoding="utf-8"), GAZETTEER)


@pytest.fixture(scope="module")
def corpus(material: Material) -> list[GeneratedSource]:
    return generate(material, N, seed=7)


@pytest.fixture(scope="module")
def conversions(corpus: list[GeneratedSource]) -> dict[str, Conversion]:
    """Every generated source through the real converter, with its sidecar as ``dangjian convert`` reads it."""
    out = {}
    for source in corpus:
        sidecar = None
        if source.sidecar is not None:
            sidecar = parse_sidecar(source.sidecar, f"sources/{source.stem}.meta.yaml")
        out[source.name] = convert(source.text.encode("utf-8"), f"sources/{source.name}", sidecar)
    return out


def test_same_seed_same_corpus_other_seed_other_corpus(material: Material) -> None:
    first = generate(material, 25, seed=3)
    assert generate(material, 25, seed=3) == first
    assert generate(material, 10, seed=3) == first[:10]  # source i depends only on (seed, i)
    other = generate(material, 25, seed=4)
    assert [s.text for s in other] != [s.text for s in first]


def test_count_and_names(corpus: list[GeneratedSource]) -> None:
    assert len(corpus) == N
    names = [s.name for s in corpus]
    assert names == sorted(names) and len(set(names)) == N
    for index, name in enumerate(names, start=1):
        assert re.fullmatch(rf"b{index:05d}-[a-z0-9]+(?:-[a-z0-9]+)*\.txt", name), name


def test_sizes_within_3_to_25_kb(corpus: list[GeneratedSource]) -> None:
    sizes = [len(s.text.encode("utf-8")) for s in corpus]
    assert 3_000 <= min(sizes) and max(sizes) <= 25_000, (min(sizes), max(sizes))


def test_about_one_in_five_traditional(conversions: dict[str, Conversion]) -> None:
    traditional = sum(c.article.metadata.script == "traditional" for c in conversions.values())
    assert 0.10 * N <= traditional <= 0.30 * N, traditional


def test_traditional_is_opencc_s2t_of_the_whole_text(material: Material) -> None:
    """The clause cache is an optimisation only: it gives what converting the whole text gives."""
    for text in (p.text for p in material.paragraphs[:40]):
        assert traditional_text(text) == to_traditional(text)
    page = "\n".join(p.text for p in material.paragraphs[40:60]) + "\n\n\n标题 一行\n"
    assert traditional_text(page) == to_traditional(page)


def test_every_source_converts_into_pieces(conversions: dict[str, Conversion]) -> None:
    for name, conversion in conversions.items():
        article = conversion.article
        assert article.pieces, name
        assert all(p.title and p.authors for p in article.pieces), name
        assert conversion.page.startswith("---\n"), name
        # Every generated layout break is one the converter can join: nothing left unfinished.
        assert not [r for r in article.repairs if r.kind != "joined"], (name, article.repairs)


def test_layouts_vary(conversions: dict[str, Conversion]) -> None:
    articles = [c.article for c in conversions.values()]
    several = sum(len(a.pieces) >= 2 for a in articles)
    headed = sum(any(s.title for s in a.sections) for a in articles)
    captioned = sum(any(b.kind is Kind.CAPTION for s in a.sections for b in s.blocks) for a in articles)
    joined = sum(any(r.kind == "joined" for r in a.repairs) for a in articles)
    across_caption = sum(
        any(
            b.continued_from
            and any(o.kind is Kind.CAPTION and b.lineno < o.lineno < b.continued_from[0] for o in s.blocks)
            for s in a.sections
            for b in s.blocks
        )
        for a in articles
    )
    briefs = sum(any(p.brief for p in a.pieces) for a in articles)
    for label, count in [
        ("several pieces", several),
        ("section headings", headed),
        ("captions", captioned),
        ("layout breaks", joined),
        ("breaks around a caption", across_caption),
        ("datelined briefs", briefs),
    ]:
        assert count >= N // 10, (label, count)
    assert several <= N * 0.8


def test_most_articles_use_several_glossary_terms(conversions: dict[str, Conversion]) -> None:
    glossary, _problems = parse_glossary((ROOT / GLOSSARY).read_text(encoding="utf-8"), GLOSSARY)
    matcher = TermMatcher.from_glossary(glossary)
    rich = 0
    for conversion in conversions.values():
        # The text as the source wrote it; a traditional original is matched through its simplified view.
        article = conversion.article
        text = "\n".join(
            [p.title_original for p in article.pieces]
            + [b.original for s in article.sections for b in s.blocks]
        )
        rich += len({m.term for m in matcher.find(text, traditional=article.converted)}) >= 2
    assert rich >= 0.8 * N, rich


def test_sidecars_name_gazetteer_places_in_order(
    corpus: list[GeneratedSource], conversions: dict[str, Conversion], gazetteer: Gazetteer
) -> None:
    with_sidecar = [s for s in corpus if s.sidecar is not None]
    assert 0.3 * N <= len(with_sidecar) <= 0.7 * N
    for source in with_sidecar:
        meta = parse_sidecar(source.sidecar or "", f"sources/{source.stem}.meta.yaml")
        assert meta.publication == "" and meta.date == "", source.name  # never invented
        region = {"province": meta.province, "city": meta.city, "county": meta.county}
        assert meta.province and meta.city, source.name
        assert region_problems(region, gazetteer) == {}, (source.name, region)
        # The text is about the place the sidecar names: its city or county is mentioned.
        article = conversions[source.name].article
        text = "\n".join(b.text for s in article.sections for b in s.blocks)
        named = set(find_places(gazetteer, text))
        assert named & {meta.city, meta.county} - {""}, (source.name, region)


def test_pages_pass_the_front_matter_check(conversions: dict[str, Conversion], gazetteer: Gazetteer) -> None:
    for name, conversion in conversions.items():
        _fm, problems = check_page(conversion.page, f"docs/articles/{name[:-4]}.md", gazetteer)
        assert problems == [], (name, [str(p) for p in problems])


def test_seeds_are_cut_into_parts() -> None:
    parts = split_seed((ROOT / "sources" / "000-tongjiang.txt").read_text(encoding="utf-8"))
    kinds = {p.kind for p in parts}
    assert {"title", "byline", "paragraph", "caption", "heading"} <= kinds
    paragraphs = [p.text for p in parts if p.kind == "paragraph"]
    assert any(p.startswith("做强现代农业。") and "“县乡共管、夺旗争星”行动" in p for p in paragraphs)
    assert not any(p.startswith("本报讯") for p in paragraphs)  # datelines become bylines
    web = split_seed((ROOT / "sources" / "003-yanbian.txt").read_text(encoding="utf-8"))
    assert web[0].text == "延边州:党旗映红乡村振兴路 同心谱就边疆幸福曲"  # chrome gone, simplified
    assert not any("国际在线" in p.text for p in web)


def test_thousand_sources_in_under_ten_seconds() -> None:
    start = time.perf_counter()
    corpus = generate(read_material(ROOT), 1_000, seed=11)
    elapsed = time.perf_counter() - start
    assert len(corpus) == 1_000
    assert elapsed < 10, elapsed


def test_write_corpus(tmp_path: Path) -> None:
    paths = write_corpus(tmp_path / "sources", 6, seed=2, root=ROOT)
    assert [p.name for p in paths] == sorted(p.name for p in (tmp_path / "sources").glob("*.txt"))
    for path in paths:
        assert path.read_bytes().decode("utf-8")
    for sidecar in (tmp_path / "sources").glob("*.meta.yaml"):
        assert (tmp_path / "sources" / sidecar.name.replace(".meta.yaml", ".txt")).exists()
