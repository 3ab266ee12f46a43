"""Actor mentions spaCy's small model gets wrong, set right before actors are read.

A pipeline component after the entity recognizer. It only reshapes `doc.ents`:
- a name after an office ("Minister of Foreign Affairs Ana Ruiz Vidal") and a
  first name left out ("Secretary of State Paul R. Haldane") become a PERSON;
- an organization named with its parent ("the Ministry of Finance's Bureau of
  Budget Oversight (BBO)") becomes two, and an acronym in brackets names the one before it;
- a government written as a phrase ("the Colombian government", "Chile's
  government", "the Government of Peru", "the Ortega regime") becomes a GOV mention;
- what only looks like an actor goes: a title's office ("U.S. Magistrate Judge", "Foreign
  Ministry spokesperson"), a document ("the Lisbon Accord", "an Indictment"), a cited
  source ("according to Reuters", "The Daily Courier reports").
"""

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from negotiations.ingestion.vocabulary import phrase_set, vocabulary

_POSSESSIVE = ("’s", "'s", "ʼs")


def _titles() -> frozenset[str]:
    return phrase_set("actors", "titles")


def _is_name_token(token) -> bool:
    return token.pos_ == "PROPN" and token.text[:1].isupper() and token.ent_type_ in {"", "PERSON"}


def _office_end(doc: Doc, i: int) -> int | None:
    """After a title and its office ("Minister of Foreign Affairs"), where a name may start."""
    if doc[i].lower_ not in _titles() or not doc[i].text[:1].isupper():
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ in {"of", "for"}:
        j += 1
        if j < len(doc) and doc[j].lower_ == "the":
            j += 1
        office = phrase_set("actors", "office_words")
        while j < len(doc) and doc[j].lower_ in office | {"and"}:
            j += 1
    words = phrase_set("actors", "office_words") | _titles()
    while j < len(doc) and (doc[j].text == "," or doc[j].lower_ in words):
        j += 1
    return j


def _people_after_offices(doc: Doc, ents: list[Span]) -> list[Span]:
    found = []
    for i in range(len(doc)):
        j = _office_end(doc, i)
        if j is None:
            continue
        end = j
        while end < len(doc) and end - j < 4 and _is_name_token(doc[end]):
            end += 1
        if end - j >= 2 and doc[end - 1].text[-1:].isalpha():
            found.append(Span(doc, j, end, label="PERSON"))
    # A first name spaCy left outside: "Paul" in "Paul R. Haldane".
    for ent in ents:
        start = ent.start
        while (
            ent.label_ == "PERSON"
            and start > 0
            and _is_name_token(doc[start - 1])
            and doc[start - 1].lower_ not in _titles()
            and doc[start - 1].lower_ not in phrase_set("actors", "office_words")
        ):
            start -= 1
        if start != ent.start:
            found.append(Span(doc, start, ent.end, label="PERSON"))
    return found


def _acronym_after(doc: Doc, end: int) -> Span | None:
    """'(BBO)', '(the “ELN”)': an acronym in brackets right after a name."""
    if end >= len(doc) or doc[end].text != "(":
        return None
    j = end + 1
    while j < len(doc) and (doc[j].lower_ == "the" or doc[j].is_quote):
        j += 1
    if j < len(doc) and doc[j].is_upper and 2 <= len(doc[j].text) <= 8 and doc[j].is_alpha:
        return Span(doc, j, j + 1, label="ORG")
    return None


def _split_possessive(doc: Doc, ent: Span) -> list[Span]:
    """'the Ministry's Bureau of ...': the parent and the office, and its acronym."""
    parts = []
    start = ent.start
    for token in ent:
        if token.text.endswith(_POSSESSIVE) and token.i + 1 < ent.end and token.i > start - 1:
            parts.append(Span(doc, start, token.i + 1, label=ent.label_))
            start = token.i + 1
    end = ent.end
    for token in doc[start : ent.end]:
        if token.text == "(":
            end = token.i
            break
    if start < end:
        parts.append(Span(doc, start, end, label=ent.label_))
    return parts if len(parts) > 1 or end != ent.end else [ent]


def _government_phrases(doc: Doc) -> list[Span]:
    """'the Colombian government', "Chile's government", 'the Ortega regime'."""
    words = phrase_set("actors", "government_words")
    found = []
    for token in doc:
        if token.lower_ not in words or token.i == 0:
            continue
        before = doc[token.i - 1]
        start = None
        if before.text in _POSSESSIVE and token.i >= 2 and doc[token.i - 2].ent_type_:
            start = doc[token.i - 2].i
        elif before.ent_type_ in {"NORP", "GPE", "PERSON", "ORG"} and before.text[:1].isupper():
            start = before.i
        if start is None:
            continue
        while (
            start > 0
            and doc[start - 1].ent_iob_ == "I"
            or (start > 0 and doc[start].ent_iob_ == "I")
        ):
            start -= 1
        found.append(Span(doc, start, token.i + 1, label="GOV"))
    return found


def _looks_like_actor(span: Span) -> bool:
    root = span.root
    titles = _titles()
    last = span[-1].lower_.strip("’'ʼ")
    if span.label_ not in {"PERSON", "ORG", "GPE", "NORP", "FAC", "NORP_GROUP", "GOV"}:
        return True
    if last in phrase_set("actors", "not_actor_heads"):
        return False  # a document or a law: "the Lisbon Accord"
    if (
        span.label_ == "ORG"
        and len(span) == 1
        and span.text.lower()
        in {w for ws in vocabulary("actors")["kind_words"].values() for w in ws}
    ):
        return False  # a common noun capitalised: "Cartel members"
    if span.label_ == "ORG" and last in titles:
        return False  # "U.S. Magistrate Judge": the office in a title
    institution = set(span.text.lower().split()) & set(
        vocabulary("actors")["kind_words"]["institution"]
    )
    if span.label_ == "NORP_GROUP" or (span.label_ == "ORG" and institution):
        head = root.head
        if root.dep_ == "compound" and (head.lower_ in titles or head.head.lower_ in titles):
            return False  # "Foreign Ministry spokesperson", "opposition leader X"
    if span.label_ == "ORG":
        if root.dep_ == "nsubj" and root.head.lemma_ == "report":
            return False  # "The Daily Courier reports": a cited source
        if (
            root.dep_ == "pobj"
            and root.head.lower_ == "to"
            and root.head.head.lower_ == "according"
        ):
            return False  # "according to Reuters"
    # "Colombians": a people, not an actor.
    return not (span.label_ == "NORP" and span.text.lower().endswith("s"))


def _without_office(ent: Span) -> Span | None:
    """'Affairs Ana Ruiz' is Ana Ruiz: the office's last words are not the name."""
    if ent.label_ != "PERSON":
        return ent
    start = ent.start
    office = phrase_set("actors", "office_words") | _titles()
    while start < ent.end and ent.doc[start].lower_ in office:
        start += 1
    if start == ent.end:
        return None
    return ent if start == ent.start else Span(ent.doc, start, ent.end, label="PERSON")


@Language.component("actor_mentions")
def actor_mentions(doc: Doc) -> Doc:
    ents = [_without_office(ent) for ent in doc.ents]
    ents = [ent for ent in ents if ent is not None]
    reshaped: list[Span] = []
    for ent in ents:
        reshaped.extend(_split_possessive(doc, ent) if ent.label_ in {"ORG", "FAC"} else [ent])
    extra = _people_after_offices(doc, ents) + _government_phrases(doc)
    for span in [*reshaped, *extra]:
        acronym = _acronym_after(doc, span.end)
        if acronym is not None and span.label_ in {"ORG", "FAC", "GPE"}:
            extra.append(acronym)
    # Longer and added mentions win over spaCy's where they overlap.
    spans = filter_spans([*extra, *reshaped])
    doc.ents = [s for s in spans if _looks_like_actor(s)]
    return doc
