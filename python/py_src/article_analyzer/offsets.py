"""Offsets of the report, which count UTF-16 code units (as JavaScript strings do), applied
to Python strings, which count code points. The two differ after any character outside the
Basic Multilingual Plane (most emoji, some CJK), so ``text[start:end]`` can be off there."""

from __future__ import annotations


def utf16_slice(text: str, start: int, end: int) -> str:
    """The part of ``text`` between two UTF-16 offsets of the report (a block's or a quote's
    ``start`` and ``end``): what ``text.slice(start, end)`` gives in JavaScript.

    >>> utf16_slice("\\U0001F600 said \\"hi\\"", 9, 11)
    'hi'
    """
    if start < 0 or end < start:
        raise ValueError(f"utf16_slice needs 0 <= start <= end, got start={start}, end={end}")
    units = text.encode("utf-16-le", errors="surrogatepass")
    return units[2 * start : 2 * end].decode("utf-16-le", errors="surrogatepass")
