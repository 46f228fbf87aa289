"""Evaluate only the rules a case can make true.

Every leaf of a rule is false on an absent field, so a rule none of whose fields was reported
cannot fire. Indexing rules by the fields they read lets an assessment test only the rules
that touch its answers (a sparse case touches few).
"""

from __future__ import annotations

from collections.abc import Iterator

from backstride.kb.rules import Flat, Rule


class RuleIndex:
    def __init__(self, rules: list[tuple[str, Rule]]) -> None:
        self.rules = rules
        by_field: dict[str, set[int]] = {}
        for number, (_, rule) in enumerate(rules):
            for name in rule.fields:
                by_field.setdefault(name, set()).add(number)
        self.by_field = {name: frozenset(numbers) for name, numbers in by_field.items()}

    def matches(self, flat: Flat) -> Iterator[tuple[str, list[str]]]:
        """(key, findings) of every rule that fires, in the order the rules were given."""
        empty: frozenset[int] = frozenset()
        candidates = empty.union(*(self.by_field.get(key, empty) for key in flat))
        for number in sorted(candidates):
            key, rule = self.rules[number]
            if rule.test(flat):
                yield key, rule(flat) or []
