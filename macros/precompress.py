"""Brotli (.br) and gzip (.gz, Zopfli when installed) copies beside the built site's larger text files, for nginx's
``brotli_static``/``gzip_static`` (docs/deploy/nginx.conf): sent as they are, no CPU per request.

The explorer's runtime gets its copies when it is built (explorer/tools/pyodide_assets.py); this
covers what MkDocs writes: the framework data, the schema, the theme's scripts and styles, the
search index. Pages are left to nginx's on-the-fly gzip. Copies are cached by content, so a
rebuild compresses only what changed.
"""

from __future__ import annotations

from pathlib import Path

from thresholds.precompress import precompress

PATTERNS = ("data/*.json", "schema/*.json", "assets/**/*.js", "assets/**/*.mjs", "assets/**/*.css",
            "assets/**/*.json", "search/*.json", "*.svg", "assets/**/*.svg")
MIN_BYTES = 1024


def precompress_site(site: Path, cache: Path) -> int:
    """Write the copies for every matching file of at least MIN_BYTES; returns how many files."""
    done = 0
    for pattern in PATTERNS:
        for path in sorted(site.glob(pattern)):
            if not path.is_file() or path.stat().st_size < MIN_BYTES or path.parent.name == "__pycache__":
                continue
            precompress(path, cache)
            done += 1
    return done
