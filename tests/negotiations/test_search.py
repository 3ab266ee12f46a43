import pytest
from django.db import connection

from actors.models import Alias
from core.models import ReviewState
from negotiations.models import Event
from negotiations.search import SPECS, _search_words, record_search, search_query_clean
from tests.factories import ActorFactory, ArticleFactory, EventFactory, OfferFactory
from tests.pages import queries_on


def _group(groups, key):
    return next(group for group in groups if group.key == key)


@pytest.fixture
def records(db):
    actor = ActorFactory(name="Nicolás Maduro", slug="nicolas-maduro")
    Alias.objects.create(actor=actor, name="Nicolás Maduro")
    Alias.objects.create(actor=actor, name="the strongman of Caracas")
    EventFactory(title="Inauguration for a third term")
    ArticleFactory(title="Quiet diplomacy", text="Envoys discussed extradition guarantees in Doha.")
    OfferFactory(terms="Amnesty for leaving office")
    OfferFactory(terms="Amnesty, rejected by an editor", review_state=ReviewState.REJECTED)
    return actor


def test_it_finds_an_actor_by_an_alias(records):
    actors = _group(record_search("strongman"), "actors")
    assert actors.items == [records]
    assert _group(record_search("Nicolas"), "actors").items == [records]  # accents folded


def test_it_finds_an_event_by_its_title_and_an_article_by_its_text(records):
    groups = record_search("inauguration")
    assert [event.title for event in _group(groups, "events").items] == [
        "Inauguration for a third term"
    ]
    articles = _group(record_search("extradition"), "articles").items
    assert [article.title for article in articles] == ["Quiet diplomacy"]
    snippet = "".join(text for text, hit in articles[0].snippet_pieces if hit)
    assert snippet.lower().startswith("extradition")


def test_it_never_shows_rejected_records(records):
    offers = _group(record_search("amnesty"), "offers")
    assert offers.count == 1
    assert offers.items[0].terms == "Amnesty for leaving office"


def test_the_word_match_works_on_either_database(records):
    """SQLite's path, run on whichever database the suite uses."""
    events = next(spec for spec in SPECS if spec.key == "events")
    actors = next(spec for spec in SPECS if spec.key == "actors")
    assert _search_words(events, "third INAUGURATION").count() == 1
    assert list(_search_words(actors, "caracas strongman")) == [records]


def test_the_search_page_groups_results_and_links_them(client, records):
    page = client.get("/search/?q=strongman").content.decode()
    assert 'id="group-actors"' in page
    assert f'href="{records.get_absolute_url()}"' in page
    assert 'id="group-events"' not in page


def test_an_empty_query_shows_what_can_be_searched(client, db):
    response = client.get("/search/?q=+")
    assert response.status_code == 200
    assert b"What you can search" in response.content


def test_odd_input_never_breaks_the_page(client, records):
    for query in ('"unbalanced', "-", "a & | ! (", "<script>alert(1)</script>", "x" * 5000):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200
        assert b"<script>alert(1)" not in response.content


def test_it_makes_the_same_queries_for_10_or_300_matches(client, db, django_assert_num_queries):
    def grow(n):
        for i in range(n):
            actor = ActorFactory(name=f"Envoy {n}-{i}")
            Alias.objects.create(actor=actor, name=f"Envoy {n} {i}")
            EventFactory(title=f"Envoy meeting {n}-{i}")
            ArticleFactory(text=f"The envoy arrived, {n}-{i}.")

    grow(10)
    small = queries_on(client, "/search/?q=envoy")
    grow(290)
    with django_assert_num_queries(small):
        page = client.get("/search/?q=envoy").content.decode()
    assert "(300, showing 20)" in page


def test_it_uses_full_text_search_on_postgresql(postgres, records):
    assert connection.vendor == "postgresql"
    # websearch syntax: a quoted phrase and an excluded word.
    assert _group(record_search('"third term"'), "events").count == 1
    assert _group(record_search("amnesty -leaving"), "offers").count == 0
    # English stemming finds "discussed" from "discuss".
    assert _group(record_search("discuss"), "articles").count == 1


def test_postgresql_answers_event_and_article_searches_from_gin_indexes(postgres):
    from django.db import connection

    from negotiations.search import SPECS, _search_pg

    for key, index in (("events", "event_search_idx"), ("articles", "article_search_idx")):
        spec = next(s for s in SPECS if s.key == key)
        sql, params = _search_pg(spec, "talks").query.sql_with_params()
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")  # tiny test tables: force the choice
            cursor.execute(f"EXPLAIN {sql}", params)
            plan = "\n".join(row[0] for row in cursor.fetchall())
        assert index in plan, plan


def test_a_control_character_in_the_query_separates_words(client, records):
    # `/search/?q=%00` was a 500 on PostgreSQL (a NUL in the query); any control character
    # is a space here, as in what the search box shows back.
    assert search_query_clean("amnesty\x00for\x1b leaving") == "amnesty for leaving"
    for query in ("\x00", "amnesty\x00", "\x1b[31mamnesty"):
        response = client.get("/search/", {"q": query})
        assert response.status_code == 200, query
        assert "\x00" not in response.content.decode()
    found = client.get("/search/", {"q": "amnesty\x00"}).context["groups"]
    assert _group(found, "offers").count == 1


def test_postgresql_ranks_and_counts_events_and_articles_on_stored_documents(postgres):
    from negotiations.search import _search_pg

    # A broad term matched most rows, each recomputing to_tsvector to rank and count.
    for key in ("events", "articles"):
        spec = next(s for s in SPECS if s.key == key)
        queryset = _search_pg(spec, "talks")
        for sql in (str(queryset.query), str(queryset.order_by().query)):
            assert "search_document" in sql and "to_tsvector" not in sql, sql


def test_a_stored_document_follows_the_row_it_is_made_from(postgres):
    event = EventFactory(title="Inauguration for a third term")
    event.title = "Prisoner exchange"
    event.save()
    assert _group(record_search("exchange"), "events").count == 1
    assert _group(record_search("inauguration"), "events").count == 0


def _analyzed(*titles: str) -> None:
    """Events with these titles, and the planner's statistics of them."""
    for title in titles:
        EventFactory(title=title)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE negotiations_event")


def test_a_broad_term_shows_the_newest_matches_and_an_estimated_count(
    postgres, monkeypatch, client
):
    monkeypatch.setattr("negotiations.search.BROAD_MATCHES", 5)
    _analyzed(*[f"Talks round {n}" for n in range(30)], "An unrelated election")
    newest = [e.pk for e in Event.objects.filter(title__startswith="Talks").order_by(
        "-occurred_on", "-id"
    )[:3]]  # fmt: skip

    events = _group(record_search("talks", limit=3), "events")

    assert events.is_estimate
    assert 15 <= events.count <= 60  # the planner's estimate, near the 30 that match
    assert events.count_label.startswith("about ")
    assert [e.pk for e in events.items] == newest
    page = client.get("/search/", {"q": "talks"}).content.decode()
    assert "About " in page and "Too many matches to rank by relevance" in page


def test_a_narrow_term_is_ranked_with_its_exact_count(postgres, monkeypatch):
    monkeypatch.setattr("negotiations.search.BROAD_MATCHES", 1_000)
    _analyzed(*[f"Talks round {n}" for n in range(30)], "Talks about talks")

    events = _group(record_search("talks", limit=3), "events")

    assert not events.is_estimate
    assert (events.count, events.count_label) == (31, "31")
    assert events.items[0].title == "Talks about talks"  # the word twice ranks first


def test_broad_and_narrow_searches_cost_the_same_queries(postgres, monkeypatch, client):
    _analyzed(*[f"Talks round {n}" for n in range(30)])
    monkeypatch.setattr("negotiations.search.BROAD_MATCHES", 1_000)
    narrow = queries_on(client, "/search/?q=talks")
    monkeypatch.setattr("negotiations.search.BROAD_MATCHES", 5)
    assert queries_on(client, "/search/?q=talks") == narrow
