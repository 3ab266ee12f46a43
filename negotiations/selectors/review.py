"""The editors' review queue: machine-made records nobody has reviewed, by article."""

from dataclasses import dataclass

from django.db.models import (
    Exists,
    OuterRef,
    Q,
)

from core.models import Origin, ReviewState
from negotiations.models import RecordLink
from negotiations.records import REVIEW_MODELS
from sources.models import Article, Evidence
from sources.selectors import evidence_citing


# --- the review queue ---------------------------------------------------------------
@dataclass
class ReviewItem:
    record: object
    model_name: str
    evidence: list
    link: object = None  # ingestion's RecordLink: this article reports a record already known


@dataclass
class ReviewArticle:
    article: object
    items: list[ReviewItem]


def unreviewed_evidence() -> Q:
    """Evidence citing a machine-made record nobody has reviewed yet (any record type)."""
    return evidence_citing(origin=Origin.INGESTION, review_state=ReviewState.UNREVIEWED)


def review_article_list(*, article_id: int | None = None):
    """Articles with machine-made records awaiting review, newest article first."""

    pending = Evidence.objects.filter(article=OuterRef("pk")).filter(unreviewed_evidence())
    articles = (
        Article.objects.filter(Exists(pending)).defer("text").order_by("-published_on", "-id")
    )
    return articles.filter(pk=article_id) if article_id else articles


def review_queue(*, articles: list) -> list[ReviewArticle]:
    """Each article's unreviewed records with the evidence from it, in a fixed number of queries
    (one for the evidence and one per record type, whatever the number of records)."""
    texts = dict(Article.objects.filter(pk__in=[a.pk for a in articles]).values_list("pk", "text"))
    evidence = list(
        Evidence.objects.filter(article_id__in=texts)
        .filter(unreviewed_evidence())
        .select_related("content_type", "speaker")
        .order_by("article_id", "start", "id")
    )
    wanted: dict[type, set[int]] = {}
    for item in evidence:
        wanted.setdefault(item.content_type.model_class(), set()).add(item.object_id)
    records = {}
    for name, model in REVIEW_MODELS.items():
        if model in wanted:
            for record in model.objects.filter(pk__in=wanted[model]):
                records[(model, record.pk)] = (name, record)
    links = {
        (link.article_id, link.content_type_id, link.object_id): link
        for link in RecordLink.objects.filter(article_id__in=texts)
    }
    grouped: dict[int, dict] = {a.pk: {} for a in articles}
    for item in evidence:
        item.context_before, item.context_after = _context(texts[item.article_id], item)
        name, record = records[(item.content_type.model_class(), item.object_id)]
        key = (name, record.pk)
        link = links.get((item.article_id, item.content_type_id, item.object_id))
        grouped[item.article_id].setdefault(
            key, ReviewItem(record, name, [], link)
        ).evidence.append(item)
    return [ReviewArticle(a, list(grouped[a.pk].values())) for a in articles]


CONTEXT_CHARS = 240


def _context(text: str, evidence: Evidence) -> tuple[str, str]:
    """The text around a quoted span (the template escapes all three parts)."""
    before = text[max(0, evidence.start - CONTEXT_CHARS) : evidence.start]
    after = text[evidence.end : evidence.end + CONTEXT_CHARS]
    return ("…" if evidence.start > CONTEXT_CHARS else "") + before, after + (
        "…" if evidence.end + CONTEXT_CHARS < len(text) else ""
    )
