"""Who is speaking in a sentence: a named person, an official statement, anonymous
sources (with their count where given) or the publication itself."""

from collections.abc import Callable

from spacy.tokens import Span, Token

from negotiations.ingestion.candidates import Source
from negotiations.ingestion.vocabulary import phrase_set, vocabulary
from sources.choices import Attribution

_PRONOUNS = {"he", "she", "they", "it", "we"}


def _speech_subject(sent: Span) -> tuple[Token | None, Token | None]:
    """The subject of the sentence's reporting verb ("X said"), or of "according to X"."""
    speech = phrase_set("speech", "speech_verbs")
    for token in sent:
        if token.lower_ == "according" and token.i + 1 < sent.end and token.nbor().lower_ == "to":
            objects = [c for c in token.nbor().children if c.dep_ == "pobj"]
            if objects:
                return objects[0], token
    verbs = [t for t in sent if t.lemma_.lower() in speech and t.pos_ in {"VERB", "AUX"}]
    # Prefer the verb that governs the sentence: "..., X said." attaches at the root.
    verbs.sort(key=lambda t: (t.dep_ not in {"ROOT", "parataxis"}, t.i))
    for verb in verbs:
        for child in verb.children:
            if child.dep_ in {"nsubj", "nsubjpass"}:
                return child, verb
    return None, None


def _source_count(subject: Token) -> int | None:
    numbers = vocabulary("speech")["numbers"]
    for token in subject.subtree:
        if token.like_num and token.lower_.isdigit():
            return int(token.lower_)
        if token.lower_ in numbers and (token.dep_ in {"nummod", "det"} or token == subject):
            return numbers[token.lower_]
    return 1 if subject.tag_ in {"NN", "NNP"} and subject.lower_ in {"person", "official"} else None


def _occasion(verb: Token | None) -> str:
    """'in a news conference': the occasion a named speaker spoke on."""
    if verb is None:
        return ""
    for child in verb.children:
        if child.dep_ == "prep" and child.lower_ in {"in", "at", "during", "on"}:
            for obj in child.children:
                if obj.dep_ == "pobj" and obj.lemma_ in {
                    "conference", "interview", "statement", "speech", "address", "briefing",
                    "broadcast", "post", "rally",
                }:  # fmt: skip
                    words = [t.text for t in obj.subtree if t.dep_ not in {"det"}]
                    return " ".join(words)
    return ""


def sentence_source(
    sent: Span,
    *,
    actor_key_at: Callable[[int], str | None],
    actor_kind: Callable[[str], str],
    previous: Source | None,
) -> Source:
    """The Source for a sentence; a pronoun speaker ("she said") continues the previous one."""
    subject, verb = _speech_subject(sent)
    if subject is None:
        return Source(sent.start_char, sent.end_char, Attribution.PUBLICATION)
    if subject.lower_ in _PRONOUNS and previous and previous.attribution != Attribution.PUBLICATION:
        return Source(
            sent.start_char,
            sent.end_char,
            previous.attribution,
            previous.speaker_label,
            previous.speaker_key,
            previous.source_count,
        )
    words = list(subject.subtree)
    label = sent.doc[words[0].i : words[-1].i + 1].text.strip(" ,")
    keys = [actor_key_at(t.i) for t in words if actor_key_at(t.i)]
    head = subject.lemma_.lower()
    subtree_words = {t.lower_ for t in words}
    if head in phrase_set("speech", "official_heads") or (
        keys
        and actor_kind(keys[0]) != "person"
        and head not in phrase_set("speech", "anonymous_heads")
    ):
        return Source(
            sent.start_char, sent.end_char, Attribution.OFFICIAL, label, keys[0] if keys else None
        )
    if (
        head in phrase_set("speech", "anonymous_heads")
        or subject.lower_ in phrase_set("speech", "anonymous_heads")
        or subtree_words & phrase_set("speech", "anonymous_markers")
    ):
        return Source(
            sent.start_char,
            sent.end_char,
            Attribution.ANONYMOUS,
            label,
            None,
            _source_count(subject),
        )
    if keys and actor_kind(keys[0]) == "person":
        occasion = _occasion(verb)
        return Source(
            sent.start_char,
            sent.end_char,
            Attribution.NAMED,
            f"{label}, {occasion}" if occasion else label,
            keys[0],
        )
    return Source(sent.start_char, sent.end_char, Attribution.PUBLICATION)
