"""Control characters: refused at every door, and never allowed to break what shows text.

Tab, line feed and carriage return are text (browsers send a textarea's lines as CRLF);
every other control character (C0, DEL and C1: U+0000-U+001F, U+007F-U+009F) is not. XML
1.0 cannot carry most of them, so one in a stored title made the Atom feed a 500 for
every reader. Each door refuses them with an error naming the field: the models'
`clean_fields` (which the services' `full_clean` runs, so the site's forms, the API, the
command line and ingestion alike), the API's serializer fields, and an article's text
(`article_text_problem`). An article's metadata, free-form JSON no page shows, has them
dropped instead (`json_strip`). What shows stored text that predates this (the feed)
strips them.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.deconstruct import deconstructible

CONTROL_CHARACTERS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# The same rule as JSON Schema patterns, for the API schema (core.api.schema).
_CONTROL_CLASS = "\\u0000-\\u0008\\u000b\\u000c\\u000e-\\u001f\\u007f-\\u009f"
NO_CONTROL_CHARACTERS = f"^[^{_CONTROL_CLASS}]*$"
# A letter: what makes a text words (an article's text needs one).
LETTER = re.compile(r"[^\W\d_]")
TEXT_WITH_WORDS = f"^[^{_CONTROL_CLASS}]*{LETTER.pattern}[^{_CONTROL_CLASS}]*$"


def control_character_problem(value: str) -> str | None:
    """Why `value` may not be stored as text (naming the first control character), or None."""
    match = CONTROL_CHARACTERS.search(value)
    if match is None:
        return None
    return (
        f"Contains a control character (U+{ord(match.group()):04X}) at character "
        f"{match.start() + 1:,}; only tab and line breaks are allowed."
    )


# What RFC 3986 never allows in a URL, however it is written: spaces, control characters
# and these. Percent-encoded they are fine (%22 for a quote).
URL_FORBIDDEN = re.compile('[\\s\x00-\x1f\x7f-\x9f"<>\\\\^`{|}]')
# A JSON Schema pattern for the same rule (the API schema's URL fields).
URL_PATTERN = '^[^\\s\\u0000-\\u001f\\u007f-\\u009f"<>\\\\^`{|}]*$'


def url_problem(value: str) -> str | None:
    """Why `value` is not a URL as written (naming the character), or None."""
    match = URL_FORBIDDEN.search(value)
    if match is None:
        return None
    char = match.group()
    shown = f"“{char}”" if char.isprintable() and not char.isspace() else f"U+{ord(char):04X}"
    encoded = f" (as %{ord(char):02X})" if ord(char) < 128 else ""
    return (
        f"A URL cannot contain {shown} (character {match.start() + 1:,}); "
        f"percent-encode it{encoded}."
    )


def control_characters_strip(value: str) -> str:
    return CONTROL_CHARACTERS.sub("", value)


@deconstructible
class NoControlCharactersValidator:
    """For form and serializer fields: the models refuse the same characters."""

    code = "control_characters"

    def __call__(self, value) -> None:
        problem = control_character_problem(str(value)) if value else None
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, NoControlCharactersValidator)


no_control_characters = NoControlCharactersValidator()


@deconstructible
class UrlCharactersValidator:
    """For URL form and serializer fields: Django's URLValidator lets quotes and angle
    brackets through (`https://example.org/"><script>`); the models refuse them too."""

    code = "invalid_url_characters"

    def __call__(self, value) -> None:
        problem = url_problem(str(value)) if value else None
        if problem:
            raise ValidationError(problem, code=self.code)

    def __eq__(self, other) -> bool:
        return isinstance(other, UrlCharactersValidator)


url_characters = UrlCharactersValidator()


def text_fields_problems(instance: models.Model, exclude=None) -> dict[str, str]:
    """Field name -> problem, for each text column of `instance` holding a control
    character, and each URL column holding what no URL may."""
    problems = {}
    for field in instance._meta.concrete_fields:
        if field.generated:  # the database's to compute, unreadable before a save
            continue
        value = getattr(instance, field.attname)
        if field.name in (exclude or ()) or not isinstance(value, str) or not value:
            continue
        if isinstance(field, models.URLField):
            problem = url_problem(value)
        elif isinstance(field, models.CharField | models.TextField):
            problem = control_character_problem(value)
        else:
            continue
        if problem:
            problems[field.name] = problem
    return problems


def json_strip(value):
    """A JSON value with control characters taken out of its strings, keys included."""
    if isinstance(value, str):
        return control_characters_strip(value)
    if isinstance(value, dict):
        return {control_characters_strip(str(k)): json_strip(v) for k, v in value.items()}
    if isinstance(value, list):
        return [json_strip(item) for item in value]
    return value


class TextFieldsClean:
    """Model mixin: `full_clean` refuses control characters in every text column."""

    def clean_fields(self, exclude=None) -> None:
        errors = {}
        try:
            super().clean_fields(exclude=exclude)
        except ValidationError as error:
            errors = error.update_error_dict(errors)
        for name, problem in text_fields_problems(self, exclude).items():
            errors.setdefault(name, []).append(problem)
        if errors:
            raise ValidationError(errors)
