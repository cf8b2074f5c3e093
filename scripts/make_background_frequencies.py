#!/usr/bin/env python3
"""Writes src/compare/lexicon/background_en.txt, the background word frequencies that story
similarity weighs terms with (src/compare/background.rs).

Source: wordfreq 3.1.1 (Robyn Speer, https://github.com/rspeer/wordfreq, Zenodo
doi:10.5281/zenodo.7199437), whose English list pools Wikipedia, subtitles, news (NewsCrawl),
books, web text, Twitter and Reddit. Its data is under CC BY-SA 4.0, and so is the file this
script writes (the header says so).

    python3 -m venv /tmp/wordfreq-venv && /tmp/wordfreq-venv/bin/pip install wordfreq==3.1.1
    /tmp/wordfreq-venv/bin/python scripts/make_background_frequencies.py

The file keeps the English words of Zipf value 4.0 or more (about 7,400) that can be story terms (letters only, with an
inner apostrophe or hyphen; three letters or more; not a stopword of
src/text/lexicon/stopwords_en.txt), grouped in bands of one tenth of a Zipf unit (log10 of
occurrences per billion words), most frequent band first, words sorted within a band (so the
file compresses well in the wasm build). A word missing from the list is rarer than the last
band.
"""

import re
import sys
from pathlib import Path

import wordfreq

# Words below this Zipf value are left out: their weight would differ little from an
# unlisted word's (src/compare/background.rs gives those half a unit below this floor), and
# they are most of a longer list's bytes in the page's wasm.
MIN_ZIPF = 4.0
REPO = Path(__file__).resolve().parent.parent
OUTPUT = REPO / "src" / "compare" / "lexicon" / "background_en.txt"
STOPWORDS = REPO / "src" / "text" / "lexicon" / "stopwords_en.txt"
TERM = re.compile(r"^[a-z]+(?:['-][a-z]+)*$")


def main() -> int:
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
    return 0


if __name__ == "__main__":
    sys.exit(main())
