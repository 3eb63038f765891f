"""What the actor tests read off an annotated document."""

from __future__ import annotations

from eventcoder.model import AnnotatedDocument


def mention_codes(doc: AnnotatedDocument, sentence: int, text: str
                  ) -> set[tuple[str | None, str | None]]:
    """Country and sector of every actor mentioned by `text` in a sentence."""
    return {(a.country, a.sector) for a in doc.actors
            if any(m.sentence == sentence and m.text == text for m in a.mentions)}
