"""Strict YAML loading that remembers where every value came from, and schema validation.

Editors' YAML (``site.yaml``, front matter, facts files) is parsed into plain Python data
plus a map from each value's path (tuple of keys and indexes) to its line and column, so
that every complaint can point at ``path:line:col``. Aliases are refused (no "billion
laughs"), duplicate keys are errors, and timestamps stay strings.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import yaml

from generator.cache import ContentCache, content_key
from generator.errors import Problem
from generator.parallel import map_in_order

Key = tuple[str | int, ...]

# YAML 1.1 would turn ``date: 2024-06-19`` into a datetime.date and ``no`` into False;
# an editor means the text they typed, so only these scalar tags are constructed.
_SCALAR_TAGS = {
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
}


_SCALARS = yaml.SafeLoader("")


@dataclass
class Located:
    """YAML data plus the 1-based (line, col) of every value, keyed by its path."""

    data: Any
    where: dict[Key, tuple[int, int]] = field(default_factory=dict)
    key_where: dict[Key, tuple[int, int]] = field(default_factory=dict)

    def position(self, key: Key) -> tuple[int, int]:
        """Position of ``key`` or of its nearest ancestor that has one."""
        while key not in self.where and key:
            key = key[:-1]
        return self.where.get(key, (1, 1))


class _Loader(yaml.SafeLoader):
    def compose_node(self, parent: Any, index: Any) -> Any:
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()  # type: ignore[no-untyped-call]
            raise yaml.MarkedYAMLError(
                None, None, "aliases (*name) are not allowed", event.start_mark
            )
        return super().compose_node(parent, index)


def _yaml_problem(path: str, exc: yaml.YAMLError, line_offset: int) -> Problem:
    noticed = getattr(exc, "problem_mark", None)
    started = getattr(exc, "context_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    context = getattr(exc, "context", None)
    message = problem if not context else f"{problem} ({context})"
    mark = noticed or started
    if started is not None and noticed is not None and started.line < noticed.line:
        # An unclosed bracket or quote is reported where it was opened, the editor's mistake.
        mark = started
        message += f"; noticed at line {noticed.line + 1 + line_offset}"
    if "found character '\\t'" in message:
        message = "tab character: YAML indentation must use spaces"
    if mark is None:
        return Problem(path, 0, 0, f"invalid YAML: {message}")
    return Problem(path, mark.line + 1 + line_offset, mark.column + 1, f"invalid YAML: {message}")


def _compose_with_libyaml(text: str) -> tuple[bool, yaml.Node | None]:
    """(True, node tree) from libyaml, several times faster; (False, None) when only the
    pure-Python loader can answer: no libyaml, text it rejects (whose message that loader
    words), anchors or aliases (which it refuses), characters outside YAML's printable set."""
    if (not yaml.__with_libyaml__ or "&" in text or "*" in text
            or yaml.reader.Reader.NON_PRINTABLE.search(text)):
        return False, None
    try:
        return True, yaml.compose(text, Loader=yaml.CSafeLoader)
    except yaml.YAMLError:
        return False, None


def parse_yaml(text: str, path: str, line_offset: int = 0) -> tuple[Located, list[Problem]]:
    """Parse ``text``; ``line_offset`` shifts reported lines (YAML embedded in a larger file)."""
    composed, node = _compose_with_libyaml(text)
    if not composed:
        try:
            loader = _Loader(text)
        except yaml.reader.ReaderError as exc:  # a control character, found before parsing starts
            before = text[: exc.position]
            line = before.count("\n") + 1 + line_offset
            col = exc.position - (before.rfind("\n") + 1) + 1
            return Located(None), [Problem(path, line, col, f"invalid YAML: control character "
                                                            f"U+{exc.character:04X} is not allowed")]
        try:
            node = loader.get_single_node()
        except yaml.YAMLError as exc:
            return Located(None), [_yaml_problem(path, exc, line_offset)]
        finally:
            loader.dispose()
    located = Located(None)
    problems: list[Problem] = []
    if node is not None:
        located.data = _construct(node, (), located, problems, path, line_offset)
    return located, problems


def _construct(
    node: yaml.Node, key: Key, out: Located, problems: list[Problem], path: str, offset: int
) -> Any:
    out.where[key] = (node.start_mark.line + 1 + offset, node.start_mark.column + 1)
    if isinstance(node, yaml.MappingNode):
        mapping: dict[str, Any] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                line, col = key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
                problems.append(Problem(path, line, col, "mapping keys must be plain text"))
                continue
            name = str(key_node.value)
            if name in mapping:
                line, col = key_node.start_mark.line + 1 + offset, key_node.start_mark.column + 1
                problems.append(Problem(path, line, col, f"duplicate key '{name}'"))
                continue
            out.key_where[(*key, name)] = (key_node.start_mark.line + 1 + offset,
                                           key_node.start_mark.column + 1)
            mapping[name] = _construct(value_node, (*key, name), out, problems, path, offset)
        return mapping
    if isinstance(node, yaml.SequenceNode):
        return [
            _construct(item, (*key, i), out, problems, path, offset)
            for i, item in enumerate(node.value)
        ]
    if node.tag in _SCALAR_TAGS:
        return yaml.SafeLoader.yaml_constructors[node.tag](_SCALARS, node)
    return str(node.value)


def did_you_mean(word: str, choices: list[str]) -> str:
    """`` (did you mean 'x'?)`` for a near-miss, else the empty string."""
    close = difflib.get_close_matches(word, choices, n=1, cutoff=0.6)
    return f" (did you mean '{close[0]}'?)" if close else ""


def validate(located: Located, schema: dict[str, Any], path: str) -> list[Problem]:
    """Check ``located.data`` against a JSON Schema; one located problem per violation."""
    import jsonschema  # imported on first use: it is the slowest import of a build

    validator = jsonschema.Draft202012Validator(schema)
    problems = []
    for error in validator.iter_errors(located.data):
        where: Key = tuple(error.absolute_path)
        message = _schema_message(error, where)
        if error.validator == "additionalProperties" and isinstance(error.instance, dict):
            allowed = sorted(error.schema.get("properties", {}))
            for extra in sorted(set(error.instance) - set(allowed)):
                line, col = located.key_where.get((*where, extra), located.position(where))
                text = f"unknown field '{extra}'{did_you_mean(extra, allowed)}"
                problems.append(Problem(path, line, col, text))
            continue
        line, col = located.position(where)
        problems.append(Problem(path, line, col, message))
    return problems


def _schema_message(error: Any, where: Key) -> str:
    name = ".".join(str(k) for k in where) or "document"
    validator = error.validator
    if validator == "required":
        missing = error.message.split("'")[1] if "'" in error.message else error.message
        return f"missing required field '{missing}'" + (f" in {name}" if where else "")
    if validator == "type":
        expected = error.validator_value
        expected = " or ".join(expected) if isinstance(expected, list) else expected
        return f"'{name}' must be {_article(expected)}, not {_describe(error.instance)}"
    if validator == "enum":
        options = ", ".join(str(v) for v in error.validator_value)
        return f"'{name}' must be one of: {options} (got {error.instance!r})"
    if validator == "pattern":
        hint = error.schema.get("description", f"match {error.validator_value}")
        return f"'{name}' must be {hint} (got {error.instance!r})"
    if validator == "minItems":
        return f"'{name}' must have at least {error.validator_value} item(s)"
    if validator == "minLength":
        return f"'{name}' must not be empty"
    return f"'{name}': {error.message}"


def _article(type_name: str) -> str:
    return {"object": "a mapping", "array": "a list", "integer": "a whole number"}.get(
        type_name, f"a {type_name}" if " or " not in type_name else type_name
    )


def _describe(value: Any) -> str:
    if value is None:
        return "empty"
    return {dict: "a mapping", list: "a list", bool: "true/false", int: "a number",
            float: "a number", str: "text"}.get(type(value), type(value).__name__)


_ISO_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def dump_yaml(data: Any) -> str:
    """Deterministic, readable YAML: keys in the order given, long lines kept whole."""
    return yaml.dump(
        data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, default_flow_style=False
    )


MS_PER_ITEM = 2.0  # dumping one fact of about a dozen fields, measured


def _dump_item(name: str, item: Any) -> str:
    return dump_yaml({name: [item]})[len(name) + 2:]


# Items this process dumped lately, by key (``serve`` writes facts.yaml on every save).
_RECENT_ITEMS: dict[str, str | None] = {}  # None never stays: filled below


def dump_yaml_items(name: str, items: Sequence[Any], cache: ContentCache | None = None) -> str:
    """``dump_yaml({name: items})`` for a list of mappings, made item by item: the emitter
    writes each item of a block sequence on its own, so the pieces joined are the same text.
    Each item's text is kept in ``cache`` (the caller saves it) under the item's repr, so an
    unchanged fact is not dumped again; missing ones are dumped on every core when many."""
    if not items:
        return dump_yaml({name: []})
    keys = [content_key("yaml-item", name, repr(item)) for item in items]
    texts = [_RECENT_ITEMS.get(key) or (cache.get(key) if cache else None) for key in keys]
    missing = [i for i, text in enumerate(texts) if text is None]
    for i, text in zip(missing, map_in_order(_dump_item, [items[i] for i in missing], name,
                                             MS_PER_ITEM), strict=True):
        texts[i] = text
    if len(_RECENT_ITEMS) > 4 * len(keys) + 100_000:
        _RECENT_ITEMS.clear()
    for key, kept in zip(keys, texts, strict=True):
        if cache is not None:
            cache.put(key, kept)
        _RECENT_ITEMS[key] = kept
    return f"{name}:\n" + "".join(t for t in texts if t is not None)


class _Dumper(yaml.SafeDumper):
    def ignore_aliases(self, data: Any) -> bool:
        return True

    def represent_str(self, data: str) -> yaml.ScalarNode:
        # ISO dates are written bare (``date: 2024-06-19``); our loader reads them back as text.
        if _ISO_DATE.fullmatch(data):
            return self.represent_scalar("tag:yaml.org,2002:timestamp", data)
        return super().represent_str(data)

    def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
        super().increase_indent(flow, False)


_Dumper.add_representer(str, _Dumper.represent_str)
