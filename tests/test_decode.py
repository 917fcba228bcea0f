"""Stage 1, decode: every encoding a source really arrives in reads back as the
original text, and anything that is not text is refused with the file named."""

from __future__ import annotations

import codecs
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st

from dangjian.convert import decode as decode_module
from dangjian.convert.decode import decode
from dangjian.errors import SourceError

#: A path with a space and hanzi: messages must repeat it verbatim.
PATH = "sources/网格 党建.txt"

SIMPLIFIED = "网格党支部为居民解难题。\n驻村干部党委凝聚合力，乡村振兴。\n"
TRADITIONAL = "駐村幹部黨委凝聚起鄉村振興強大合力。\n"
BOTH = SIMPLIFIED + TRADITIONAL

# (id, original text, bytes as received, encoding the converter reports)
ENCODED = [
    ("utf-8", BOTH, BOTH.encode("utf-8"), "utf-8"),
    ("utf-8-with-bom", BOTH, codecs.BOM_UTF8 + BOTH.encode("utf-8"), "utf-8-sig"),
    ("utf-16-le-with-bom", BOTH, codecs.BOM_UTF16_LE + BOTH.encode("utf-16-le"), "utf-16-le"),
    ("utf-16-be-with-bom", BOTH, codecs.BOM_UTF16_BE + BOTH.encode("utf-16-be"), "utf-16-be"),
    ("utf-16-le-without-bom", BOTH, BOTH.encode("utf-16-le"), "utf-16"),
    ("utf-16-be-without-bom", BOTH, BOTH.encode("utf-16-be"), "utf-16"),
    ("gb18030-simplified", SIMPLIFIED, SIMPLIFIED.encode("gb18030"), "gb18030"),
    ("big5-traditional", TRADITIONAL, TRADITIONAL.encode("big5"), "big5"),
]


def refusal(data: bytes, path: str = PATH) -> SourceError:
    """Decode ``data``, which must be refused; return the error."""
    with pytest.raises(SourceError) as info:
        decode(data, path)
    return info.value


def assert_names_path(error: SourceError, path: str = PATH, line: int | None = None) -> None:
    """The one-line message starts with ``path:`` (or ``path:line:``) and says something."""
    shown = str(error)
    prefix = f"{path}:{line}: " if line else f"{path}"
    assert shown.startswith(prefix), shown
    assert "\n" not in shown
    assert error.path == path
    assert error.message.strip()


# --- what is accepted ------------------------------------------------------------------


@pytest.mark.parametrize(
    ("original", "data", "encoding"),
    [pytest.param(text, data, enc, id=name) for name, text, data, enc in ENCODED],
)
def test_each_encoding_decodes_to_the_original_text(original: str, data: bytes, encoding: str) -> None:
    decoded = decode(data, PATH)
    assert decoded.text == original
    assert not decoded.text.startswith("\ufeff"), "byte-order mark left in the text"
    assert decoded.encoding == encoding


@given(
    st.text(
        alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufeff")
        | st.sampled_from("\n\t网格党支部駐村幹部。，"),
        max_size=200,
    )
)
def test_any_utf8_text_decodes_unchanged(text: str) -> None:
    assert decode(text.encode("utf-8"), PATH).text == text


def test_a_file_exactly_at_the_size_limit_is_accepted(monkeypatch: pytest.MonkeyPatch) -> None:
    text = "党" * 21 + "\n"  # 21 × 3 bytes + 1 = 64 bytes
    monkeypatch.setattr(decode_module, "MAX_SOURCE_BYTES", 64)
    assert decode(text.encode("utf-8"), PATH).text == text


# --- what is refused -------------------------------------------------------------------

_noise = random.Random(20220620)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(_noise.randrange(256) for _ in range(2048))


@pytest.mark.parametrize(
    "data",
    [
        pytest.param(bytes(range(256)) * 4, id="all-byte-values"),
        pytest.param(PNG, id="png-header-and-noise"),
        pytest.param(b"\x00" * 64, id="only-nul-bytes"),
    ],
)
def test_binary_data_is_refused_naming_the_file(data: bytes) -> None:
    error = refusal(data)
    assert_names_path(error)
    assert "binary" in error.message or "decode" in error.message


def test_text_with_a_nul_byte_is_refused_at_its_line() -> None:
    data = "网格党支部\n为居民\x00解难题\n驻村干部\n".encode()
    error = refusal(data)
    assert_names_path(error, line=2)
    assert "binary" in error.message


@pytest.mark.parametrize(
    ("data", "line"),
    [
        pytest.param(b"hello \xff\xff world\n", 1, id="ascii-with-0xff"),
        pytest.param(
            "网格党支部\n驻村干部\n坏字节".encode() + b"\xff\xfe\xff" + "在此\n".encode(),
            3,
            id="utf8-with-0xff-on-line-3",
        ),
        pytest.param("Café crème brûlée, déjà vu.\n".encode("latin-1"), 1, id="latin-1-french"),
        pytest.param("日本語のテキストです。ひらがなとカタカナ。\n".encode("shift_jis"), 1, id="shift-jis"),
        pytest.param(bytes(_noise.randrange(1, 256) for _ in range(2000)), 1, id="random-bytes-without-nul"),
    ],
)
def test_undecodable_bytes_are_refused_at_the_first_bad_line(data: bytes, line: int) -> None:
    error = refusal(data)
    assert_names_path(error, line=line)
    assert "cannot decode" in error.message


def test_utf8_bom_followed_by_invalid_utf8_is_refused() -> None:
    error = refusal(codecs.BOM_UTF8 + "网格党支部".encode() + b"\xff\n")
    assert_names_path(error)


@pytest.mark.parametrize(
    "text",
    [
        pytest.param("Les élèves révisent leur leçon d'histoire.\n", id="latin-1-french"),
        pytest.param("Straße und Grüße aus München\n", id="latin-1-german"),
    ],
)
def test_latin1_text_is_refused_not_read_as_gb18030(text: str) -> None:
    error = refusal(text.encode("latin-1"))
    assert_names_path(error)


def test_a_file_over_the_size_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(decode_module, "MAX_SOURCE_BYTES", 64)
    data = ("党" * 21 + "\n\n").encode("utf-8")  # 65 bytes of perfectly good text
    error = refusal(data)
    assert_names_path(error)
    assert "64" in error.message and "65" in error.message
