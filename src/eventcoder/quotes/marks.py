"""Quotation marks: the character ranges a text quotes, paired across sentences and across
paragraphs that reopen a quotation."""

from __future__ import annotations

import re


def _is_open(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-:/") and not after.isspace()


def _is_close(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and (after.isspace() or not after.isalnum())


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges inside quotation marks (the marks left out). A paragraph that ends
    inside a quotation continues it when the next paragraph opens with a mark."""
    ranges: list[tuple[int, int]] = []
    start: int | None = None  # where the open double quotation began
    single: int | None = None
    i = 0
    while i < len(text):
        char = text[i]
        if start is not None and char == "\n":
            j = i
            while j < len(text) and text[j].isspace():
                j += 1
            if j < len(text) and text[j] in "\"“" and "\n" in text[i:j + 1]:
                ranges.append((start, i))  # the quotation goes on in the next paragraph
                start, i = j + 1, j + 1
                continue
            ranges.append((start, i))
            start = None
        elif char == "“" or (char == '"' and start is None and _is_open(text, i)):
            start, single = i + 1, None
        elif char == "”" or (char == '"' and start is not None):
            if start is not None and i > start:
                ranges.append((start, i))
            start = None
        elif start is None and (char == "‘" or (char == "'" and _is_open(text, i))) and (
                i + 1 < len(text) and text[i + 1].isalpha()):
            single = i + 1
        elif start is None and single is not None and char in "’'" and _is_close(text, i) and (
                i + 1 >= len(text) or not text[i + 1].isalpha()) and (
                text[i - 1] in ".,!?" or " " in text[single:i] or (
                    i - single >= 3 and text[single:i].isalpha())):
            ranges.append((single, i))
            single = None
        i += 1
    if start is not None and len(text) > start:
        ranges.append((start, len(text)))
    return _join_continued(text, ranges)


def _join_continued(text: str, ranges: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Pieces of one quotation split at paragraph breaks become one range again."""
    joined: list[tuple[int, int]] = []
    for start, end in ranges:
        if joined and re.fullmatch(r"\s*\n\s*[\"“]", text[joined[-1][1]:start]):
            joined[-1] = (joined[-1][0], end)
        else:
            joined.append((start, end))
    return [(s, e) for s, e in joined if text[s:e].strip()]
