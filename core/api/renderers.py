"""CSV for any list endpoint (`?format=csv`), for consumers without code."""

import csv
import io

from rest_framework.renderers import BaseRenderer

# A spreadsheet runs a cell starting with one of these as a formula.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "; ".join(_cell(_label(item)) for item in value)
    if isinstance(value, dict):
        return _cell(_label(value))
    text = str(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def _label(item):
    if isinstance(item, dict):
        for key in ("name", "title", "label", "quote", "id"):
            if item.get(key) not in (None, ""):
                return item[key]
        return ""
    return item


def _flatten(row: dict, prefix: str = "") -> dict:
    flat = {}
    for key, value in row.items():
        if isinstance(value, dict) and value and not {"id", "url"} <= value.keys():
            flat.update(_flatten(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = _cell(value)
    return flat


class CSVRenderer(BaseRenderer):
    media_type = "text/csv"
    format = "csv"
    charset = "utf-8"

    def render(self, data, accepted_media_type=None, renderer_context=None) -> bytes:
        if data is None:
            return b""
        if isinstance(data, dict) and isinstance(data.get("results"), list):
            rows = data["results"]
        elif isinstance(data, list):
            rows = data
        else:
            rows = [data]
        flat = [_flatten(row) if isinstance(row, dict) else {"value": _cell(row)} for row in rows]
        header: dict[str, None] = {}
        for row in flat:
            header.update(dict.fromkeys(row))
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=list(header), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows(flat)
        return out.getvalue().encode("utf-8")
