"""Read a framework YAML file safely, remembering the line of every field (build side: needs PyYAML).

Problems come back as FrameworkError with file, line and field path, never as a traceback:
the people who edit these files are partnership staff, not programmers. Hostile input is
normal input here, so the reader is bounded: file size, number of values (aliases expanded),
number of aliases, nesting depth and key shape are all checked while the file is composed,
before anything is built from it, so an "alias bomb" is refused in milliseconds.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path as FilePath
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.events import AliasEvent, MappingStartEvent, SequenceStartEvent

from . import text as textcheck
from .errors import WARNING, FrameworkError, Problem
from .model import Path, format_path

# Limits. The largest real framework (Norfolk) is 155 KB with about 2,600 values, 8 levels deep;
# the validate benchmark's 10,000-indicator file is 1.3 MB and 100,000 values.
MAX_FILE_BYTES = 4_000_000
MAX_VALUES = 250_000  # every value counted, aliases expanded: bounds the work of every later step
MAX_ALIASES = 1_000
MAX_DEPTH = 50
MAX_KEY_LENGTH = 100
MAX_NUMBER_DIGITS = 30  # Python refuses to convert integers over 4,300 digits, with a ValueError

_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_STR = "tag:yaml.org,2002:str"
_PLAIN_TAGS = {
    _STR, "tag:yaml.org,2002:int", "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null", "tag:yaml.org,2002:map",
    "tag:yaml.org,2002:seq",
}
_KEY_KINDS = {
    "tag:yaml.org,2002:int": "a number", "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true or false", "tag:yaml.org,2002:null": "empty (null)",
}


class Lines(dict):  # type: ignore[type-arg]
    """Field path → source line, plus the source text of every non-text value (``raw``).

    ``raw`` lets a message quote what the publisher typed (``number: 0800``), not what YAML made of it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.raw: dict[Path, str] = {}


@dataclass
class Source:
    """A parsed file: its data, the line of every field, and problems that did not stop the reading.

    ``problems`` holds value-level findings (control characters, hidden characters, curly quotes):
    errors and warnings to report together with the schema and reference problems.
    """

    data: Any
    lines: Lines
    problems: list[Problem] = field(default_factory=list)


class _LimitError(Exception):
    """A limit was reached while composing: stop at once, before any more work."""

    def __init__(self, mark: Any, path: Path, message: str):
        super().__init__(message)
        self.mark, self.path, self.message = mark, path, message


class _BoundedComposer(Composer):
    """PyYAML's composer with limits: values (aliases expanded), aliases, depth, recursive aliases.

    An alias composes to the same node object, so the node graph stays as small as the file;
    what explodes is every later walk of it. So each anchored node's expanded size and height are
    recorded, and every alias adds them to the running totals before the limits are checked.
    """

    def __init__(self) -> None:
        super().__init__()
        self._values = 0
        self._aliases = 0
        self._depth = 0
        self._deepest = 0
        self._path: list[str | int] = []
        self._open: set[str] = set()
        self._size: dict[str, int] = {}
        self._height: dict[str, int] = {}

    def _stop(self, mark: Any, message: str) -> None:
        raise _LimitError(mark, tuple(self._path), message)

    def compose_node(self, parent: Any, index: Any) -> Any:
        pushed = False
        if isinstance(index, int) and not isinstance(index, bool):
            self._path.append(index)
            pushed = True
        elif isinstance(index, yaml.ScalarNode):
            self._path.append(str(index.value)[:MAX_KEY_LENGTH])
            pushed = True
        try:
            return self._compose(parent, index)
        finally:
            if pushed:
                self._path.pop()

    def _compose(self, parent: Any, index: Any) -> Any:
        event = self.peek_event()
        if isinstance(event, AliasEvent):
            name = event.anchor
            if name in self._open:
                self._stop(event.start_mark, f"the alias *{name} is inside the value it names (a recursive alias), "
                           "so it never ends: write the value out in full")
            if name in self._size:
                self._aliases += 1
                if self._aliases > MAX_ALIASES:
                    self._stop(event.start_mark, f"the file uses more than {MAX_ALIASES:,} aliases (*name): "
                               "write the values out in full")
                self._values += self._size[name]
                if self._values > MAX_VALUES:
                    self._stop(event.start_mark, f"the alias *{name} makes the file more than {MAX_VALUES:,} values long "
                               "(an 'alias bomb'): write the values out in full instead of using aliases")
                if self._depth + self._height[name] > MAX_DEPTH:
                    self._stop(event.start_mark, f"the alias *{name} nests the fields and lists here more than {MAX_DEPTH} "
                               "deep: write the value out in full")
                self._deepest = max(self._deepest, self._depth + self._height[name])
            return super().compose_node(parent, index)  # undefined aliases: PyYAML's own error
        self._values += 1
        if self._values > MAX_VALUES:
            self._stop(event.start_mark, f"the file has more than {MAX_VALUES:,} values; a framework needs far fewer "
                       "(the largest real one has about 3,000)")
        collection = isinstance(event, (SequenceStartEvent, MappingStartEvent))
        name = event.anchor
        if collection:
            self._depth += 1
            self._deepest = max(self._deepest, self._depth)
            if self._depth > MAX_DEPTH:
                self._stop(event.start_mark, f"the fields and lists here are nested more than {MAX_DEPTH} deep; "
                           "a framework needs far fewer: check the indentation and brackets")
        if name is None:
            try:
                return super().compose_node(parent, index)
            finally:
                if collection:
                    self._depth -= 1
        start_values, start_depth, saved_deepest = self._values - 1, self._depth - collection, self._deepest
        self._deepest = self._depth
        self._open.add(name)
        try:
            node = super().compose_node(parent, index)
        finally:
            self._open.discard(name)
            if collection:
                self._depth -= 1
        self._size[name] = self._values - start_values
        self._height[name] = self._deepest - start_depth
        self._deepest = max(saved_deepest, self._deepest)
        return node


class _Loader(_BoundedComposer, _BaseLoader):  # type: ignore[misc, valid-type]
    """A bounded safe loader that keeps dates as text and reads only true/false as booleans.

    Publishers write ``review_date: 2025-04-01`` and ``term: NO`` and mean text; YAML 1.1 would
    turn those into a date object and False. The composer is PyYAML's Python one, fed by the C
    parser's events where libyaml is installed (faster than the C composer, measured).
    """

    def __init__(self, stream: str):
        _BaseLoader.__init__(self, stream)
        _BoundedComposer.__init__(self)


_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers
            if tag not in ("tag:yaml.org,2002:timestamp", "tag:yaml.org,2002:bool")]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)


class _Walker:
    """One pass over the composed nodes: lines, raw text, key checks (fatal) and value checks (notes)."""

    def __init__(self, text: str, file: str):
        self.text = text
        self.file = file
        self.lines = Lines()
        self.fatal: list[Problem] = []
        self.notes: list[Problem] = []
        self._seen_notes: set[tuple[int | None, str, str]] = set()

    def _position(self, index: int) -> tuple[int, int]:
        """1-based line and column of a character index into the text."""
        line_start = self.text.rfind("\n", 0, index) + 1
        return self.text.count("\n", 0, index) + 1, index - line_start + 1

    def _note(self, line: int | None, path: Path, message: str, severity: str = "error") -> None:
        key = (line, format_path(path), message)
        if key not in self._seen_notes:  # an aliased node is walked once per alias
            self._seen_notes.add(key)
            self.notes.append(Problem(self.file, line, format_path(path), message, severity))

    def _where(self, node: yaml.Node, value: str, offset: int) -> tuple[int, str]:
        """The line of a character of a value and how to point at it: its column if it is in the file as
        typed, else its position in the text (it was written as an escape such as \\x1b)."""
        ch = value[offset]
        found = self.text.find(ch, node.start_mark.index, node.end_mark.index)
        if found >= 0:
            line, column = self._position(found)
            return line, f"at column {column}"
        return node.start_mark.line + 1, f"at character {offset + 1} of the text"

    def walk(self, node: yaml.Node, path: Path) -> None:
        line = node.start_mark.line + 1
        self.lines[path] = line
        if node.tag not in _PLAIN_TAGS:
            self.fatal.append(Problem(
                self.file, line, format_path(path),
                f"the YAML tag '{node.tag}' is not allowed: write plain text, numbers, lists and fields only",
            ))
            return
        if isinstance(node, yaml.MappingNode):
            self._mapping(node, path)
        elif isinstance(node, yaml.SequenceNode):
            for i, item in enumerate(node.value):
                self.walk(item, path + (i,))
        elif node.tag == _STR:
            self._text(node, path)
        else:
            self.lines.raw[path] = node.value
            digits = sum(c.isdigit() for c in node.value)
            if digits > MAX_NUMBER_DIGITS:
                self.fatal.append(Problem(self.file, line, format_path(path),
                                          f"this number has {digits:,} digits: put it in quotes if it is text"))

    def _key_problem(self, key: yaml.Node) -> str | None:
        if not isinstance(key, yaml.ScalarNode):
            return "a field name must be a plain word, not a list or a set of fields"
        if key.tag == "tag:yaml.org,2002:merge":
            return "merge keys (<<) are not supported: write the fields out in full"
        if key.tag in _KEY_KINDS:
            shown = key.value or "nothing"
            return (f"the field name '{shown}' is read as {_KEY_KINDS[key.tag]}: field names are words such as "
                    "name or text; check the spelling and the indentation")
        if key.tag != _STR:
            return f"the YAML tag '{key.tag}' is not allowed on a field name: write plain words only"
        if len(key.value) > MAX_KEY_LENGTH:
            return f"this field name is {len(key.value):,} characters long: field names are short words such as name or text"
        if key.value.isascii() and key.value.isprintable():
            return None
        for i, ch in enumerate(key.value):
            about = textcheck.describe(ch)
            if about is not None:
                line, where = self._where(key, key.value, i)
                return f"the field name has {about.name} {where}{about.hint_suffix()}"
        return None

    def _mapping(self, node: yaml.MappingNode, path: Path) -> None:
        seen: dict[str, int] = {}
        for key, value in node.value:
            problem = self._key_problem(key)
            if problem is not None:
                line = key.start_mark.line + 1
                if isinstance(key, yaml.ScalarNode) and key.tag == _STR:
                    # A hidden character: point at the line that has it.
                    for i, ch in enumerate(key.value):
                        if textcheck.describe(ch) is not None:
                            line = self._where(key, key.value, i)[0]
                            break
                    shown = textcheck.without_hidden(key.value)[:MAX_KEY_LENGTH]
                    self.fatal.append(Problem(self.file, line, format_path(path + (shown,)), problem))
                else:
                    self.fatal.append(Problem(self.file, line, format_path(path), problem))
                continue
            name = key.value
            if name in seen:
                self.fatal.append(Problem(
                    self.file, key.start_mark.line + 1, format_path(path + (name,)),
                    f"the field '{name}' appears twice here (first at line {seen[name]}); keep one",
                ))
            seen[name] = key.start_mark.line + 1
            self.lines[path + (name,)] = key.start_mark.line + 1
            self.walk(value, path + (name,))
            self.lines[path + (name,)] = key.start_mark.line + 1

    def _text(self, node: yaml.ScalarNode, path: Path) -> None:
        value = node.value
        if value.isascii() and value.isprintable():  # the common case: nothing hidden, no curly quotes
            return
        field_name = next((p for p in reversed(path) if isinstance(p, str)), "")
        reported: set[str] = set()
        for i, ch in enumerate(value):
            if ch in reported:  # the first of each kind is enough to find them all
                continue
            if ch.isalnum() or ch == " ":
                continue
            reported.add(ch)
            if ch in "\n\t":
                if field_name in textcheck.SINGLE_LINE_FIELDS:
                    line, where = self._where(node, value, i)
                    what = "a line break" if ch == "\n" else "a tab"
                    self._note(line, path, f"{what} {where}: this field must be one line of text")
                continue
            about = textcheck.describe(ch)
            if about is None:
                continue
            if about.forbidden:
                line, where = self._where(node, value, i)
                self._note(line, path, f"{about.name} {where}{about.hint_suffix()}")
            elif textcheck.has_visible(value):  # blank-looking text is the schema's "must not be blank"
                line, where = self._where(node, value, i)
                self._note(line, path, f"{about.name} {where}{about.hint_suffix()}", WARNING)
        if not node.style and textcheck.curly_wrapped(value):  # plain: None in PyYAML, "" from libyaml
            self._note(node.start_mark.line + 1, path, textcheck.CURLY_WARNING, WARNING)


def _syntax_problems(text: str, file: str, line: int | None, column: int | None, what: str) -> list[Problem]:
    """A YAML syntax error, with the hidden character that probably caused it named first."""
    out: list[Problem] = []
    if line is not None:
        all_lines = text.split("\n")
        # A pasted non-breaking space in the indentation usually breaks the line after it, or the
        # line itself: look at the error's line and the two before, nearest first.
        for number in range(line, max(0, line - 3), -1):
            if number - 1 >= len(all_lines):
                continue
            content = all_lines[number - 1]
            for col, ch in enumerate(content, 1):
                about = textcheck.describe(ch)
                if ch == "\t":
                    out.append(Problem(file, number, "", f"a tab at column {col}: YAML indents with spaces, not tabs: "
                                       "replace it with spaces"))
                    break
                if about is not None:
                    out.append(Problem(file, number, "", f"{about.name} at column {col}{about.hint_suffix()}"))
                    break
            if out:
                break
    out.append(Problem(file, line, "", f"this is not valid YAML ({what}): check quotes, colons and indentation "
                       "on this line and the one before"))
    return out


def load_text(text: str, file: str) -> Source:
    """Parse YAML text into plain data, a map of field path → line, and value-level problems.

    Raises FrameworkError for anything that stops the reading: a syntax error, a limit reached,
    a key that is not a plain word, a non-plain tag, a repeated field, an empty file.
    """
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
    except _LimitError as err:
        shown = format_path(err.path[:12]) + ("…" if len(err.path) > 12 else "")
        raise FrameworkError([Problem(file, err.mark.line + 1, shown, err.message)]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = " ".join(x for x in (err.context, err.problem) if x)
        line, column = (mark.line + 1, mark.column + 1) if mark else (None, None)
        if "nesting depth" in what:  # libyaml's own limit, met before the composer's
            raise FrameworkError([Problem(file, line, "", "the fields and lists here are nested far too deep; a framework "
                                          "needs a few levels: check the indentation and brackets")]) from None
        raise FrameworkError(_syntax_problems(text, file, line, column, what)) from None
    except yaml.reader.ReaderError as err:
        # A raw control character in the file: name it and say where.
        index = min(max(err.position, 0), len(text))
        line = text.count("\n", 0, index) + 1
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        ch = text[index] if index < len(text) else ""
        about = textcheck.describe(ch) if ch else None
        name = about.name if about else f"the character U+{err.character:04X}"
        raise FrameworkError([Problem(file, line, "", f"{name} at column {column}: control characters are not "
                                      "allowed in a framework file: delete it")]) from None
    except yaml.YAMLError as err:
        raise FrameworkError([Problem(file, None, "", f"this is not valid YAML: {err}")]) from None
    finally:
        loader.dispose()
    if node is None:
        raise FrameworkError([Problem(
            file, 1, "", "the file is empty: expected a framework (schema_version, id, authority, levels, ...)"
        )])
    walker = _Walker(text, file)
    walker.walk(node, ())
    if walker.fatal:
        raise FrameworkError(walker.fatal)
    try:
        # Construct from the node already composed: parsing twice doubles the cost on big files.
        data = _Loader("").construct_document(node)
    except (yaml.YAMLError, ValueError) as err:  # pragma: no cover - the walk already caught what this could
        raise FrameworkError([Problem(file, None, "", f"this is not valid YAML: {err}")]) from None
    return Source(data, walker.lines, walker.notes)


def parse(text: str, file: str) -> tuple[Any, Lines]:
    """Parse YAML text into plain data and a map of field path → line.

    Raises FrameworkError for anything load_text refuses, and for value-level errors (control
    characters); warnings are dropped. Use load_text to get the warnings too.
    """
    src = load_text(text, file)
    errors = [p for p in src.problems if not p.is_warning]
    if errors:
        raise FrameworkError(errors)
    return src.data, src.lines


def load(path: FilePath) -> Source:
    """Read and parse a framework file (UTF-8, at most MAX_FILE_BYTES), keeping warnings."""
    file = str(path)
    try:
        if path.is_dir():
            raise FrameworkError([Problem(file, None, "", "this is a folder, not a framework file: give a .yaml file")])
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise FrameworkError([Problem(file, None, "", f"the file is {size / 1e6:.1f} MB; a framework file is at most "
                                          f"{MAX_FILE_BYTES / 1e6:.0f} MB (the largest real one is 0.2 MB)")])
        raw = path.read_bytes()
    except FileNotFoundError:
        raise FrameworkError([Problem(file, None, "", "there is no such file: check the name and the folder")]) from None
    except OSError as err:
        raise FrameworkError([Problem(file, None, "", f"cannot read the file: {err.strerror or err}")]) from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        raise FrameworkError([Problem(
            file, line, "",
            f"the file is not UTF-8 text (byte 0x{raw[err.start]:02x}); save it as UTF-8 in your editor",
        )]) from None
    return load_text(text.removeprefix("\ufeff"), file)


def read(path: FilePath) -> tuple[Any, Lines]:
    """Read and parse a framework file; the file must be UTF-8 text. Value-level errors raise; warnings are dropped."""
    src = load(path)
    errors = [p for p in src.problems if not p.is_warning]
    if errors:
        raise FrameworkError(errors)
    return src.data, src.lines
