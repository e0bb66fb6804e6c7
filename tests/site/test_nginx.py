"""The shipped nginx configuration serves the built site with the right types, headers and compression."""

from __future__ import annotations

import urllib.error
import urllib.request

import pytest

from .nginx import ROOT, running_nginx

SITE = ROOT / "site"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    if not (SITE / "index.html").exists():
        pytest.fail("run `make build` first: the nginx test serves ./site")
    with running_nginx(SITE, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def get(url: str, gzip: bool = False) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": "gzip"} if gzip else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def first(pattern: str) -> str:
    found = sorted(SITE.glob(pattern))
    assert found, f"nothing in site/ matches {pattern}"
    return "/" + found[0].relative_to(SITE).as_posix()


def test_pages_get_the_security_headers_and_are_revalidated(nginx):
    status, headers, body = get(nginx + "/frameworks/kirklees/explorer/")
    assert status == 200 and b"Kirklees" in body
    csp = headers["content-security-policy"]
    assert "default-src 'self'" in csp and "'wasm-unsafe-eval'" in csp and "frame-ancestors 'self'" in csp
    assert "http" not in csp, "no other origin may be allowed"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["cache-control"] == "no-cache"
    assert headers["content-type"].startswith("text/html")


def test_webassembly_and_modules_have_the_right_types_and_are_compressed(nginx):
    status, headers, _ = get(nginx + first("pyodide/*.wasm"), gzip=True)
    assert status == 200
    assert headers["content-type"] == "application/wasm"
    assert headers.get("content-encoding") == "gzip"
    status, headers, _ = get(nginx + first("pyodide/*.zip"), gzip=True)
    assert status == 200 and headers["content-type"] == "application/zip"
    assert headers.get("content-encoding") == "gzip"
    for path in (first("assets/explorer/*.mjs"), first("pyodide/*.mjs")):
        status, headers, _ = get(nginx + path)
        assert status == 200 and headers["content-type"].startswith("text/javascript"), path


def test_hashed_theme_assets_are_cached_long(nginx):
    status, headers, _ = get(nginx + first("assets/javascripts/bundle.*.min.js"))
    assert status == 200 and "immutable" in headers["cache-control"]


def test_files_that_change_under_the_same_name_are_revalidated(nginx):
    for path in ("/pyodide/pyodide-lock.json", first("pyodide/*.whl"), first("assets/explorer/*.mjs")):
        status, headers, _ = get(nginx + path)
        assert status == 200 and headers["cache-control"] == "no-cache", path


def test_missing_pages_get_the_404_page(nginx):
    status, _, body = get(nginx + "/no/such/page/")
    assert status == 404 and b"<html" in body
