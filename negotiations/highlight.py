"""An article's text as HTML with its evidence spans highlighted, everything else escaped.

Spans may overlap or nest, so the text is cut at every span boundary and each piece
is marked with the spans covering it. Each span gets an anchor, `#evidence-<pk>`,
on the first piece it covers; after its last piece come links to the records it supports.
"""

from collections.abc import Sequence
from dataclasses import dataclass, field

from django.utils.html import escape, format_html, format_html_join
from django.utils.safestring import SafeString, mark_safe


@dataclass(frozen=True)
class RecordLink:
    label: str  # "Offer"
    title: str  # the record, in words
    url: str


@dataclass(frozen=True)
class Span:
    evidence_id: int
    start: int
    end: int
    records: Sequence[RecordLink] = field(default_factory=tuple)


def highlight(text: str, spans: Sequence[Span]) -> SafeString:
    """`text` escaped, with each valid span wrapped in <mark> pieces; invalid spans are skipped."""
    spans = [s for s in spans if 0 <= s.start < s.end <= len(text)]
    cuts = sorted({0, len(text), *(s.start for s in spans), *(s.end for s in spans)})
    parts = []
    for left, right in zip(cuts, cuts[1:], strict=False):
        covering = [s for s in spans if s.start <= left and right <= s.end]
        piece = escape(text[left:right])
        if covering:
            piece = _mark(piece, left, covering)
        parts.append(piece)
        ending = [s for s in covering if s.end == right]
        if ending:
            parts.append(_refs(ending))
    # Safe: every piece above went through escape() or format_html().
    return mark_safe("".join(parts))


def _mark(piece: str, left: int, covering: list[Span]) -> str:
    # Nest one element per span starting here, so every anchor wraps visible text.
    starting = [s for s in covering if s.start == left]
    for span in reversed(starting[1:]):
        piece = format_html('<span id="evidence-{}">{}</span>', span.evidence_id, piece)
    ids = " ".join(str(s.evidence_id) for s in covering)
    depth = min(len({(s.start, s.end) for s in covering}), 3)
    if starting:
        return format_html(
            '<mark id="evidence-{}" class="span depth-{}" data-evidence="{}">{}</mark>',
            starting[0].evidence_id,
            depth,
            ids,
            piece,
        )
    return format_html(
        '<mark class="span depth-{}" data-evidence="{}">{}</mark>', depth, ids, piece
    )


def _refs(ending: list[Span]) -> str:
    """Links to the records supported by the spans ending here, each record once."""
    seen, links = set(), []
    for span in ending:
        for link in span.records:
            if link.url not in seen:
                seen.add(link.url)
                links.append((link.url, link.title, link.label))
    if not links:
        return ""
    items = format_html_join(" · ", '<a href="{}" title="{}">{}</a>', links)
    return format_html('<sup class="span-refs">[{}]</sup>', items)
