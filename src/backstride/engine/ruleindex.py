"""Evaluate a set of rules at once and spell out the findings of those that fire.

The rules are compiled into one function answering all of them (each case field is read
once), and evidence strings are built only for the rules that fire.
"""

from __future__ import annotations

from collections.abc import Iterator
from itertools import compress

from backstride.kb.rules import Flat, Rule, compile_batch


class RuleIndex:
    def __init__(self, rules: list[tuple[str, Rule]]) -> None:
        self.rules = rules
        self.answer_all = compile_batch([rule for _, rule in rules])

    def matches(self, flat: Flat) -> Iterator[tuple[str, list[str]]]:
        """(key, findings) of every rule that fires, in the order the rules were given."""
        answers = self.answer_all(flat)
        for key, rule in compress(self.rules, answers):
            yield key, rule(flat) or []
