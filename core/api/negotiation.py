"""Content negotiation that refuses an empty `?format=` instead of ignoring it."""

from rest_framework.exceptions import ValidationError
from rest_framework.negotiation import DefaultContentNegotiation


class StrictContentNegotiation(DefaultContentNegotiation):
    def select_renderer(self, request, renderers, format_suffix=None):
        if request.query_params.get(self.settings.URL_FORMAT_OVERRIDE) == "":
            raise ValidationError({"format": ["Choose json or csv, or leave format out."]})
        return super().select_renderer(request, renderers, format_suffix)
