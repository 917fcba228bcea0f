"""Regenerate ``common_hanzi.txt``: the characters the decode stage scores with.

The 3,000 most frequent characters of jieba's dictionary (by summed word
frequency), plus their traditional forms from OpenCC ``s2t``.  Run from the
repository root with the project venv:  ``.venv/bin/python tools/dangjian/convert/data/make_common_hanzi.py``
"""

from __future__ import annotations

import collections
from pathlib import Path

import jieba
import opencc


def main() -> None:
    counts: collections.Counter[str] = collections.Counter()
    dict_path = Path(jieba.__file__).with_name("dict.txt")
    for line in dict_path.read_text(encoding="utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        for ch in word:
            if "\u4e00" <= ch <= "\u9fff":
                counts[ch] += int(freq)
    simplified = "".join(ch for ch, _ in counts.most_common(3000))
    traditional = opencc.OpenCC("s2t").convert(simplified)
    chars = sorted(set(simplified) | set(traditional))
    out = Path(__file__).with_name("common_hanzi.txt")
    out.write_text("".join(chars) + "\n", encoding="utf-8")
    print(f"wrote {len(chars)} characters to {out}")


if __name__ == "__main__":
    main()
