"""The shipped nginx configuration serves the built site with the right types, headers, caching and compression."""

from __future__ import annotations

import gzip
import re
import urllib.error
import urllib.request

import pytest

from .nginx import CONF, HEADERS, HEADERS_INSTALLED, ROOT, running_nginx

SITE = ROOT / "site"
IMMUTABLE = "public, max-age=31536000, immutable"


@pytest.fixture(scope="module")
def nginx(tmp_path_factory):
    if not (SITE / "index.html").exists():
        pytest.fail("run `make build` first: the nginx test serves ./site")
    with running_nginx(SITE, tmp_path_factory.mktemp("nginx")) as url:
        yield url


def get(url: str, encoding: str | None = None) -> tuple[int, dict[str, str], bytes]:
    request = urllib.request.Request(url, headers={"Accept-Encoding": encoding} if encoding else {})
    try:
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status, {k.lower(): v for k, v in response.headers.items()}, response.read()
    except urllib.error.HTTPError as err:
        return err.code, {k.lower(): v for k, v in err.headers.items()}, err.read()


def first(pattern: str) -> str:
    found = sorted(SITE.glob(pattern))
    assert found, f"nothing in site/ matches {pattern}"
    return "/" + found[0].relative_to(SITE).as_posix()


def runtime() -> str:
    """The versioned runtime folder's URL path, e.g. /pyodide/314.0.7-0123456789ab/."""
    return first("pyodide/*/runtime.json").removesuffix("runtime.json")


def policy(text: str) -> dict[str, set[str]]:
    """A CSP as {directive: set of sources}."""
    out = {}
    for part in text.split(";"):
        words = part.split()
        if words:
            out[words[0]] = set(words[1:])
    return out


def shipped_policy() -> str:
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', HEADERS.read_text()).group(1)


def every_location() -> dict[str, str]:
    """One URL for every location block of nginx.conf (and the 404 page), by what it serves."""
    return {
        "page": "/frameworks/kirklees/explorer/",
        "home page": "/",
        "missing page (404)": "/no/such/page/",
        "theme asset": first("assets/javascripts/bundle.*.min.js"),
        "explorer worker": "/assets/explorer/worker.mjs",
        "explorer page script": "/assets/explorer/explorer.js",
        "runtime wasm": runtime() + "pyodide.asm.wasm",
        "runtime wasm's brotli copy": runtime() + "pyodide.asm.wasm.br",
        "brotli decoder": runtime() + "brotli_dec_wasm_bg.wasm",
        "runtime module": runtime() + "pyodide.asm.mjs",
        "runtime library": runtime() + "stdlib.zip",
        "runtime manifest": runtime() + "runtime.json",
        "outside a runtime folder": "/pyodide/",
        "framework data": "/data/kirklees.json",
        "schema": "/schema/framework.schema.json",
    }


def test_every_location_block_includes_the_security_headers():
    conf = re.sub(r"#.*", "", CONF.read_text())  # (comments name the snippet too)
    include = f"include {HEADERS_INSTALLED};"
    # Each block that sets add_header of its own must carry the include (else it sends no CSP).
    blocks, lines = [], conf.splitlines()
    for at, line in enumerate(lines):
        if line.strip().startswith("location "):
            body = []
            for following in lines[at + 1:]:
                if following.strip().startswith("location ") or following.strip() == "}":
                    break
                body.append(following)
            blocks.append((line, "\n".join(body)))
    assert len(blocks) >= 6
    for head, body in blocks:
        if "add_header" in body:
            assert include in body, f"{head.strip()} sets add_header without the security headers"
    assert "Content-Security-Policy" not in conf, "the policy lives in security-headers.conf only"
    assert conf.count(include) == len(blocks) + 1  # every location, and the server itself


def test_the_nginx_policy_is_the_sites_policy():
    """The header is macros/csp.py's header policy: the pages' directives, every theme script hash, frame-ancestors."""
    from macros.csp import DIRECTIVES, site_header_policy

    expected = site_header_policy()
    assert policy(shipped_policy()) == policy(expected), (
        "docs/deploy/security-headers.conf has drifted from the site's policy: "
        "paste the output of `python -m macros.csp` into its Content-Security-Policy line")
    header = policy(shipped_policy())
    assert header.pop("frame-ancestors") == {"'self'"}
    hashes = {s for s in header["script-src"] if s.startswith("'sha256-")}
    assert hashes and "'unsafe-inline'" not in header["script-src"]
    header["script-src"] -= hashes
    assert header == policy("; ".join(DIRECTIVES))
    for directive, sources in header.items():
        assert not any(s.startswith(("http", "*")) or s == "blob:" for s in sources), directive
        assert "data:" not in sources or directive == "img-src", directive


def test_the_policy_check_can_fail():
    # A drifted policy (an extra source) is caught by the same comparison.
    drifted = policy(shipped_policy().replace("connect-src 'self'", "connect-src 'self' https://example.org"))
    page = policy(shipped_policy())
    assert drifted != page


@pytest.mark.parametrize("what", list(every_location()))
def test_every_location_sends_the_same_security_headers(nginx, what):
    path = every_location()[what]
    status, headers, _ = get(nginx + path)
    assert status in (200, 404, 403), (path, status)
    assert headers.get("content-security-policy") == shipped_policy(), f"{what} ({path}) has no or another CSP"
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    assert "camera=()" in headers["permissions-policy"]


def test_the_worker_script_gets_the_csp_with_wasm_allowed(nginx):
    status, headers, _ = get(nginx + "/assets/explorer/worker.mjs")
    assert status == 200 and headers["content-type"].startswith("text/javascript")
    csp = policy(headers["content-security-policy"])
    assert "'wasm-unsafe-eval'" in csp["script-src"] and csp["connect-src"] == {"'self'"}
    assert csp["default-src"] == {"'self'"} and "'unsafe-eval'" not in csp["script-src"]


def test_pages_and_data_are_revalidated(nginx):
    for path in ("/frameworks/kirklees/explorer/", "/data/kirklees.json", "/assets/explorer/worker.mjs", "/pyodide/"):
        status, headers, _ = get(nginx + path)
        assert headers["cache-control"] == "no-cache", path
    status, headers, body = get(nginx + "/frameworks/kirklees/explorer/")
    assert status == 200 and b"Kirklees" in body and headers["content-type"].startswith("text/html")


def test_the_runtime_is_versioned_and_cached_for_a_year(nginx):
    base = runtime()
    assert re.fullmatch(r"/pyodide/\d[^/]*-[0-9a-f]{12}/", base), base
    page = (SITE / "frameworks/kirklees/explorer/index.html").read_text()
    assert f'data-pyodide-url="../../..{base}"' in page, "the page names the versioned folder"
    for name in ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "stdlib.zip", "pyodide-lock.json", "runtime.json",
                 "pyodide.asm.wasm.br", "stdlib.zip.br", "brotli_dec_wasm.js", "brotli_dec_wasm_bg.wasm"):
        status, headers, _ = get(nginx + base + name)
        assert status == 200 and headers["cache-control"] == IMMUTABLE, name
    status, headers, _ = get(nginx + first("assets/javascripts/bundle.*.min.js"))
    assert status == 200 and headers["cache-control"] == IMMUTABLE


def test_precompressed_files_are_served_as_brotli_and_gzip(nginx):
    base = runtime()
    for name, mime in (("pyodide.asm.wasm", "application/wasm"), ("stdlib.zip", "application/zip"),
                       ("pyodide.asm.mjs", "text/javascript")):
        raw = (SITE / base.lstrip("/") / name).read_bytes()
        for encoding, suffix in (("br", ".br"), ("gzip", ".gz")):
            status, headers, body = get(nginx + base + name, encoding)
            assert status == 200 and headers["content-type"] == mime, (name, headers)
            assert headers.get("content-encoding") == encoding, (name, encoding, headers)
            # The prebuilt copy, byte for byte (not compressed on the fly), and it decodes to the file.
            assert body == (SITE / base.lstrip("/") / (name + suffix)).read_bytes()
            assert "accept-encoding" in headers.get("vary", "").lower()
        assert gzip.decompress(get(nginx + base + name, "gzip")[2]) == raw
        status, headers, body = get(nginx + base + name)  # no Accept-Encoding: the file itself
        assert headers.get("content-encoding") is None and body == raw


def test_the_brotli_copies_the_worker_decodes_are_sent_as_they_are(nginx):
    # The worker fetches <file>.br and decodes it (explorer/js/worker.mjs): whatever the browser
    # accepts, the copy must arrive byte for byte, never labelled as encoded or compressed again.
    base = runtime()
    for name in ("pyodide.asm.wasm.br", "stdlib.zip.br"):
        copy = (SITE / base.lstrip("/") / name).read_bytes()
        for accepts in (None, "gzip", "br", "gzip, deflate, br, zstd"):
            status, headers, body = get(nginx + base + name, accepts)
            assert status == 200 and headers.get("content-encoding") is None and body == copy, (name, accepts, headers)


def test_precompressed_copies_decode_to_their_files():
    import brotli  # the site extra
    copies = sorted(SITE.rglob("*.br"))
    assert len(copies) >= 5
    for copy in copies:
        source = copy.with_suffix("")
        assert brotli.decompress(copy.read_bytes()) == source.read_bytes(), copy
        assert gzip.decompress(copy.with_suffix(".gz").read_bytes()) == source.read_bytes(), copy


def test_framework_data_is_compressed(nginx):
    status, headers, body = get(nginx + "/data/kirklees.json", "gzip")
    assert status == 200 and headers["content-type"] == "application/json"
    assert headers.get("content-encoding") == "gzip" and len(body) < (SITE / "data/kirklees.json").stat().st_size / 3


def test_missing_pages_get_the_404_page(nginx):
    status, _, body = get(nginx + "/no/such/page/")
    assert status == 404 and b"<html" in body
