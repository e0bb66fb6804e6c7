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
import re

from . import site_cli, template, toolkit
from .assess import assess
from .catalog import DEFAULT_DIR, find, load_all, load_file
from .diff import diff
from .errors import FrameworkError, UnknownIdError

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
         "subheading": i.subheading, "text": i.text}
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
    print(f"{fw.authority}: {result.level_name} — {result.level_title} (rank {result.rank})")
    if result.act_now:
        print("ACT NOW: this suggests a child may be at risk of significant harm.")
    for reason in result.reasons:
        print(f"  because [{reason.rule}] {reason.explanation} ({', '.join(reason.indicators)})")
    if not result.reasons:
        print("  because no rule fired: nothing ticked reaches a higher level")
    for contact in result.contacts:
        numbers = ", ".join(f"{p.label + ': ' if p.label else ''}{p.number}" for p in contact.phones)
        print(f"  call {contact.name}{': ' + numbers if numbers else ''}")
    print(result.judgement)
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
    if problems:
        raise FrameworkError(problems)
    for item in loaded:
        print(f"{item.path}: ok ({len(item.framework.indicators)} indicators, {len(item.framework.levels)} levels)")
        for warning in item.warnings:
            print(warning, file=sys.stderr)
        # Golden cases are optional, but they are how a publisher checks the rules say what the source says.
        golden = args.frameworks.parent / GOLDEN / f"{item.framework.id}.yaml"
        if not golden.is_file():
            print(f"{item.path}: warning: no golden cases ({GOLDEN.as_posix()}/{item.framework.id}.yaml): "
                  "add some to check that the rules suggest what the source says", file=sys.stderr)
    for kit in kits:
        print(f"{kit.path}: ok (toolkit: {len(kit.levels)} levels, {len(kit.templates)} templates)")
    return 0


def _cmd_new(args: argparse.Namespace) -> int:
    if not re.fullmatch(r"[a-z0-9]+(-[a-z0-9]+)*", args.id):
        print(f"thresholds: '{args.id}' is not a valid id: use lower-case letters and digits joined by hyphens, "
              "e.g. north-yorkshire", file=sys.stderr)
        return EXIT_USAGE
    path = args.frameworks / f"{args.id}.yaml"
    if path.exists():
        print(f"thresholds: {path} already exists; choose another id or edit that file", file=sys.stderr)
        return EXIT_USAGE
    authority = args.authority or args.id.replace("-", " ").title()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(template.render(args.id, authority, args.edition, dt.date.today().isoformat()), encoding="utf-8")
    print(f"wrote {path}: edit it, then run `thresholds validate` and `thresholds serve`")
    return 0


def _cmd_diff(args: argparse.Namespace) -> int:
    hint = site_cli.missing_edition(Path(args.old), Path(args.new))
    if hint:  # the usual first try: no editions saved yet; say how to save one
        print(hint, file=sys.stderr)
        return EXIT_USAGE
    result = diff(load_file(Path(args.old), check_name=False).framework,
                  load_file(Path(args.new), check_name=False).framework)
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


def main(argv: list[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return int(args.run(args))
    except FrameworkError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        count = sum(1 for p in err.problems if p.severity != "warning")
        print(f"{count} problem{'s' if count != 1 else ''} found.", file=sys.stderr)
        return EXIT_PROBLEMS
    except UnknownIdError as err:
        print(f"thresholds: {err}", file=sys.stderr)
        return EXIT_USAGE
    except BrokenPipeError:  # output piped into `head`: stop quietly
        sys.stderr.close()
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
