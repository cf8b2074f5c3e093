#!/usr/bin/env python3
"""Writes src/compare/lexicon/background_en.txt, the background word frequencies that story
similarity weighs terms with (src/compare/background.rs), and background_en.bin, the compact
form of that list the engine reads.

Source: wordfreq 3.1.1 (Robyn Speer, https://github.com/rspeer/wordfreq, Zenodo
doi:10.5281/zenodo.7199437), whose English list pools Wikipedia, subtitles, news (NewsCrawl),
books, web text, Twitter and Reddit. Its data is under CC BY-SA 4.0, and so is the file this
script writes (the header says so).

    python3 -m venv /tmp/wordfreq-venv && /tmp/wordfreq-venv/bin/pip install wordfreq==3.1.1
    /tmp/wordfreq-venv/bin/python scripts/make_background_frequencies.py
    python3 scripts/make_background_frequencies.py --binary-only   # .bin from the .txt alone

The file keeps the English words of Zipf value 4.0 or more (about 7,400) that can be story terms (letters only, with an
inner apostrophe or hyphen; three letters or more; not a stopword of
src/text/lexicon/stopwords_en.txt), grouped in bands of one tenth of a Zipf unit (log10 of
occurrences per billion words), most frequent band first, words sorted within a band (so the
file reads and diffs well). A word missing from the list is rarer than the last band.

The text file is the reviewable source; the engine (and so the page's wasm) holds only the
binary file, about a fifth of its size. Its layout, all integers little-endian:

    "BGF1"                      magic
    u8  HASH_BITS               each word is kept as the top HASH_BITS bits of its word_hash
    u8  band count
    per band, most frequent first:
        u8  Zipf value x 10     (e.g. 63 for 6.3)
        u16 number of words
        u8  k                   Rice parameter of the band's gaps
    then one bit stream (least significant bit of each byte first): per band, the sorted
    hashes as gaps from the previous one (the first from 0), each Rice-coded: the gap >> k in
    unary (that many 1 bits, then a 0 bit), then the low k bits of the gap, lowest first.

word_hash is the engine's (src/text/words.rs): 64-bit, over the lowercase bytes; this script
computes the same for the list's words (ASCII letters, apostrophe, hyphen). With 20 bits a word
outside the list shares a listed word's hash about once in 140 (7,400 of 2^20): it is then
weighed as a common word, a difference the story figures do not show (docs/benchmarks.md).
"""

import argparse
import re
import sys
from pathlib import Path

# Words below this Zipf value are left out: their weight would differ little from an
# unlisted word's (src/compare/background.rs gives those half a unit below this floor), and
# they are most of a longer list's bytes in the page's wasm.
MIN_ZIPF = 4.0
REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "src" / "compare" / "lexicon" / "background_en.txt"
BINARY = REPO / "src" / "compare" / "lexicon" / "background_en.bin"
HASH_BITS = 20
MASK = (1 << 64) - 1
STOPWORDS = REPO / "src" / "text" / "lexicon" / "stopwords_en.txt"
TERM = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def word_hash(word: str) -> int:
    """The engine's word_hash (src/text/words.rs) of an ASCII word."""
    state = 0xCBF2_9CE4_8422_2325
    for byte in word.lower().encode("ascii"):
        state = ((state << 5) | (state >> 59)) & MASK
        state = ((state ^ byte) * 0x517C_C1B7_2722_0A95) & MASK
    state ^= state >> 33
    state = (state * 0xFF51_AFD7_ED55_8CCD) & MASK
    return state ^ (state >> 33)


def read_bands(text: str) -> list[tuple[float, list[str]]]:
    """The bands of background_en.txt, in file order."""
    bands: list[tuple[float, list[str]]] = []
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("zipf "):
            bands.append((float(line[5:]), []))
        elif bands:
            bands[-1][1].append(line)
        else:
            raise ValueError(f"{OUTPUT.name}: a word before the first 'zipf' line: {line!r}")
    return bands


class BitWriter:
    """Bits into bytes, least significant bit first."""

    def __init__(self) -> None:
        self.data = bytearray()
        self.used = 8

    def bit(self, value: int) -> None:
        if self.used == 8:
            self.data.append(0)
            self.used = 0
        self.data[-1] |= (value & 1) << self.used
        self.used += 1

    def rice(self, value: int, k: int) -> None:
        for _ in range(value >> k):
            self.bit(1)
        self.bit(0)
        for shift in range(k):
            self.bit(value >> shift)


def rice_bits(gaps: list[int], k: int) -> int:
    return sum((gap >> k) + 1 + k for gap in gaps)


def encode(bands: list[tuple[float, list[str]]]) -> bytes:
    """The binary form of the bands (layout in the module docstring)."""
    header = bytearray(b"BGF1")
    header += bytes([HASH_BITS, len(bands)])
    stream = BitWriter()
    for zipf, words in bands:
        hashes = sorted({word_hash(word) >> (64 - HASH_BITS) for word in words})
        gaps = [b - a for a, b in zip([0] + hashes, hashes)]
        k = min(range(HASH_BITS), key=lambda k: rice_bits(gaps, k))
        header += bytes([round(zipf * 10)]) + len(hashes).to_bytes(2, "little") + bytes([k])
        for gap in gaps:
            stream.rice(gap, k)
    return bytes(header + stream.data)


def write_binary() -> None:
    data = encode(read_bands(OUTPUT.read_text(encoding="utf-8")))
    BINARY.write_bytes(data)
    print(f"{BINARY.relative_to(REPO)}: {len(data):,} bytes", file=sys.stderr)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--binary-only", action="store_true",
                        help="rebuild the .bin from the existing .txt (no wordfreq needed)")
    if parser.parse_args().binary_only:
        write_binary()
        return 0
    import wordfreq  # only needed to make the list itself

    stopwords = set()
    for line in STOPWORDS.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#"):
            stopwords.update(line.split())
    bands: dict[float, list[str]] = {}
    kept = 0
    for word in wordfreq.top_n_list("en", 200_000):
        if not TERM.match(word) or len(word) < 3 or word in stopwords:
            continue
        band = round(wordfreq.zipf_frequency(word, "en"), 1)
        if band < MIN_ZIPF:
            break
        bands.setdefault(band, []).append(word)
        kept += 1
    lines = [
        "# Background English word frequencies for story similarity (src/compare/background.rs).",
        "# Made by scripts/make_background_frequencies.py from wordfreq 3.1.1",
        "# (Robyn Speer, doi:10.5281/zenodo.7199437); data licensed CC BY-SA 4.0, like this file.",
        "# A 'zipf N' line opens a band: the words under it occur about 10^N times per billion words.",
    ]
    for band in sorted(bands, reverse=True):
        lines.append(f"zipf {band:.1f}")
        lines.extend(sorted(bands[band]))
    OUTPUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUTPUT.relative_to(REPO)}: {kept} words in {len(bands)} bands", file=sys.stderr)
    write_binary()
    return 0


if __name__ == "__main__":
    sys.exit(main())
