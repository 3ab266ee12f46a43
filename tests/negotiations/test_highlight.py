from negotiations.highlight import RecordLink, Span, highlight


def test_it_escapes_text_outside_and_inside_spans():
    text = "<b>a</b> & <script>alert(1)</script>"
    html = highlight(text, [Span(evidence_id=7, start=11, end=len(text))])
    assert "<script>" not in html and "<b>" not in html
    assert html.startswith("&lt;b&gt;a&lt;/b&gt; &amp; ")
    assert '<mark id="evidence-7" class="span depth-1" data-evidence="7">&lt;script&gt;' in html


def test_it_marks_a_single_span_and_links_its_records():
    link = RecordLink(label="offer", title='Amnesty "now"', url="/offers/3/")
    html = highlight("before quoted after", [Span(1, 7, 13, records=[link])])
    assert html == (
        'before <mark id="evidence-1" class="span depth-1" data-evidence="1">quoted</mark>'
        '<sup class="span-refs">[<a href="/offers/3/" title="Amnesty &quot;now&quot;">offer</a>]'
        "</sup> after"
    )


def test_it_splits_overlapping_spans_at_every_boundary():
    html = highlight("abcdefgh", [Span(1, 0, 5), Span(2, 3, 8)])
    assert html == (
        '<mark id="evidence-1" class="span depth-1" data-evidence="1">abc</mark>'
        '<mark id="evidence-2" class="span depth-2" data-evidence="1 2">de</mark>'
        '<mark class="span depth-1" data-evidence="2">fgh</mark>'
    )


def test_it_gives_every_span_starting_at_the_same_place_a_visible_anchor():
    html = highlight("abcdef", [Span(1, 0, 6), Span(2, 0, 6), Span(3, 2, 4)])
    assert '<mark id="evidence-1" class="span depth-1" data-evidence="1 2">' in html
    assert '<span id="evidence-2">ab</span>' in html
    assert '<mark id="evidence-3" class="span depth-2" data-evidence="1 2 3">cd</mark>' in html


def test_it_lists_each_record_once_where_spans_end_together():
    link = RecordLink("actor", "Someone", "/actors/someone/")
    html = highlight("abc", [Span(1, 0, 3, [link]), Span(2, 0, 3, [link])])
    assert html.count('href="/actors/someone/"') == 1


def test_it_skips_spans_outside_the_text():
    assert highlight("short", [Span(1, 3, 99), Span(2, 4, 4)]) == "short"
