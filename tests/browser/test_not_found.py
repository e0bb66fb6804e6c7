"""The 404 page, served for a missing address at any depth of a site kept in a folder (as nginx's
``error_page 404 /folder/404.html`` or IIS's custom error page would): it needs no other file, so nothing
breaks however deep the missing address is, and the CSP has nothing to block."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import jinja2
import pytest

from .conftest import ROOT

FOLDER = "/intranet/safeguarding/"  # where the site lives on this pretend intranet server


class _FolderHandler(SimpleHTTPRequestHandler):
    """The built site under FOLDER; any missing address gets 404.html with status 404."""

    def __init__(self, *args, site: Path, **kwargs):
        self.site = site
        super().__init__(*args, directory=str(site), **kwargs)

    def do_GET(self) -> None:  # noqa: N802 - the base class's name
        path = self.path.split("?", 1)[0]
        if path.startswith(FOLDER):
            self.path = "/" + path[len(FOLDER):]
            target = Path(self.translate_path(self.path))
            if target.is_file() or (target / "index.html").is_file():
                return super().do_GET()
        body = (self.site / "404.html").read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def folder_server(site_dir: Path) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_FolderHandler, site=site_dir))
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()


@pytest.mark.parametrize("missing", ["nope/", "frameworks/kirklees/indicators/level-9/", "a/b/c/d/e/f/g.html",
                                     "../outside/of/the/folder"])
def test_not_found_works_at_any_depth(page, folder_server, missing):
    response = page.goto(folder_server + FOLDER + missing)
    assert response.status == 404
    assert page.inner_text("h1") == "Page not found"
    assert "call 999" in page.inner_text("main")
    assert page.title() == "Page not found - Continuum of Need"
    # Nothing but the page itself was asked for: no stylesheet, script or image to miss.
    assert page.requests == [response.url], page.requests
    # The only console line is Chromium's note of the 404 status itself: the CSP blocked nothing.
    others = [m for m in page.console_errors if "status of 404" not in m or response.url not in m]
    assert others == [] and page.page_errors == []
    assert page.evaluate("document.styleSheets.length") == 0
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_the_site_itself_still_serves_from_the_folder(page, folder_server):
    response = page.goto(folder_server + FOLDER + "frameworks/kirklees/")
    assert response.status == 200 and page.inner_text("h1").startswith("Kirklees:")


def test_the_404_page_needs_no_file_and_links_home_only_when_it_can():
    text = (ROOT / "site" / "404.html").read_text(encoding="utf-8") if (ROOT / "site" / "404.html").is_file() else None
    if text is not None:
        assert "<link" not in text and "<script" not in text and "<img" not in text and "style=" not in text
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(ROOT / "overrides"), autoescape=True)
    template = env.get_template("404.html")
    theme = {"language": "en"}
    without = template.render(config={"site_name": "Continuum of Need", "site_url": None, "theme": theme})
    assert "<a " not in without and "from the link or bookmark" in without
    with_url = template.render(config={"site_name": "Continuum of Need", "site_url": "https://intranet.example/safeguarding/",
                                       "theme": theme})
    assert '<a href="https://intranet.example/safeguarding/">Go to the Continuum of Need home page</a>' in with_url
