"""A tiny rule language over case fields, so that clinical rules live in data, not code.

A rule is a string such as::

    neuro.saddle_numbness
    age >= 50 and pain.constant
    pain.regions has buttock
    pain.character has_any [shooting, tingling] or neuro.leg_tingling in [left, right, both]
    (general.fever or general.chills) and general.urinary_symptoms

Operators: ``=`` ``!=`` ``<`` ``<=`` ``>`` ``>=`` (scalars), ``in [..]`` (scalar in a set),
``has x`` and ``has_any [..]`` (list contains; a region without a side matches every side),
``lacks [..]`` (the list was reported and holds none of them).
A bare field means ``field = true``. ``and`` binds tighter than ``or``; parentheses group.

Three-valued on purpose: an absent field makes its leaf false, never "no", so a rule only fires
on what the runner actually reported. A compiled rule returns the list of findings that made it
true (``"field=value"`` strings, shown to people as evidence) or ``None``.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from backstride.contract.fields import FieldSpec

Flat = dict[str, object]
Evidence = list[str] | None
Compiled = Callable[[Flat], Evidence]
Test = Callable[[Flat], bool]
# A parsed rule: ("leaf", field, op, value) | ("all", [nodes]) | ("any", [nodes]).
Node = tuple[Any, ...]

_TOKEN = re.compile(r"\s*(\(|\)|\[|\]|,|>=|<=|!=|=|<|>|[A-Za-z0-9_.:\-]+)")
_COMPARE = {"=", "!=", "<", "<=", ">", ">="}


class RuleSyntaxError(ValueError):
    """A rule that does not parse; the message says where."""


@dataclass(frozen=True)
class Rule:
    """A parsed rule: its text, the fields it reads, and two compiled forms: `test` answers
    yes or no fast (used to score), `evaluate` also says which findings made it true."""

    text: str
    fields: frozenset[str]
    evaluate: Compiled
    test: Test
    node: Node

    def __call__(self, flat: Flat) -> Evidence:
        """The findings that make the rule true, each once (a field read twice by the rule,
        say as a lower and an upper bound, is named once), or None when it is not true."""
        found = self.evaluate(flat)
        return None if found is None else list(dict.fromkeys(found))


def _tokenize(text: str) -> list[str]:
    tokens: list[str] = []
    pos = 0
    text = text.rstrip()
    while pos < len(text):
        match = _TOKEN.match(text, pos)
        if not match:
            raise RuleSyntaxError(f"unexpected character {text[pos]!r} at position {pos}")
        tokens.append(match.group(1))
        pos = match.end()
    return tokens


def _literal(token: str) -> object:
    if token == "true":
        return True
    if token == "false":
        return False
    try:
        return float(token)
    except ValueError:
        return token


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _number(value: object) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None
    return float(value)


def _shown(flat: Flat, field: str, value: object) -> str:
    # Derived values explain themselves through the reported fields they came from.
    return str(flat.get(f"{field}#why") or f"{field}={_show(value)}")


def _leaf_compare(field: str, op: str, target: object) -> Compiled:
    if op in ("=", "!="):
        want_equal = op == "="

        def equals(flat: Flat) -> Evidence:
            value = flat.get(field)
            if value is None:
                return None
            same = value == target or (_number(value) is not None and _number(value) == target)
            return [_shown(flat, field, value)] if same == want_equal else None

        return equals

    limit = target
    if not isinstance(limit, float):
        raise RuleSyntaxError(f"{field} {op} needs a number, got {limit!r}")
    tests: dict[str, Callable[[float], bool]] = {
        "<": lambda v: v < limit,
        "<=": lambda v: v <= limit,
        ">": lambda v: v > limit,
        ">=": lambda v: v >= limit,
    }
    test = tests[op]

    def compare(flat: Flat) -> Evidence:
        value = _number(flat.get(field))
        if value is None or not test(value):
            return None
        return [_shown(flat, field, value)]

    return compare


def _leaf_has(field: str, wanted: list[str]) -> Compiled:
    index_key = f"{field}#index"
    wanted_set = frozenset(wanted)

    def has(flat: Flat) -> Evidence:
        # `#index` holds each item and each bare region, so most checks are set lookups.
        index = flat.get(index_key)
        if index is None:
            items = flat.get(field)
            if not isinstance(items, list):
                return None
            index = list_index(items)
        assert isinstance(index, frozenset)
        if index.isdisjoint(wanted_set):
            return None
        items = flat[field]
        assert isinstance(items, list)
        return [
            f"{field}={item}"
            for item in items
            if item in wanted_set or str(item).split(":", 1)[0] in wanted_set
        ]

    return has


def list_index(items: list[object]) -> frozenset[str]:
    """The items of a list field, plus the bare region of every `region:side` item, and
    `region:both` for a region marked on the left and on the right (the same body map, told
    either way)."""
    out = {str(item) for item in items}
    out.update(str(item).split(":", 1)[0] for item in items if ":" in str(item))
    out.update(
        f"{item[:-5]}:both"
        for item in list(out)
        if item.endswith(":left") and f"{item[:-5]}:right" in out
    )
    return frozenset(out)


def _leaf_lacks(field: str, unwanted: list[str]) -> Compiled:
    def lacks(flat: Flat) -> Evidence:
        items = flat.get(field)
        if not isinstance(items, list):
            return None
        if not list_index(items).isdisjoint(unwanted):
            return None
        return [f"{field} lacks {'/'.join(unwanted)}"]

    return lacks


def _leaf_in(field: str, allowed: list[object]) -> Compiled:
    def is_in(flat: Flat) -> Evidence:
        value = flat.get(field)
        if value is None or value not in allowed:
            return None
        return [_shown(flat, field, value)]

    return is_in


def _all_of(parts: list[Compiled]) -> Compiled:
    def all_of(flat: Flat) -> Evidence:
        found: list[str] = []
        for part in parts:
            evidence = part(flat)
            if evidence is None:
                return None
            found.extend(evidence)
        return found

    return all_of


def _any_of(parts: list[Compiled]) -> Compiled:
    def any_of(flat: Flat) -> Evidence:
        found: list[str] = []
        hit = False
        for part in parts:
            evidence = part(flat)
            if evidence is not None:
                hit = True
                found.extend(evidence)
        return found if hit else None

    return any_of


class _Parser:
    def __init__(self, text: str, known_fields: Mapping[str, FieldSpec] | None) -> None:
        self.text = text
        self.tokens = _tokenize(text)
        self.pos = 0
        self.known = known_fields
        self.fields: set[str] = set()

    def parse(self) -> Node:
        if not self.tokens:
            raise RuleSyntaxError("empty rule")
        node = self._or()
        if self.pos != len(self.tokens):
            raise RuleSyntaxError(f"unexpected {self.tokens[self.pos]!r}")
        return node

    def _peek(self) -> str | None:
        return self.tokens[self.pos] if self.pos < len(self.tokens) else None

    def _take(self, expected: str | None = None) -> str:
        token = self._peek()
        if token is None:
            raise RuleSyntaxError("rule ends too early")
        if expected is not None and token != expected:
            raise RuleSyntaxError(f"expected {expected!r}, found {token!r}")
        self.pos += 1
        return token

    def _or(self) -> Node:
        parts = [self._and()]
        while self._peek() == "or":
            self._take()
            parts.append(self._and())
        return parts[0] if len(parts) == 1 else ("any", parts)

    def _and(self) -> Node:
        parts = [self._atom()]
        while self._peek() == "and":
            self._take()
            parts.append(self._atom())
        return parts[0] if len(parts) == 1 else ("all", parts)

    def _list(self) -> list[object]:
        self._take("[")
        items: list[object] = []
        while self._peek() != "]":
            items.append(_literal(self._take()))
            if self._peek() == ",":
                self._take()
        self._take("]")
        return items

    def _atom(self) -> Node:
        if self._peek() == "(":
            self._take()
            inner = self._or()
            self._take(")")
            return inner
        field = self._take()
        if self.known is not None and field not in self.known:
            raise RuleSyntaxError(f"unknown case field {field!r}")
        self.fields.add(field)
        op = self._peek()
        if op in _COMPARE:
            self._take()
            value = _literal(self._take())
            self._check(field, [value])
            return ("leaf", field, op, value)
        if op == "in":
            self._take()
            values = self._list()
            self._check(field, values)
            return ("leaf", field, "in", values)
        if op in ("has", "has_any", "lacks"):
            self._take()
            single = op == "has" or (op == "lacks" and self._peek() != "[")
            wanted = [str(v) for v in ([self._take()] if single else self._list())]
            self._check(field, list(wanted))
            return ("leaf", field, "lacks" if op == "lacks" else "has", wanted)
        self._check(field, [True])
        return ("leaf", field, "=", True)

    def _check(self, field: str, values: list[object]) -> None:
        """Reject values the contract does not allow for this field (typos in the data)."""
        spec = self.known.get(field) if self.known is not None else None
        if spec is None:
            return
        for value in values:
            ok = {
                "bool": isinstance(value, bool),
                "number": isinstance(value, float),
                "integer": isinstance(value, float),
                "choice": value in spec.choices,
                "list": value in spec.choices,
            }[spec.kind]
            if not ok:
                raise RuleSyntaxError(f"{field} cannot be {value!r}: allowed is {spec.allowed()}")


def _explainer(node: Node) -> Compiled:
    kind = node[0]
    if kind == "all":
        return _all_of([_explainer(n) for n in node[1]])
    if kind == "any":
        return _any_of([_explainer(n) for n in node[1]])
    _, field, op, value = node
    assert isinstance(field, str) and isinstance(op, str)
    if op == "in":
        return _leaf_in(field, value)
    if op == "has":
        return _leaf_has(field, value)
    if op == "lacks":
        return _leaf_lacks(field, value)
    return _leaf_compare(field, op, value)


def _index_or_none(flat: Flat, field: str) -> frozenset[str] | None:
    items = flat.get(field)
    return list_index(items) if isinstance(items, list) else None


_EMPTY: frozenset[str] = frozenset()
_NUMBER_TYPES = (int, float)


class _TestWriter:
    """Writes a rule as one Python expression, so that testing it costs one call instead of
    one per leaf. Field names and values are written as the `repr` of a word, a finite
    number or a yes/no (which can only be read back as that literal), anything else is
    passed by name: never pasted as code. Literals keep the code short and fast: a name
    is a dictionary lookup with a cache beside each use."""

    def __init__(self) -> None:
        self.constants: dict[str, object] = {
            "_index_or_none": _index_or_none,
            "_EMPTY": _EMPTY,
            "_NUMBER_TYPES": _NUMBER_TYPES,
        }
        self.walrus = 0

    def const(self, value: object) -> str:
        if _is_literal(value):
            return repr(value)
        name = f"c{len(self.constants)}"
        self.constants[name] = value
        return name

    def members(self, values: Collection[object]) -> str:
        """A set to test membership in: as a set display of literals (Python keeps it as one
        frozenset constant) when it can be."""
        if values and all(_is_literal(v) for v in values):
            return "{" + ", ".join(sorted({repr(v) for v in values})) + "}"
        return self.const(frozenset(values))

    def local(self) -> str:
        self.walrus += 1
        return f"v{self.walrus}"

    def expr(self, node: Node) -> str:
        kind = node[0]
        if kind in ("all", "any"):
            joiner = " and " if kind == "all" else " or "
            return "(" + joiner.join(self.expr(n) for n in node[1]) + ")"
        _, field, op, value = node
        key = self.const(field)
        var = self.local()
        if op == "=":
            return f"(f.get({key}) == {self.const(value)})"
        if op == "!=":
            return f"(({var} := f.get({key})) is not None and {var} != {self.const(value)})"
        if op == "in":
            return f"(f.get({key}) in {self.members(value)})"
        if op in ("has", "lacks"):
            wanted = self.const(frozenset(value))
            index = f"(f.get({self.const(f'{field}#index')}) or _index_or_none(f, {key}))"
            if op == "has":
                return f"(not ({index} or _EMPTY).isdisjoint({wanted}))"
            return f"(({var} := {index}) is not None and {var}.isdisjoint({wanted}))"
        symbol = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}[str(op)]
        limit = self.const(float(value))
        return f"(type({var} := f.get({key})) in _NUMBER_TYPES and {var} {symbol} {limit})"


def _is_literal(value: object) -> bool:
    return isinstance(value, str | bool) or (isinstance(value, float) and math.isfinite(value))


def _tester(node: Node) -> Test:
    """A yes/no evaluator with no evidence strings: the hot path of scoring."""
    writer = _TestWriter()
    source = f"lambda f: bool({writer.expr(node)})"
    test: Test = eval(source, dict(writer.constants))
    return test


def compile_rule(text: str, known_fields: Mapping[str, FieldSpec] | None = None) -> Rule:
    """Parse and compile a rule; `known_fields` rejects misspelt field names."""
    parser = _Parser(text, known_fields)
    node = parser.parse()
    return Rule(
        text=text,
        fields=frozenset(parser.fields),
        evaluate=_explainer(node),
        test=_tester(node),
        node=node,
    )


# Up to this many items, `has_any` is written as membership tests rather than `isdisjoint`.
_FEW = 3


class _BatchWriter(_TestWriter):
    """Writes many rules as one function returning a tuple of yes/no answers. Each field is
    read from the case once into a local variable, so a set of rules costs about as much as
    reading the fields it mentions."""

    def __init__(
        self,
        unanswered_may_match: bool = False,
        depends_on: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        super().__init__()
        # Per kind of local ("x" a field's value, "i" its item index, "n" its number, "u"
        # whether it is unanswered): the local's name by field.
        self.locals: dict[str, dict[str, str]] = {}
        self.prologue: list[str] = []
        self.unanswered_may_match = unanswered_may_match
        self.depends_on = depends_on or {}
        # The fields taken as unanswered, whatever the case says, in the rule being written.
        self.reopened: Collection[str] = ()

    def computed(self, kind: str, field: str, expression: Callable[[], str]) -> str:
        """A local the prologue computes once (`expression` may first add the reads it
        needs), named by its kind and number."""
        names = self.locals.setdefault(kind, {})
        if field not in names:
            text = expression()
            names[field] = f"{kind}{len(names)}"
            self.prologue.append(f"    {names[field]} = {text}")
        return names[field]

    def value(self, field: str) -> str:
        return self.computed("x", field, lambda: f"f.get({self.const(field)})")

    def index(self, field: str) -> str:
        def expression() -> str:
            value = self.value(field)
            return (
                f"f.get({self.const(field + '#index')}) or "
                f"(_index_or_none(f, {self.const(field)}) if {value} is not None else None)"
            )

        return self.computed("i", field, expression)

    def number(self, field: str) -> str:
        """The field's value if it is a number (not a yes/no), else None: read once."""

        def expression() -> str:
            value = self.value(field)
            return f"{value} if type({value}) in _NUMBER_TYPES else None"

        return self.computed("n", field, expression)

    def unknown(self, field: str) -> str:
        """A test that the field, or one it is worked out from, is unanswered: for a
        derived field, a local computed once, since many rules read the same few."""
        sources = self.depends_on.get(field, ())
        if not sources:
            return f"{self.value(field)} is None"
        return self.computed(
            "u", field, lambda: " or ".join(f"{self.value(f)} is None" for f in (field, *sources))
        )

    def expr(self, node: Node) -> str:
        kind = node[0]
        if kind in ("all", "any"):
            joiner = " and " if kind == "all" else " or "
            return "(" + joiner.join(self.expr(n) for n in node[1]) + ")"
        _, field, op, value = node
        if not self.unanswered_may_match:
            return self.leaf(field, op, value)
        # Some answer to an unanswered field may match; so may a value worked out from
        # other fields while one of those is unanswered.
        if any(f in self.reopened for f in (field, *self.depends_on.get(field, ()))):
            return "True"  # nothing read: the case's answer does not count here
        return f"({self.unknown(field)} or {self.leaf(field, op, value)})"

    def leaf(self, field: str, op: str, value: Any) -> str:
        if op in ("has", "lacks"):
            index, wanted = self.index(field), self.const(frozenset(value))
            if op == "lacks":
                return f"({index} is not None and {index}.isdisjoint({wanted}))"
            if len(value) <= _FEW:  # a membership test or two cost less than a method call
                found = " or ".join(f"{self.const(item)} in {index}" for item in value)
                return f"({index} is not None and ({found}))"
            return f"({index} is not None and not {index}.isdisjoint({wanted}))"
        if op in ("<", "<=", ">", ">="):
            symbol = {"<": "<", "<=": "<=", ">": ">", ">=": ">="}[op]
            number = self.number(field)
            return f"({number} is not None and {number} {symbol} {self.const(float(value))})"
        x = self.value(field)
        if op == "=":
            return f"({x} == {self.const(value)})"
        if op == "!=":
            return f"({x} is not None and {x} != {self.const(value)})"
        return f"({x} in {self.members(value)})"  # op "in"


def compile_batch(
    rules: list[Rule],
    *,
    unanswered_may_match: bool = False,
    depends_on: Mapping[str, Sequence[str]] | None = None,
    reopened: Sequence[Collection[str]] | None = None,
) -> Callable[[Flat], tuple[bool, ...]]:
    """One function answering every rule at once: `batch(flat)[i]` is `rules[i].test(flat)`.

    With `unanswered_may_match`, a condition on a field the case lacks counts as met, and so
    does one on a field worked out from others (`depends_on`: field -> the fields it is
    computed from) while any of those is missing. `batch(flat)[i]` False then means no
    answers to the missing fields could make rule i true. True is an upper bound: two
    conditions on one missing field are each assumed met, even when no answer meets both.
    `reopened[i]`, if given, names fields that count as missing for rule i even when
    answered: False then means the other answers alone rule it out."""
    writer = _BatchWriter(unanswered_may_match, depends_on)
    answers = []
    for i, rule in enumerate(rules):
        writer.reopened = reopened[i] if reopened else ()
        answers.append(writer.expr(rule.node))
    body = "\n".join(writer.prologue)
    source = f"def batch(f):\n{body}\n    return ({', '.join(answers)},)\n"
    namespace = dict(writer.constants)
    exec(source, namespace)  # our own generated code; constants are passed by name
    batch: Callable[[Flat], tuple[bool, ...]] = namespace["batch"]  # type: ignore[assignment]
    return batch
