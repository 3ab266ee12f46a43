"""Actors of one article: entity mentions merged across spellings, with roles and sides.

Mentions come from spaCy's entities (and the entity ruler's groups). They merge when
they are spellings of one name: a surname alone and the full name, an acronym and
the name it abbreviates, "the U.S." and "the United States", a capital used for its
government ("Washington says"). Roles come from titles before a name, appositions
and "who directs ..." clauses; sides from countries, institutions and loyalties.
"""

import re

from spacy.tokens import Doc, Span, Token

from actors.choices import ActorKind, Side
from actors.normalize import normalize_name
from negotiations.ingestion.candidates import ActorCandidate, RoleCandidate, Source
from negotiations.ingestion.vocabulary import phrase_set, vocabulary

_LABELS = {"PERSON", "ORG", "GPE", "NORP", "FAC", "NORP_GROUP", "GOV"}
_HONORIFICS = {"mr", "mr.", "ms", "ms.", "mrs", "mrs.", "dr", "dr."}
_STATE_PREFIX = re.compile(
    r"^(?:the )?(?:government|kingdom|republic|state|authorities|people's republic)"
    r" of (?:the )?(.+)$"
)
_AGENT_DEPS = {"nsubj", "nsubjpass", "agent", "csubj"}
_INTERACTION_PREPS = {"with", "against", "toward", "towards", "from", "to", "by"}
_MAX_SOURCES = 3


def _place(name: str) -> str | None:
    """The canonical country a name stands for, or None."""
    places = vocabulary("places")
    lower = name.lower()
    prefixed = _STATE_PREFIX.match(lower)
    if prefixed and prefixed.group(1).strip() != lower:
        return _place(prefixed.group(1).strip())
    if lower in places["country_aliases"]:
        return places["country_aliases"][lower]
    if lower in phrase_set("places", "countries"):
        return name.title() if name.islower() else name
    return None


def _clean(span: Span) -> tuple[Span, str]:
    """The mention without a leading 'the' and a trailing possessive."""
    start, end = span.start, span.end
    doc = span.doc
    while start < end and doc[start].lower_ in {"the", "a", "an"}:
        start += 1
    while end > start and doc[end - 1].text in {"’s", "'s", "’", "'"}:
        end -= 1
    cleaned = doc[start:end]
    return cleaned, re.sub(r"[’'ʼ]s$", "", cleaned.text.strip())


def _is_agentive(token: Token) -> bool:
    """Acting in its sentence: a subject (or in a list of subjects) or made to act."""
    seen = 0
    while token.dep_ in {"conj", "appos"} and token.head != token and seen < 6:
        token, seen = token.head, seen + 1
    if token.dep_ in _AGENT_DEPS:
        return True
    head = token.head
    if token.dep_ == "pobj" and (
        head.dep_ == "agent"  # "facilitated by Switzerland"
        or head.lower_ == "against"  # "an embargo against X": something is done to it
        or (head.lower_ == "from" and head.head.lemma_ in {"extradite", "deport", "expel"})
    ):
        return True
    # "allowed X to gain": an object with a verb of its own.
    if token.dep_ == "dobj" and any(c.dep_ == "xcomp" for c in token.head.children):
        return True
    return token.dep_ == "poss" and token.head.lemma_ in {
        "government",
        "official",
        "leader",
        "role",
        "decision",
        "offer",
        "proposal",
        "support",
    }


def _is_metonym(token: Token) -> bool:
    """A capital standing for its government: 'Washington shows', 'engagement with Havana'."""
    if token.dep_ in {"compound", "appos"} or any(c.dep_ == "appos" for c in token.children):
        return False
    if token.head.lemma_ == "capital":
        return False
    if token.dep_ == "pobj":
        return token.head.lower_ in _INTERACTION_PREPS
    return token.dep_ in _AGENT_DEPS | {"dobj"}


def _byline(ent: Span) -> bool:
    """A heading line that is a name, perhaps with a role: "Jane Doe", "Jane Doe, Spokesperson"."""
    rest = ent.doc[ent.end : ent.sent.end].text.strip()
    before = ent.doc[ent.sent.start : ent.start].text.strip()
    return ent.label_ == "PERSON" and not before and (not rest or rest.startswith(","))


def _person_name(name: str) -> str:
    words = name.split()
    while len(words) > 1 and words[0].lower() in _HONORIFICS:
        words = words[1:]
    return " ".join(words)


def _org_kind(name: str) -> str:
    words = set(re.findall(r"[a-z]+", name.lower()))
    for kind, markers in vocabulary("actors")["kind_words"].items():
        if words & set(markers):
            return kind
    return ActorKind.ORGANIZATION


def _initials(words: list[str]) -> str:
    return "".join(w[0] for w in words if w[:1].isupper())


class ArticleActors:
    """Actor candidates of one parsed article, and which tokens mention which actor."""

    def __init__(self, doc: Doc, *, skip: set[int]):
        self.doc = doc
        self.skip = skip  # sentence starts (token index) not to read: headlines
        self.candidates: dict[str, ActorCandidate] = {}
        self.token_key: dict[int, str] = {}
        self._acting: set[str] = set()
        self._surnames: dict[str, list[tuple[int, str]]] = {}
        self._collect()

    # --- lookups used by the fact rules -------------------------------------------
    def key_at(self, i: int) -> str | None:
        return self.token_key.get(i)

    def keys_in(self, tokens) -> list[str]:
        keys = []
        for token in tokens:
            key = self.token_key.get(token.i)
            if key and key not in keys:
                keys.append(key)
        return keys

    def kind(self, key: str) -> str:
        candidate = self.candidates.get(key)
        return candidate.kind if candidate else ""

    # --- collection -----------------------------------------------------------------
    def _mentions(self):
        titles = phrase_set("actors", "titles")
        for ent in self.doc.ents:
            if ent.label_ not in _LABELS:
                continue
            if ent.sent.start in self.skip and not _byline(ent):
                continue
            span, name = _clean(ent)
            if not name or name.lower() in phrase_set("actors", "not_actors"):
                continue
            first = ent.doc[ent.start - 1] if ent.start else None
            if name.isupper() and (first is None or "\n" in first.text + first.whitespace_):
                continue  # a dateline: "CITY—"
            head = span.root.head
            if (
                len(span) == 1
                and ent.label_ == "ORG"
                and (head.lower_ in titles or head.head.lower_ in titles)
            ):
                continue  # the office in a title: "Interior Minister", "Secretary of State"
            yield ent, span, name

    def _collect(self) -> None:
        mentions = list(self._mentions())
        # Full personal names first, so a surname alone can find its person.
        for ent, _span, name in mentions:
            if ent.label_ == "PERSON" and len(name.split()) > 1 and not self._government_of(ent):
                name = _person_name(name)
                if normalize_name(name) in self._surnames:
                    continue  # "Montoya Quintero" after "Rafael Ignacio Montoya Quintero"
                key = "person:" + normalize_name(name)
                words = [w for w in name.split() if len(w) > 2 and not w.endswith(".")]
                # Hispanic names carry two surnames: "Montoya", "Quintero", "Montoya Quintero".
                for surname in (
                    {*words[-2:], " ".join(words[-2:])} if len(words) > 2 else {*words[-1:]}
                ):
                    self._surnames.setdefault(normalize_name(surname), []).append((ent.start, key))
        orgs = sorted(
            {name for ent, _s, name in mentions if ent.label_ in {"ORG", "FAC"}},
            key=len,
            reverse=True,
        )
        people = []
        for ent, span, name in mentions:
            resolved = self._resolve(ent, span, name, orgs)
            if resolved is None:
                continue
            if ent.label_ == "PERSON" and self._government_of(ent):
                name = f"{name} {ent.doc[ent.end].text}"  # the alias: "X administration"
            key, display, kind, acting = resolved
            candidate = self.candidates.get(key)
            if candidate is None:
                candidate = self.candidates[key] = ActorCandidate(key=key, name=display, kind=kind)
            if len(display) > len(candidate.name) and kind != ActorKind.PERSON:
                candidate.name = display
            candidate.aliases.add(name)
            if acting:
                self._acting.add(key)
            for token in span:
                self.token_key[token.i] = key
            if kind == ActorKind.PERSON:
                people.append((candidate, span))
        # Roles once every mention is known: "a confidant of X" needs X.
        for candidate, span in people:
            self._person_roles(candidate, span)
        # Countries and groups that never act in the article are only places or words.
        for key in list(self.candidates):
            if key.startswith(("country:", "norp:")) and key not in self._acting:
                del self.candidates[key]
                self.token_key = {i: k for i, k in self.token_key.items() if k != key}
        self._resolve_sides()

    def _government_of(self, ent: Span) -> bool:
        """'the X administration': a person's name standing for a government."""
        return ent.end < len(self.doc) and ent.doc[ent.end].lower_ in phrase_set(
            "actors", "administration_suffixes"
        )

    def _resolve(self, ent: Span, span: Span, name: str, orgs: list[str]):
        label, root = ent.label_, span.root
        if label == "PERSON":
            name = _person_name(name)
        normalized = normalize_name(name)
        if label == "NORP_GROUP":
            return f"group:{ent.ent_id_}", name, ActorKind.GROUP, True
        if label == "PERSON" and self._government_of(ent):
            suffix = ent.doc[ent.end]
            self.token_key[suffix.i] = "country:united states"
            # "the X administration" is, in this domain's news, the U.S. government.
            return "country:united states", "United States", ActorKind.GOVERNMENT, True
        if label == "GOV":
            return self._government(span, name)
        # A surname alone (spaCy sometimes calls it an ORG or a place).
        if len(name.split()) <= 2 and normalized in self._surnames:
            owners = self._surnames[normalized]
            before = [key for start, key in owners if start <= ent.start]
            return (before[-1] if before else owners[0][1]), name, ActorKind.PERSON, True
        if label == "PERSON" and _org_kind(name) != ActorKind.ORGANIZATION:
            label = "ORG"  # "Civic Platform": a group's name read as a person's
        if label == "PERSON":
            if len(name.split()) == 1 and not name[:1].isupper():
                return None
            full = _person_name(name)
            return "person:" + normalize_name(full), full, ActorKind.PERSON, True
        country = _place(name) if _STATE_PREFIX.match(name.lower()) else None
        if country:  # "the Government of Peru", "the Kingdom of Spain"
            return "country:" + normalize_name(country), country, ActorKind.GOVERNMENT, True
        country = _place(name)
        if country:
            return (
                "country:" + normalize_name(country),
                country,
                ActorKind.GOVERNMENT,
                _is_agentive(root),
            )
        capital = vocabulary("places")["capitals"].get(name.lower())
        if label == "GPE" and capital:
            if not _is_metonym(root):
                return None
            return "country:" + normalize_name(capital), capital, ActorKind.GOVERNMENT, True
        if label == "GPE" or name.lower() in vocabulary("places")["demonyms"]:
            return None
        if label == "NORP":
            return "norp:" + normalized, name, ActorKind.GROUP, _is_agentive(root)
        # Organizations: an acronym or a shorter form of a longer name in the article.
        for other in orgs:
            words = _clean_words(other)
            if name.isupper() and 2 <= len(name) <= 6:
                for i in range(len(words) - 1):
                    if _initials(words[i:]) == name:
                        return (
                            "org:" + normalize_name(other),
                            other,
                            _org_kind(other),
                            True,
                        )
            elif len(other) > len(name) and normalize_name(other).endswith(" " + normalized):
                return "org:" + normalize_name(other), other, _org_kind(other), True
        return "org:" + normalized, name, _org_kind(name), True

    def _government(self, span: Span, name: str):
        """A government written as a phrase: its country's, or a leader's ("X regime")."""
        demonyms = vocabulary("places")["demonyms"]
        for token in span:
            country = _place(token.text) or demonyms.get(token.lower_)
            if country:
                key = "country:" + normalize_name(country)
                return key, country, ActorKind.GOVERNMENT, True
        return "government:" + normalize_name(name), name, ActorKind.GOVERNMENT, True

    # --- roles ------------------------------------------------------------------------
    def _person_roles(self, candidate: ActorCandidate, span: Span) -> None:
        doc, root = self.doc, span.root
        source = Source(span.sent.start_char, span.sent.end_char, "publication")
        titles = phrase_set("actors", "titles")
        # Titles before the name: "Colombian President Ana Ruiz".
        start = span.start
        while (
            start > span.sent.start
            and doc[start - 1].head.i in range(start, span.end)
            and (doc[start - 1].dep_ in {"compound", "amod", "nmod"})
        ):
            start -= 1
        prefix = [t for t in doc[start : span.start] if t.dep_ != "det"]
        if any(t.lower_ in titles for t in prefix):
            title = " ".join(t.text for t in prefix)
            candidate.aliases.add(f"{title} {span.text}")
            self._add_role(candidate, title, prefix, source)
        # Appositions: "X, president of ... and a confidant of Y," and "its candidate, X".
        for child in root.children:
            if child.dep_ == "appos":
                for head in (child, *[c for c in child.children if c.dep_ == "conj"]):
                    self._apposition_role(candidate, head, source)
            if child.dep_ == "nmod" and child.i < span.start and child.lemma_.lower() in titles:
                self._add_role(candidate, child.text, [child], source)  # "its candidate, X"
            if child.dep_ == "relcl" and child.lemma_ in phrase_set("actors", "role_verbs"):
                words = [t for t in child.subtree if t.lower_ not in {"who", "which"}]
                self._add_role(candidate, _text(words), words, source)
        if root.dep_ == "appos" and root.head.pos_ == "NOUN":
            self._apposition_role(candidate, root.head, source, stop_at=span.start)

    def _apposition_role(
        self, candidate: ActorCandidate, head: Token, source: Source, stop_at: int | None = None
    ) -> None:
        words = []
        for token in head.subtree:
            if stop_at is not None and token.i >= stop_at - 1:
                break
            if token.i > head.i and token.dep_ in {"cc", "conj"} and token.head == head:
                break
            if token.is_punct and token.i > head.i:
                break
            words.append(token)
        words = [t for t in words if (t.dep_ != "det" and t.tag_ != "PRP$") or t.i > head.i]
        if words and head.lemma_.lower() in phrase_set("actors", "titles") | phrase_set(
            "actors", "commentator_nouns"
        ):
            self._add_role(candidate, _text(words), words, source)

    def _add_role(self, candidate: ActorCandidate, title: str, words, source: Source) -> None:
        title = title.strip(" ,")
        if not title or any(r.title == title for r in candidate.roles):
            return
        loyal = {t.lemma_.lower() for t in words} & phrase_set("actors", "loyalty_nouns")
        for token in words:
            key = self.token_key.get(token.i)
            if loyal and key and key != candidate.key and key.startswith("person:"):
                # "a Ruiz confidant", "an ally of X": on X's side.
                candidate.loyal_to = candidate.loyal_to or key
        candidate.roles.append(RoleCandidate(title, self._org_in(words), source))

    def _org_in(self, words) -> str | None:
        """An organization named in a role, even before its own mention is read."""
        found = {"ORG": [], "GPE": []}
        indexes = {t.i for t in words}
        if not indexes:
            return None
        for ent in self.doc[min(indexes) : max(indexes) + 1].ents:
            if ent.label_ in found and ent.start in indexes:
                found[ent.label_].append(
                    next((self.token_key[t.i] for t in ent if t.i in self.token_key), None)
                )
        # The last organization named ("expert at the X Council") is the one worked for.
        keys = [k for k in found["ORG"] if k] or [k for k in found["GPE"] if k]
        return keys[-1] if keys else None

    # --- sides ------------------------------------------------------------------------
    def _resolve_sides(self) -> None:
        sides = vocabulary("sides")
        country_sides = {normalize_name(k): v for k, v in sides["countries"].items()}
        us_words = [normalize_name(w) for w in sides["us_institutions"]]
        opposition = phrase_set("sides", "opposition")
        commentators = phrase_set("actors", "commentator_nouns")
        demonyms = {
            normalize_name(k): normalize_name(v)
            for k, v in vocabulary("places")["demonyms"].items()
        }

        for key, candidate in self.candidates.items():
            name = normalize_name(candidate.name)
            if key.startswith("country:"):
                candidate.side = country_sides.get(key.split(":", 1)[1])
            elif key.startswith("group:"):
                candidate.side = (
                    key.split(":", 1)[1] if key.split(":", 1)[1] in Side.values else None
                )
            elif any(
                name == w or name.endswith(" " + w) or name.startswith(w + " ") for w in us_words
            ):
                candidate.side = Side.US_GOVERNMENT
            elif key.startswith("org:"):
                for alias in candidate.aliases:
                    owner = re.match(r"^(\w[\w .]*?)[’']s ", alias)
                    if owner and _place(owner.group(1)):
                        candidate.side = country_sides.get(normalize_name(_place(owner.group(1))))

        for _ in range(2):  # people take the side of their organizations and patrons
            for candidate in self.candidates.values():
                if candidate.kind != ActorKind.PERSON or candidate.side:
                    continue
                role_words = {w for r in candidate.roles for w in normalize_name(r.title).split()}
                if role_words & opposition:
                    candidate.side = Side.OPPOSITION
                    continue
                for role in candidate.roles:
                    org = self.candidates.get(role.organization_key or "")
                    if org and org.side:
                        candidate.side = org.side
                        break
                    first = normalize_name(role.title).split()[:1]
                    if first and first[0] in demonyms:
                        candidate.side = country_sides.get(demonyms[first[0]])
                        if candidate.side:
                            break
                if not candidate.side and candidate.loyal_to in self.candidates:
                    candidate.side = self.candidates[candidate.loyal_to].side
                if not candidate.side and role_words & commentators:
                    candidate.side = Side.OTHER
        self._sides_from_sentences(opposition)

    def _sides_from_sentences(self, opposition: frozenset[str]) -> None:
        """Mediators act in sentences about resolving; candidates of the opposition run."""
        mediation = phrase_set("sides", "mediation")
        for sent in self.doc.sents:
            if sent.start in self.skip:
                continue
            lower = sent.text.lower()
            lemmas = {t.lemma_.lower() for t in sent}
            mediating = bool(lemmas & mediation) or any(" " in m and m in lower for m in mediation)
            for token in sent:
                key = self.token_key.get(token.i)
                candidate = self.candidates.get(key or "")
                if not candidate or candidate.side or not _is_agentive(token):
                    continue
                if mediating and key.startswith("country:"):
                    candidate.side = Side.MEDIATOR
            # "its candidate, X" in a sentence about the opposition.
            if lemmas & opposition:
                for key in {self.token_key.get(t.i) for t in sent} - {None}:
                    candidate = self.candidates.get(key)
                    if (
                        candidate
                        and not candidate.side
                        and any(
                            "candidate" in r.title.lower() or "leader" in r.title.lower()
                            for r in candidate.roles
                        )
                    ):
                        candidate.side = Side.OPPOSITION

    def add_source(self, key: str, source: Source) -> None:
        candidate = self.candidates.get(key)
        if candidate and len(candidate.sources) < _MAX_SOURCES and source not in candidate.sources:
            candidate.sources.append(source)


def _clean_words(name: str) -> list[str]:
    return [w for w in name.split() if w.lower() not in {"the", "of", "for", "and"}]


def _text(tokens) -> str:
    tokens = list(tokens)
    if not tokens:
        return ""
    return tokens[0].doc[tokens[0].i : tokens[-1].i + 1].text
