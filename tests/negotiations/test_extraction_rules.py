"""Rule-level checks of actor and event extraction, on sentences written for these tests
(not taken from any real article)."""

import datetime as dt

import pytest

from negotiations.ingestion.extract import extract
from negotiations.ingestion.facts import SentenceFacts
from negotiations.ingestion.nlp import get_nlp
from negotiations.ingestion.vocabulary import vocabulary, vocabulary_problems

PUBLISHED = dt.date(2031, 5, 14)  # a Wednesday


def _actors(text: str) -> dict[str, set[str]]:
    """Each actor's name with every spelling of it."""
    found = extract(text, PUBLISHED).actors.values()
    return {a.name: {a.name, *a.aliases} for a in found}


def _events(text: str) -> list[tuple[str, str]]:
    return [(e.date.start.isoformat()[: {"year": 4, "month": 7, "day": 10}[e.date.precision]],
             e.title) for e in extract(text, PUBLISHED).events]  # fmt: skip


def test_a_name_with_two_surnames_is_one_person_and_one_surname_finds_it():
    actors = _actors(
        "Prosecutors said Rafael Ignacio Montoya Quintero was arrested in Lisbon. "
        "Montoya Quintero denied the charges, and Quintero's lawyer asked for bail."
    )
    people = [name for name in actors if "Montoya" in name or "Quintero" in name]
    assert people == ["Rafael Ignacio Montoya Quintero"]


def test_an_office_before_a_name_is_not_part_of_the_name():
    actors = _actors(
        "The agreement was signed by Minister of Foreign Affairs Ingrid Halvorsen Dahl "
        "and Ms Halvorsen Dahl said it would hold."
    )
    assert "Ingrid Halvorsen Dahl" in actors
    assert "Ms Halvorsen Dahl" in actors["Ingrid Halvorsen Dahl"]
    assert not any(name.startswith(("Minister", "Affairs", "Foreign")) for name in actors)


def test_an_office_and_its_parent_stay_whole_with_the_acronym_as_alias():
    actors = _actors(
        "The Ministry of Finance's Bureau of Budget Oversight (BBO) today froze the accounts."
    )
    bureau = next(spellings for name, spellings in actors.items() if "Bureau" in name)
    assert "Bureau of Budget Oversight" in bureau and "BBO" in bureau
    assert not any(name in {"Department", "Ministry", "Bureau"} for name in actors)


def test_a_government_written_as_a_phrase_is_the_state_and_a_regime_is_not_its_leader():
    actors = _actors(
        "The Colombian government expelled two diplomats. The Ortega regime rejected the "
        "demand, and the Government of Chile offered to mediate."
    )
    assert "Colombian government" in actors["Colombia"]
    assert "Government of Chile" in actors["Chile"]
    assert "Ortega regime" in actors
    assert "Ortega" not in actors  # the regime, not a person


def test_documents_and_cited_sources_are_not_actors():
    actors = _actors(
        "The Lisbon Accord was signed in 2030, according to Reuters. The Daily Courier "
        "reports that Portugal hosted the signing."
    )
    assert not {"Lisbon Accord", "Reuters", "Daily Courier"} & set(actors)
    assert "Portugal" in actors  # it hosted: it acts


def test_a_place_that_is_only_a_venue_is_not_an_actor():
    actors = _actors("Envoys of both sides met in Oslo to discuss a new timetable.")
    assert "Norway" not in actors and "Oslo" not in actors


def test_a_state_that_extradites_or_facilitates_is_an_actor():
    actors = _actors(
        "The suspect was extradited from Portugal last week. The process will be "
        "facilitated by Switzerland."
    )
    assert {"Portugal", "Switzerland"} <= set(actors)


def test_every_dated_development_is_an_event_titled_from_its_own_clause():
    events = _events(
        "The two delegations met in Geneva on March 3, 2031. The talks broke down on "
        "April 20, 2031, after the government arrested an opposition mayor on April 18. "
        "The opposition will hold a primary in 2032."
    )
    dates = [date for date, _title in events]
    assert dates == ["2031-03-03", "2031-04-20", "2031-04-18", "2032"]
    titles = dict(events)
    assert "delegations met in Geneva" in titles["2031-03-03"]
    assert "talks broke down" in titles["2031-04-20"].lower()
    assert "arrested an opposition mayor" in titles["2031-04-18"]
    assert all(not title.endswith((" on", " in")) for title in titles.values())


def test_relative_dates_resolve_against_publication_at_the_texts_precision():
    events = dict(
        _events(
            "Negotiators resumed talks Wednesday. The envoy resigned last Sunday. "
            "The army mobilised earlier this month. A visit took place on 2 – 4 March 2031."
        )
    )
    assert "2031-05-14" in events  # a bare weekday that is the publication day
    assert "2031-05-11" in events  # last Sunday
    assert "2031-03-02" in events  # a range dated by its first day
    assert any(date == "2031-05" for date in events)  # earlier this month


def test_a_release_announcing_an_action_is_an_event_on_its_publication_day():
    events = _events(
        "Statement on the Transition\n\n"
        "The Foreign Ministry announced that it will restore consular services."
    )
    assert [date for date, _ in events] == ["2031-05-14"]
    assert "consular services" in events[0][1]


def test_the_vocabulary_names_only_kinds_statuses_and_sides_the_models_have():
    assert vocabulary_problems() == []

    def broken(name):
        data = dict(vocabulary(name))
        if name == "events":
            data["kinds"] = {**data["kinds"], "coup": ["coup"]}
        return data

    problems = vocabulary_problems(broken)
    assert len(problems) == 1 and "events.yaml" in problems[0] and "'coup'" in problems[0]


@pytest.mark.parametrize("text", ["", "   \n"])
def test_extraction_of_nothing_finds_nothing(text):
    with pytest.raises(ValueError):
        extract(text, PUBLISHED)


def test_a_sentences_entities_are_those_span_ents_gives():
    """SentenceFacts reads a sentence's entities from its tokens (Span.ents walks the whole
    document's); both must agree, an entity ending a sentence and the document included."""
    doc = get_nlp()(
        "Envoys of Norway met officials of the Government of Chile in Oslo on March 5, 2031. "
        "The United States offered $15 million for information. Talks resumed in Geneva"
    )
    sentences = list(doc.sents)
    assert len(sentences) >= 3
    for sent in sentences:
        mine = [(e.start, e.end, e.label_) for e in SentenceFacts(sent, None, None, None).ents]
        assert mine == [(e.start, e.end, e.label_) for e in sent.ents]
    assert any(ent.label_ == "MONEY" for ent in doc.ents)
