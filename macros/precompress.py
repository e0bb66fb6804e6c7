"""Brotli (.br) and gzip (.gz, Zopfli when installed) copies beside the built site's larger text files, for nginx's
``brotli_static``/``gzip_static`` (docs/deploy/nginx.conf): sent as they are, no CPU per request.

The explorer's runtime gets its copies when it is built (explorer/tools/pyodide_assets.py); this
covers what MkDocs writes: the framework data, the schema, the theme's scripts and styles, the
search index. Pages are left to nginx's on-the-fly gzip. Copies are cached by content, so a
rebuild compresses only what changed.
"""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

PATTERNS = ("data/*.json", "schema/*.json", "assets/**/*.js", "assets/**/*.mjs", "assets/**/*.css",
            "assets/**/*.json", "search/*.json", "*.svg", "assets/**/*.svg")
MIN_BYTES = 1024


def _brotli(data: bytes) -> bytes | None:
    try:
        import brotli  # the dev extra; without it, gzip copies only
    except ImportError:
        return None
    return brotli.compress(data, quality=11)


ZOPFLI_ITERATIONS = 1  # as explorer/tools/pyodide_assets.py: 3-5% smaller than gzip -9


def gzip_method() -> str:
    """"zopfli-N" when the ``zopfli`` module (the site extra) is installed, else "gzip-9"."""
    try:
        import zopfli.gzip  # noqa: F401
    except ImportError:
        return "gzip-9"
    return f"zopfli-{ZOPFLI_ITERATIONS}"


def _gzip(data: bytes) -> bytes:
    if gzip_method().startswith("zopfli"):
        import zopfli.gzip

        return zopfli.gzip.compress(data, numiterations=ZOPFLI_ITERATIONS)
    return gzip.compress(data, 9, mtime=0)


def precompress_site(site: Path, cache: Path) -> int:
    """Write the copies for every matching file of at least MIN_BYTES; returns how many files."""
    done = 0
    for pattern in PATTERNS:
        for path in sorted(site.glob(pattern)):
            if not path.is_file() or path.stat().st_size < MIN_BYTES or path.parent.name == "__pycache__":
                continue
            data = path.read_bytes()
            key = hashlib.sha256(data).hexdigest()
            for suffix, squeeze, method in ((".gz", _gzip, gzip_method()), (".br", _brotli, "br")):
                cached = cache / f"{key}.{method}{suffix}"
                if cached.is_file():
                    packed = cached.read_bytes()
                else:
                    packed = squeeze(data)
                    if packed is None:
                        continue
                    cache.mkdir(parents=True, exist_ok=True)
                    cached.write_bytes(packed)
                path.with_name(path.name + suffix).write_bytes(packed)
            done += 1
    return done
