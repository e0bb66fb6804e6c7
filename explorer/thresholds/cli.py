"""The ``thresholds`` command: list, indicators, assess, validate, new, diff, build, serve (build side: reads YAML).

Partnership staff use it to check a framework and a rule change before publishing. Bad input
gives one line per problem (``file:line: field.path: message``) and a non-zero exit, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

import datetime as dt
import os
import re

from . import present, schema, site_cli, source, template, toolkit, vocabulary
from .assess import assess
from .catalog import DEFAULT_DIR, find, load_all, load_file, load_concerns
from .compare import NOTICE, compare
from .concerns import EMPTY
from .diff import diff
from .errors import FrameworkError, Problem, UnknownIdError, errors_in, warning, warnings_in
from .text import printable

EXIT_PROBLEMS = 1
EXIT_USAGE = 2


def _print_json(value: Any) -> None:
    print(json.dumps(value, ensure_ascii=False, indent=2))


def _cmd_list(args: argparse.Namespace) -> int:
    for item in load_all(args.frameworks):
        fw = item.framework
        if args.json:
            continue
        print(f"{fw.id}\t{fw.authority}\t{fw.edition}\t{len(fw.indicators)} indicators")
    if args.json:
        _print_json([
            {"id": x.framework.id, "authority": x.framework.authority, "edition": x.framework.edition,
             "indicators": len(x.framework.indicators)}
            for x in load_all(args.frameworks)
        ])
    return 0


def _cmd_indicators(args: argparse.Namespace) -> int:
    fw = find(load_all(args.frameworks), args.framework).framework
    rows = [
        {"id": i.id, "level": i.level, "rank": fw.rank_of(i.level), "domain": i.domain,
         "subheading": i.subheading, "text": i.text, "concerns": list(i.concerns)}
        for i in fw.indicators
    ]
    if args.json:
        _print_json(rows)
    else:
        for r in rows:
            print(f"{r['id']}\t{r['level']}\t{r['rank']}\t{r['domain']}\t{r['text']}")
    return 0


def _cmd_assess(args: argparse.Namespace) -> int:
    fw = find(load_all(args.frameworks), args.framework).framework
    result = assess(fw, args.ids)
    if args.json:
        _print_json(result.to_dict())
        return 0
    # The same plain-text summary the explorer copies and prints (thresholds.present).
    print(present.record_text(present.record(fw, result, dt.date.today())), end="")
    return 0


def _cmd_concerns(args: argparse.Namespace) -> int:
    vocabulary = load_concerns(args.frameworks) or EMPTY
    if args.json:
        _print_json([c.to_dict() for c in vocabulary.concerns])
    else:
        for c in vocabulary.concerns:
            print(f"{c.id}\t{c.group}\t{c.label}\t{c.definition}")
    return 0


def _cmd_compare(args: argparse.Namespace) -> int:
    loaded = load_all(args.frameworks)
    fw = find(loaded, args.framework).framework
    result = compare(fw, args.ids, [x.framework for x in loaded])
    if args.json:
        _print_json(result.to_dict())
        return 0
    vocabulary = load_concerns(args.frameworks) or EMPTY
    labels = [vocabulary.get(c).label if c in vocabulary else c for c in result.concerns]
    print(f"{fw.authority}: concerns {', '.join(labels) or '(none: nothing ticked)'}")
    print(NOTICE)
    for a in result.authorities:
        if not a.matched:
            print(f"  {a.authority}: no indicator for these concerns")
            continue
        numbers = "; ".join(f"{c.name} {', '.join(p.number for p in c.phones)}" for c in a.contacts if c.phones)
        print(f"  {a.authority}: {a.level_name} — {a.level_title} ({', '.join(a.matched)})"
              + (f"; call {numbers}" if numbers else ""))
    return 0


GOLDEN = Path("tests") / "core" / "golden"


def _cmd_validate(args: argparse.Namespace) -> int:
    # Frameworks and the toolkit (files in a toolkit/ folder) go through the same pipeline; every problem
    # in every file is reported in one run.
    given = [Path(f) for f in args.files]
    toolkits = [f for f in given if toolkit.is_toolkit_file(f)] if given else toolkit.toolkit_files(args.frameworks)
    frameworks = [f for f in given if not toolkit.is_toolkit_file(f)]
    problems, loaded, kits = [], [], []
    if frameworks or not given:
        try:
            loaded = load_all(args.frameworks, frameworks or None)
        except FrameworkError as err:
            problems += err.problems
    try:
        kits = toolkit.load_all(toolkits)
    except FrameworkError as err:
        problems += err.problems
    # The explorer filter's plain words, shared by every framework: checked here as the build checks them.
    words_file = vocabulary.vocabulary_file(args.frameworks)
    words: list = []
    if not given and words_file.is_file():
        try:
            words = vocabulary.load(words_file)
        except FrameworkError as err:
            problems += err.problems
    if problems:
        raise FrameworkError(problems)
    warnings = 0
    for item in loaded:
        print(f"{item.path}: ok ({len(item.framework.indicators)} indicators, {len(item.framework.levels)} levels)")
        found = list(item.warnings)
        # Golden cases are optional, but they are how a publisher checks the rules say what the source says.
        golden = args.frameworks.parent / GOLDEN / f"{item.framework.id}.yaml"
        if not golden.is_file():
            found.append(warning(str(item.path), None, "", f"no golden cases ({GOLDEN.as_posix()}/{item.framework.id}.yaml): "
                                 "add some to check that the rules suggest what the source says"))
        for problem in found:
            print(problem, file=sys.stderr)
        warnings += len(found)
    for kit in kits:
        print(f"{kit.path}: ok (toolkit: {len(kit.levels)} levels, {len(kit.templates)} templates)")
    if words:
        print(f"{words_file}: ok (plain words: {len(words)} entries)")
    if warnings:
        print(f"{_count(warnings, 'warning')}; nothing stops publishing.", file=sys.stderr)
    return 0


def _count(n: int, word: str) -> str:
    return f"{n} {word}{'s' if n != 1 else ''}"


def _cmd_new(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.id):
        print(f"thresholds: '{args.id}' is not a valid id: use lower-case letters and digits joined by hyphens, "
              "e.g. north-yorkshire", file=sys.stderr)
        return EXIT_USAGE
    folder = args.frameworks
    if folder.exists() and not folder.is_dir():
        raise FrameworkError([Problem(str(folder), None, "", "this is a file, not a folder: give --frameworks the "
                                      "folder that holds the framework files")])
    path = folder / f"{args.id}.yaml"
    if path.exists():
        print(f"thresholds: {path} already exists; choose another id or edit that file", file=sys.stderr)
        return EXIT_USAGE
    authority = args.authority or args.id.replace("-", " ").title()
    text = template.render(args.id, authority, args.edition, dt.date.today().isoformat())
    # What --authority and --edition put in the file must read back as they were given.
    try:
        data, lines = source.parse(text, str(path))
        problems = errors_in(schema.check(data, str(path), lines))
        if not problems and (data.get("authority") != authority or data.get("edition") != args.edition):
            problems = [Problem(str(path), None, "", "the --authority or --edition given does not read back as written")]
    except FrameworkError as err:
        problems = errors_in(err.problems)
    if problems:
        print("thresholds: cannot use this --authority or --edition (write plain words, without quotes, "
              "colons or # signs):", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return EXIT_USAGE
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    print(f"wrote {path}: edit it, then run `thresholds validate` and `thresholds serve`")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    try:
        old = load_file(Path(args.old), check_name=False).framework
    except FrameworkError as err:
        hint = site_cli.missing_edition(Path(args.old), Path(args.new))
        if not hint:
            raise
        code = _report(err.problems)
        print(hint, file=sys.stderr)  # the usual first try: no edition saved yet; say how to save one
        return code
    result = diff(old, load_file(Path(args.new), check_name=False).framework)
    if args.json:
        _print_json(result.to_dict())
        return 0
    print(f"Changes from {result.old_edition} to {result.new_edition}: {len(result.changes)}")
    for change in result.changes:
        print(f"  {change.describe()}")
    return 0


def build_parser() -> argparse.ArgumentParser:
    """The argument parser (also used by the docs to list the commands)."""
    parser = argparse.ArgumentParser(prog="thresholds", description=__doc__.splitlines()[0])
    parser.add_argument("--frameworks", type=Path, default=DEFAULT_DIR, metavar="DIR",
                        help="folder of framework YAML files (default: ./frameworks)")
    sub = parser.add_subparsers(dest="command", required=True)

    p = sub.add_parser("list", help="list the frameworks")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_list)

    p = sub.add_parser("indicators", help="list a framework's indicators (id, level, rank, domain, text)")
    p.add_argument("framework")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_indicators)

    p = sub.add_parser("assess", help="suggest a level for ticked indicator ids")
    p.add_argument("framework")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_assess)

    p = sub.add_parser("concerns", help="list the vocabulary of concerns (id, group, label, definition)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_concerns)

    p = sub.add_parser("compare", help="how every other authority's own rules place the concerns of ticked indicator ids")
    p.add_argument("framework")
    p.add_argument("ids", nargs="*", metavar="ID")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_compare)

    p = sub.add_parser("validate", help="check framework files and the toolkit; every problem as file:line: field: message")
    p.add_argument("files", nargs="*", metavar="FILE")
    p.set_defaults(run=_cmd_validate)

    p = sub.add_parser("new", help="write a commented template framework to FRAMEWORKS/ID.yaml")
    p.add_argument("id")
    p.add_argument("--authority", help="the authority's name (default: from the id)")
    p.add_argument("--edition", default="Draft", help="edition (default: Draft)")
    p.set_defaults(run=_cmd_new)

    p = sub.add_parser("diff", help="what changed between two editions: indicators, levels, rules, contacts")
    p.add_argument("old")
    p.add_argument("new")
    p.add_argument("--json", action="store_true")
    p.set_defaults(run=_cmd_diff)

    site_cli.register(sub)  # build, serve
    return parser


class _Printable:
    """A text stream that shows control characters as \\uXXXX, so framework text cannot drive the terminal.

    Every command's output goes through it (framework text, file names, messages), and a character
    the terminal's encoding lacks is written as an escape instead of stopping the command.
    """

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        safe = printable(text, keep_lines=True)
        try:
            self._stream.write(safe)
        except UnicodeEncodeError:
            encoding = getattr(self._stream, "encoding", None) or "ascii"
            self._stream.write(safe.encode(encoding, "backslashreplace").decode(encoding))
        return len(text)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def _report(problems: list[Problem]) -> int:
    for problem in problems:
        print(problem, file=sys.stderr)
    errors, warnings = len(errors_in(problems)), len(warnings_in(problems))
    if warnings:
        print(f"{_count(warnings, 'warning')} too; warnings alone do not stop publishing.", file=sys.stderr)
    print(f"{_count(errors, 'problem')} found.", file=sys.stderr)
    return EXIT_PROBLEMS if errors else 0


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status.

    Exit 0: done (warnings may have been printed). 1: a framework file or folder has problems
    (missing, unreadable or invalid), one line per problem. 2: a usage mistake (unknown framework
    or indicator id, a bad id for ``new``, a file that already exists, bad arguments).
    """
    saved = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = _Printable(sys.stdout), _Printable(sys.stderr)
    try:
        return _run(argv)
    finally:
        sys.stdout, sys.stderr = saved


def _run(argv: list[str] | None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except FrameworkError as err:
        return _report(err.problems)
    except UnknownIdError as err:
        print(f"thresholds: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return 0
    except KeyboardInterrupt:
        return 130
    except OSError as err:  # a file or folder the command could not read or write
        where = f"{err.filename}: " if err.filename else ""
        print(f"thresholds: {where}{err.strerror or err}", file=sys.stderr)
        return EXIT_PROBLEMS
    except Exception as err:  # noqa: BLE001 - a publisher gets one line, never a traceback
        if os.environ.get("THRESHOLDS_DEBUG"):
            raise
        print(f"thresholds: unexpected error ({type(err).__name__}: {err}). This is a bug in thresholds, not in "
              "your file: please report it, with the command you ran. THRESHOLDS_DEBUG=1 shows the details.",
              file=sys.stderr)
        return EXIT_PROBLEMS


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
