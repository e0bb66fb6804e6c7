"""``thresholds build`` and ``thresholds serve``: the site, with nothing but Python (build side).

Both run MkDocs as ``python -m mkdocs`` with the project's ``mkdocs.yml``, so they work wherever Python
and the project's packages are installed: Windows PowerShell, macOS and Linux, with or without ``make``.

``build`` never harms the published copy: it builds into a new folder beside the site folder, and swaps
that in only when the whole build (pages, explorer data, search index) succeeded. A failed build leaves
the last good site exactly as it was, and says why.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from .catalog import DEFAULT_DIR, EDITIONS

EXIT_FAILED = 1
EXIT_USAGE = 2
CONFIG_NAME = "mkdocs.yml"
# Beside the site folder, so the final rename never crosses a file system; hidden, and git-ignored.
BUILDING_PREFIX = ".site-building-"
PREVIOUS_PREFIX = ".site-previous-"


def find_config(start: Path) -> Path | None:
    """The project's mkdocs.yml: in ``start`` or the nearest folder above it (None when there is none)."""
    start = start.resolve()
    for folder in (start, *start.parents):
        candidate = folder / CONFIG_NAME
        if candidate.is_file():
            return candidate
    return None


def mkdocs_env(frameworks: Path | None) -> dict[str, str]:
    """The environment MkDocs runs in: quiet about MkDocs 2, and pointed at another frameworks folder if asked."""
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if frameworks is not None:
        env["THRESHOLDS_FRAMEWORKS"] = str(frameworks.resolve())
    return env


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def swap_in(new: Path, site: Path) -> None:
    """Replace ``site`` by the finished build ``new`` (two renames on one file system), then drop the old one.

    If the second rename fails, the old site is put back, so there is always a complete site folder.
    """
    previous = None
    if site.exists():
        previous = Path(tempfile.mkdtemp(prefix=PREVIOUS_PREFIX, dir=site.parent))
        previous.rmdir()  # only its unique name is wanted
        site.rename(previous)
    try:
        new.rename(site)
    except OSError:
        if previous is not None:
            previous.rename(site)
        raise
    if previous is not None:
        shutil.rmtree(previous, ignore_errors=True)


def build(config: Path, site: Path, frameworks: Path | None = None) -> int:
    """Build the site from ``config`` into ``site`` atomically; returns the exit status (0 when built).

    MkDocs' own messages (a broken framework's ``file:line: field: message`` lines among them) go to
    stderr as they happen; on failure a last line says that the published site was left as it was.
    """
    site = site.resolve()
    site.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=BUILDING_PREFIX, dir=site.parent))
    # mkdtemp makes a private (0700) folder: the swapped-in site must be readable by the web server.
    os.chmod(work, 0o777 & ~_umask())
    cmd = [sys.executable, "-m", "mkdocs", "build", "--strict", "--clean", "--config-file", str(config),
           "--site-dir", str(work)]
    try:
        done = subprocess.run(cmd, cwd=config.parent, env=mkdocs_env(frameworks), check=False)
        if done.returncode != 0 or not (work / "index.html").is_file():
            state = f"the site in {site} was left as it was" if site.exists() else f"nothing was written to {site}"
            print(f"thresholds: the build failed; {state}.", file=sys.stderr)
            return EXIT_FAILED
        try:
            swap_in(work, site)
        except OSError as err:  # e.g. Windows, with a file of the old site open in another program
            print(f"thresholds: the site was built, but {site} could not be replaced ({err.strerror or err}): "
                  "close any program using it and build again; the site there was left as it was.", file=sys.stderr)
            return EXIT_FAILED
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)
    print(f"thresholds: built the site into {site}")
    return 0


def serve(config: Path, address: str, frameworks: Path | None = None) -> int:
    """Preview the site at ``address`` (rebuilding as files are saved) until Ctrl+C; returns the exit status."""
    cmd = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--config-file", str(config), "--dev-addr", address]
    try:
        return subprocess.run(cmd, cwd=config.parent, env=mkdocs_env(frameworks), check=False).returncode
    except KeyboardInterrupt:  # Ctrl+C stops the preview: not an error
        return 0


def missing_edition(old: Path, new: Path) -> str | None:
    """What to do when ``thresholds diff OLD NEW`` names an earlier edition that is not there (None if it is).

    Editions are kept by hand (frameworks/editions/ID/DATE.yaml), so a first diff usually finds no such
    folder: say how to save one, for macOS/Linux and for Windows PowerShell, rather than fail on the path.
    """
    if old.exists():  # a file, or something else the reader explains (a folder, say)
        return None
    folder = old.parent
    fid = new.stem if new.suffix == ".yaml" else "your-id"
    saved = sorted(p.name for p in folder.glob("*.yaml")) if folder.is_dir() else []
    if saved:
        return (f"thresholds: {old} does not exist; the editions saved in {folder} are: {', '.join(saved)}.\n"
                f"Compare with one of those, e.g.  thresholds diff {folder / saved[-1]} {new}")
    target = new.parent / EDITIONS / fid / f"{dt.date.today():%Y-%m}.yaml"
    return "\n".join([
        f"thresholds: {old} does not exist: no earlier edition of this framework has been saved"
        + (f" (there is no folder {folder})." if not folder.is_dir() else "."),
        "To compare editions, save a copy of the published file before you edit it, named by its date:",
        f"  macOS or Linux:      mkdir -p {target.parent.as_posix()} && cp {new.as_posix()} {target.as_posix()}",
        f"  Windows PowerShell:  New-Item -ItemType Directory -Force {target.parent}; Copy-Item {new} {target}",
        f"then edit {new} and run:  thresholds diff {target.as_posix()} {new.as_posix()}",
    ])


def _config_or_explain(args: argparse.Namespace) -> Path | None:
    config = Path(args.config) if args.config else find_config(Path.cwd())
    if config is None or not config.is_file():
        where = args.config or f"{Path.cwd()} or any folder above it"
        print(f"thresholds: no {CONFIG_NAME} in {where}: run this in the project folder "
              "(the one holding mkdocs.yml and the frameworks folder)", file=sys.stderr)
        return None
    runtime = config.parent / "build" / "pyodide"
    if not runtime.is_dir():
        print(f"thresholds: warning: {runtime} is missing, so the threshold explorer pages will not work; "
              "run `make build` once, or: python explorer/tools/pyodide_assets.py --out build/pyodide",
              file=sys.stderr)
    return config


def _frameworks_arg(args: argparse.Namespace) -> Path | None:
    # The global --frameworks option, only when it names another folder: otherwise the site's own
    # setting applies (mkdocs.yml's frameworks_dir, or THRESHOLDS_FRAMEWORKS).
    return args.frameworks if args.frameworks != DEFAULT_DIR else None


def _cmd_build(args: argparse.Namespace) -> int:
    config = _config_or_explain(args)
    if config is None:
        return EXIT_USAGE
    site = Path(args.site_dir) if args.site_dir else config.parent / "site"
    return build(config, site, _frameworks_arg(args))


def _cmd_serve(args: argparse.Namespace) -> int:
    config = _config_or_explain(args)
    if config is None:
        return EXIT_USAGE
    print(f"thresholds: previewing at http://{args.address}/ (press Ctrl+C to stop)")
    return serve(config, args.address, _frameworks_arg(args))


def register(sub: argparse._SubParsersAction) -> None:
    """Add the ``build`` and ``serve`` subcommands to the ``thresholds`` parser."""
    p = sub.add_parser("build", help="build the site into ./site; a failed build leaves the last good site as it was")
    p.add_argument("--site-dir", metavar="DIR", help="where the finished site goes (default: site, beside mkdocs.yml)")
    p.add_argument("--config", metavar="FILE", help="the site's mkdocs.yml (default: found from this folder up)")
    p.set_defaults(run=_cmd_build)

    p = sub.add_parser("serve", help="preview the site in your browser; it rebuilds as you save (Ctrl+C stops)")
    p.add_argument("--address", default="127.0.0.1:8000", metavar="HOST:PORT",
                   help="where to serve the preview (default: 127.0.0.1:8000)")
    p.add_argument("--config", metavar="FILE", help="the site's mkdocs.yml (default: found from this folder up)")
    p.set_defaults(run=_cmd_serve)
