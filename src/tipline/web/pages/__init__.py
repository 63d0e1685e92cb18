"""Server-rendered pages for people: home, report form, receipt, follow-up (FR/EN, no JS needed)."""

from tipline.web.pages.routes import install

__all__ = ["install"]
