"""Converter cases as fixture files: a title, the raw input, the expected page.

Each file in ``tests/fixtures/convert/`` holds header lines (``title:``,
``source:`` — the file name the input pretends to have, ``newline:`` — ``crlf``
or ``cr`` to rewrite the input's line ends), then ``=== input`` and
``=== expected``.  The expected page is the converter's output without its
``generated`` block (hashes and version), so the facts and the body are both
reviewed.  To write the expectations of new cases, run with
``DANGJIAN_WRITE_FIXTURES=1`` and review every line of the result.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
import yaml

from dangjian.convert.pipeline import convert

FIXTURES = Path(__file__).parent / "fixtures" / "convert"
CASES = sorted(FIXTURES.glob("*.txt"))


def read_case(path: Path) -> tuple[dict[str, str], str, str]:
    text = path.read_text(encoding="utf-8")
    head, rest = text.split("=== input\n", 1)
    raw, expected = rest.split("=== expected\n", 1)
    headers = dict(line.split(": ", 1) for line in head.strip().splitlines())
    return headers, raw, expected


def reviewed_output(page: str) -> str:
    """The page without its ``generated`` block."""
    _, front, body = page.split("---\n", 2)
    data = yaml.safe_load(front)
    data.pop("generated")
    front = yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=4096)
    return f"---\n{front}---\n{body}"


@pytest.mark.parametrize("case", CASES, ids=[c.stem for c in CASES])
def test_conversion_case(case: Path) -> None:
    headers, raw, expected = read_case(case)
    newline = {"crlf": "\r\n", "cr": "\r"}.get(headers.get("newline", ""), "\n")
    data = raw.replace("\n", newline).encode("utf-8")
    actual = reviewed_output(convert(data, f"sources/{headers['source']}").page)
    if os.environ.get("DANGJIAN_WRITE_FIXTURES"):
        head = case.read_text(encoding="utf-8").split("=== expected\n", 1)[0]
        case.write_text(f"{head}=== expected\n{actual}", encoding="utf-8")
        pytest.skip("expectation written; review it")
    assert actual == expected, headers["title"]


def test_every_case_has_a_title_and_an_expectation() -> None:
    assert len(CASES) >= 8
    for case in CASES:
        headers, raw, expected = read_case(case)
        assert headers.get("title") and raw.strip() and expected.strip(), case.name
        assert re.match(r"^---\n", expected), case.name
