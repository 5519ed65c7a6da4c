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


_TYPES: dict[str, tuple[type, ...]] = {
    "string": (str,), "integer": (int,), "number": (int, float), "boolean": (bool,),
    "null": (type(None),), "object": (dict,), "array": (list,),
}
_PLAIN = frozenset(t for types in _TYPES.values() for t in types)
_ANNOTATIONS = frozenset({"description"})


def conforms(value: Any, schema: Any) -> bool:
    """True only when ``value`` certainly satisfies ``schema``, judged by the keywords our
    schemas use; False when it does not or when unsure (jsonschema then decides and words the
    problems). Never True where jsonschema would find a problem: types are matched exactly
    (``1.0`` as an integer, ``True`` in an enum of numbers and unknown keywords are left to it)."""
    if not isinstance(schema, dict) or type(value) not in _PLAIN:
        return False
    for keyword, rule in schema.items():
        if keyword in _ANNOTATIONS:
            continue
        if keyword == "type":
            names = rule if isinstance(rule, list) else [rule]
            if not any(type(value) in _TYPES.get(name, ()) for name in names):
                return False
        elif keyword == "enum":
            if isinstance(value, dict | list) or not any(
                    type(option) is type(value) and option == value for option in rule):
                return False
        elif keyword in ("pattern", "minLength"):
            if isinstance(value, str) and not (
                    re.search(rule, value) if keyword == "pattern" else len(value) >= rule):
                return False
        elif keyword in ("minimum", "maximum"):
            if type(value) in (int, float) and not (
                    value >= rule if keyword == "minimum" else value <= rule):
                return False
        elif keyword in ("minItems", "maxItems", "items"):
            if isinstance(value, list) and not (
                    len(value) >= rule if keyword == "minItems"
                    else len(value) <= rule if keyword == "maxItems"
                    else all(conforms(item, rule) for item in value)):
                return False
        elif keyword in ("required", "properties", "additionalProperties"):
            if isinstance(value, dict) and not _object_conforms(value, keyword, rule, schema):
                return False
        else:
            return False
    return True


def _object_conforms(value: dict[str, Any], keyword: str, rule: Any, schema: dict[str, Any]) -> bool:
    if keyword == "required":
        return all(name in value for name in rule)
    if keyword == "properties":
        return all(conforms(value[name], sub) for name, sub in rule.items() if name in value)
    known = schema.get("properties", {})
    extra = [name for name in value if name not in known]
    if rule is False:
        return not extra
    return rule is True or all(conforms(value[name], rule) for name in extra)


def validate(located: Located, schema: dict[str, Any], path: str) -> list[Problem]:
    """Check ``located.data`` against a JSON Schema; one located problem per violation."""
    if conforms(located.data, schema):
        return []  # valid, certainly: jsonschema is needed only to word what is wrong
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
