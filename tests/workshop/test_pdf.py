"""WeasyPrint reads our own static files and nothing else."""

import io
import urllib.request

import pytest
from pypdf import PdfReader

from workshop.pdf import RefusedURL, StaticFilesOnly, html_to_pdf, static_file

BASE = "http://kachinko.test/"


def test_a_static_file_is_served_from_the_static_files():
    response = StaticFilesOnly(BASE).fetch(f"{BASE}static/css/call_sheet.css?v=1")

    assert response.content_type == "text/css"
    assert b"@page" in response.read()


@pytest.mark.parametrize(
    "url",
    [
        "http://example.com/static/css/call_sheet.css",  # another host
        "https://kachinko.test/static/css/call_sheet.css",  # another scheme
        f"{BASE}media/photo.jpg",  # not a static file
        f"{BASE}static/css/missing.css",
        f"{BASE}static/../workshop/settings.py",
        f"{BASE}static/%2e%2e/workshop/settings.py",
        f"{BASE}static//etc/passwd",
        "file:///etc/passwd",
        "data:text/css,body{}",
    ],
)
def test_any_other_url_is_refused(url):
    with pytest.raises(RefusedURL):
        StaticFilesOnly(BASE).fetch(url)


def test_static_file_names_stay_inside_the_static_files():
    assert static_file("css/call_sheet.css").name == "call_sheet.css"
    assert static_file("../manage.py") is None
    assert static_file("/etc/passwd") is None


def test_a_page_that_links_elsewhere_is_rendered_without_fetching_it(monkeypatch):
    def no_network(*args, **kwargs):
        raise AssertionError("WeasyPrint tried to open a URL")

    monkeypatch.setattr(urllib.request.OpenerDirector, "open", no_network)
    html = (
        '<link rel="stylesheet" href="/static/css/call_sheet.css">'
        '<link rel="stylesheet" href="http://example.com/evil.css">'
        '<img src="http://example.com/pixel.png" alt=""><p>東京 Tokyo</p>'
    )

    pdf = html_to_pdf(html, base_url=BASE)

    assert "東京 Tokyo" in PdfReader(io.BytesIO(pdf)).pages[0].extract_text()
