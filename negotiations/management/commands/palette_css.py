"""Write static/css/palette.css from negotiations/palette.py (the one source of the colours)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from negotiations.palette import palette_css

PALETTE_CSS = Path(settings.BASE_DIR) / "static" / "css" / "palette.css"


class Command(BaseCommand):
    help = "Regenerate static/css/palette.css from the colours in negotiations/palette.py."

    def handle(self, *args, **options):
        PALETTE_CSS.write_text(palette_css(), encoding="utf-8")
        self.stdout.write(f"Wrote {PALETTE_CSS.relative_to(settings.BASE_DIR)}.")
