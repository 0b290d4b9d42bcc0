"""HTML to PDF with WeasyPrint, which reads nothing but our own static files.

A page rendered for print links its stylesheet by its static URL; WeasyPrint asks
`StaticFilesOnly` for it, which serves it from the static files (the finders in
development, the collected files in production) and refuses every other URL: no request
leaves the server, whatever a page holds. Fonts are the system's (fontconfig): Japanese
needs Debian's `fonts-noto-cjk`."""

import mimetypes
import posixpath
from pathlib import Path
from urllib.parse import unquote, urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.storage import staticfiles_storage
from weasyprint import HTML
from weasyprint.urls import URLFetcher, URLFetcherResponse


class RefusedURL(ValueError):
    """A URL that is not one of our static files."""


def static_file(name: str) -> Path | None:
    """The file of a static file's name (as `{% static %}` wrote it), or None."""
    name = posixpath.normpath(unquote(name))
    if name.startswith(("/", "..")) or name == ".":
        return None
    found = finders.find(name)
    if found:
        return Path(found)
    if staticfiles_storage.exists(name):  # collected, under its hashed name
        return Path(staticfiles_storage.path(name))
    return None


class StaticFilesOnly(URLFetcher):
    """Serves the static files under `base_url`'s static URL; refuses anything else."""

    def __init__(self, base_url: str):
        super().__init__(allowed_protocols=())
        self.prefix = base_url.rstrip("/") + "/" + settings.STATIC_URL.lstrip("/")

    def fetch(self, url, headers=None):
        parts = urlsplit(url)
        plain = f"{parts.scheme}://{parts.netloc}{parts.path}"
        path = None
        if plain.startswith(self.prefix):
            path = static_file(plain.removeprefix(self.prefix))
        if path is None:
            raise RefusedURL(f"Not one of our static files: {url}")
        content_type = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
        return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": content_type})


def html_to_pdf(html: str, *, base_url: str) -> bytes:
    """The PDF of a page rendered for print; `base_url` is the site's root, as the request
    that asks for it sees it."""
    return HTML(string=html, base_url=base_url, url_fetcher=StaticFilesOnly(base_url)).write_pdf()
