"""Pinyin as the glossary uses it: readable anchors, A–Z letters and sort keys.

An entry's anchor is derived from its own reviewed pinyin only, so adding or
removing another entry can never move it (Sphinx numbers Chinese terms serially).
"""

from __future__ import annotations

import re
import unicodedata

#: What a reviewed pinyin field may contain: letters (with tone marks), spaces, ' and -.
PINYIN_CHARS = re.compile(r"^[a-zA-ZüÜāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜńňǹḿ' \-]+$")
_TONES = {"\u0304": "1", "\u0301": "2", "\u030c": "3", "\u0300": "4"}
_HAN = re.compile(r"[\u3400-\u9fff]")


def toneless(pinyin: str) -> str:
    """``wǎnggé dǎngzhībù`` → ``wangge dangzhibu`` (ü kept as v, as in typing)."""
    out = []
    for ch in unicodedata.normalize("NFD", pinyin.lower()):
        if unicodedata.combining(ch):
            if ch == "\u0308":  # diaeresis: ü
                out[-1] = "v"
            continue
        out.append(ch)
    return "".join(out)


def slug(pinyin: str) -> str:
    """``wǎnggé dǎngzhībù`` → ``wangge-dangzhibu``."""
    return "-".join(re.findall(r"[a-z0-9]+", toneless(pinyin)))


def anchor(pinyin: str) -> str:
    """The HTML fragment of a glossary entry: ``term-wangge-dangzhibu``."""
    return f"term-{slug(pinyin)}"


def tones(pinyin: str) -> str:
    """The tone digits in order (0 for neutral), to break ties between same-letter readings."""
    digits = []
    for syllable in re.findall(r"[^\s'\-]+", pinyin):
        marks = [_TONES[c] for c in unicodedata.normalize("NFD", syllable) if c in _TONES]
        digits.append(marks[0] if marks else "0")
    return "".join(digits)


def sort_key(pinyin: str, text: str = "") -> tuple[str, str, str]:
    """Dictionary order: toneless letters, then tones, then the characters themselves."""
    return ("".join(re.findall(r"[a-z0-9]+", toneless(pinyin))), tones(pinyin), text)


def initial(pinyin: str) -> str:
    """The A–Z group of a reading (``#`` when it starts with no letter)."""
    letters = re.findall(r"[a-z]", toneless(pinyin))
    return letters[0].upper() if letters else "#"


def guess(text: str) -> str:
    """A first pinyin reading of ``text`` (tone marks, one word per jieba word) for review.

    pypinyin picks a reading per phrase; polyphones (长, 行, 重 …) still need a human.
    """
    import jieba
    from pypinyin import Style, pinyin

    tokenizer = jieba.Tokenizer()
    words = []
    for word in tokenizer.cut(text, HMM=False):
        if not _HAN.search(word):
            continue
        syllables = [s[0] for s in pinyin(word, style=Style.TONE, errors="ignore")]
        words.append("".join(syllables))
    return " ".join(words)


def reading(text: str) -> str:
    """A reading (tone marks) of any text, for sorting names that have no reviewed pinyin."""
    from pypinyin import Style, lazy_pinyin

    return " ".join(lazy_pinyin(text, style=Style.TONE, errors="ignore"))
