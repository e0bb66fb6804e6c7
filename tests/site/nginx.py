"""Run Debian's nginx on loopback with the shipped configuration (docs/deploy/nginx.conf)."""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
CONF = ROOT / "docs" / "deploy" / "nginx.conf"
HEADERS = ROOT / "docs" / "deploy" / "security-headers.conf"
HEADERS_INSTALLED = "/etc/nginx/snippets/continuum-security-headers.conf"  # where nginx.conf says to copy it
# Debian's packaged modules (brotli_static: libnginx-mod-http-brotli-static) load from here.
MODULES = Path("/etc/nginx/modules-enabled")


def nginx_binary() -> str:
    """The nginx executable; in CI its absence fails the test rather than skipping it."""
    found = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None)
    if found is None:
        message = "nginx is not installed (apt-get install nginx; .ci/run does this)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    return found


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wrap(server_block: str, site: Path, port: int, tmp: Path, brotli: bool = True, gzip: bool = True) -> str:
    """A complete nginx.conf around the shipped server block, listening only on loopback.

    ``brotli=False`` turns brotli_static off: clients get gzip, as browsers on plain HTTP do.
    ``gzip=False`` turns gzip_static and gzip off too: a server that compresses nothing.
    """
    block = server_block.replace("listen 80;", f"listen 127.0.0.1:{port};")
    switches = [("brotli_static", brotli), ("gzip_static", gzip), ("gzip", gzip)]
    for directive, on in switches:
        if not on:
            assert f"{directive} on;" in block, directive
            block = re.sub(rf"^(\s*){directive} on;", rf"\1{directive} off;", block, flags=re.M)
    block = block.replace("root /var/www/continuum-of-need;", f"root {site};")
    block = block.replace(f"include {HEADERS_INSTALLED};", f"include {HEADERS};")
    assert f"127.0.0.1:{port}" in block and str(site) in block, "the shipped config changed shape"
    assert f"include {HEADERS_INSTALLED}" not in block, "the security headers are included from an unexpected path"
    temp = "".join(f"{name}_temp_path {tmp / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    # (Their load_module paths are relative to nginx's own prefix, not the test's -p folder.)
    modules = "".join(re.sub(r"load_module\s+(?!/)", "load_module /usr/share/nginx/", conf.read_text()) + "\n"
                      for conf in sorted(MODULES.glob("*.conf")))
    return (f"{modules}worker_processes 1;\npid {tmp / 'nginx.pid'};\nerror_log {tmp / 'error.log'} warn;\n"
            "events { worker_connections 64; }\n"
            f"http {{\ninclude /etc/nginx/mime.types;\ndefault_type application/octet-stream;\n"
            f"access_log {tmp / 'access.log'};\n{temp}sendfile on;\n{block}\n}}\n")


@contextmanager
def running_nginx(site: Path, tmp: Path, brotli: bool = True, gzip: bool = True) -> Iterator[str]:
    """Start nginx serving ``site``; yields its base URL; stops it afterwards."""
    binary = nginx_binary()
    port = free_port()
    conf = tmp / "nginx.conf"
    conf.write_text(wrap(CONF.read_text(encoding="utf-8"), site.resolve(), port, tmp, brotli, gzip))
    check = subprocess.run([binary, "-t", "-c", str(conf), "-p", str(tmp)], capture_output=True, text=True)
    assert check.returncode == 0, check.stderr + (
        "\n(brotli_static needs Debian's libnginx-mod-http-brotli-static; .ci/run installs it)" if "brotli" in check.stderr else "")
    proc = subprocess.Popen([binary, "-c", str(conf), "-p", str(tmp), "-g", "daemon off;"],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        for _ in range(100):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.05)
        else:
            raise AssertionError("nginx did not start: " + (tmp / "error.log").read_text())
        yield f"http://127.0.0.1:{port}"
    finally:
        proc.terminate()
        proc.wait(timeout=10)
