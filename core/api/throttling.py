"""Throttles that read settings.API_THROTTLE_RATES per request (DRF reads its own at import)."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle, UserRateThrottle


class SettingsRateMixin:
    def get_rate(self) -> str | None:
        return settings.API_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        self.rate = self.get_rate()
        self.num_requests, self.duration = self.parse_rate(self.rate)
        return super().allow_request(request, view)


class AnonThrottle(SettingsRateMixin, AnonRateThrottle):
    pass


class UserThrottle(SettingsRateMixin, UserRateThrottle):
    pass
