"""Vignette scorecards as figures (JSON) and as a Markdown safety report.

The report is what `docs/safety-report.md` holds: per set of vignettes, how often the triage
level was accepted, under- and over-triage, emergencies caught, self-care kept, the expected
condition in the first three; then the confusion matrix and every vignette not passed. The same
figures, as JSON, are shipped in the package (`reports/safety_figures.json`) for the web app's
page on how well backstride triages.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from backstride.contract.result import Level
from backstride.engine.evaluation import TOP, Scorecard, combined


def percent(part: int, whole: int) -> str:
    """A share as a percentage, to one decimal unless whole (so 375/376 is not "100%")."""
    value = 100 * part / whole
    return f"{value:.0f}%" if value == int(value) else f"{value:.1f}%"


def _share(part: int, whole: int, with_percent: bool = True) -> str:
    if not whole:
        return "-"
    return f"{part}/{whole} ({percent(part, whole)})" if with_percent else f"{part}/{whole}"


def summary(card: Scorecard) -> dict[str, Any]:
    """The counts of one scorecard, for JSON output."""
    return {
        "set": card.name,
        "vignettes": card.total,
        "triage_accepted": card.triage_accepted,
        "under_triage": card.under_triaged,
        "over_triage": card.over_triaged,
        "emergencies": card.emergencies,
        "emergencies_caught": card.emergencies_caught,
        "self_care": card.self_care,
        "self_care_kept": card.self_care_kept,
        "condition_in_top3": card.condition_in_top,
        "with_factors": card.with_factors,
        "factors_found": card.factors_found,
        "failures": [
            {"id": o.vignette.id, "problems": o.problems()} for o in card.outcomes if o.problems()
        ],
    }


def figures(
    cards: Sequence[Scorecard], kb_version: str, notes: Sequence[str] = ()
) -> dict[str, Any]:
    """Everything the report shows, as JSON: each set, all sets together, the confusion
    matrix (expected level -> level given -> count, empty rows left out) and the notes."""
    everything = combined(cards)
    counts = everything.confusion()
    confusion = {
        expected.value: {given.value: counts.get((expected, given), 0) for given in Level}
        for expected in Level
        if any(counts.get((expected, given)) for given in Level)
    }
    return {
        "kb_version": kb_version,
        "notes": list(notes),
        "sets": [summary(card) for card in cards],
        "all": summary(everything),
        "confusion": confusion,
    }


COLUMNS = (
    "Set",
    "Vignettes",
    "Triage accepted",
    "Under-triage",
    "Over-triage",
    "Emergencies caught",
    "Self-care kept",
    f"Condition in first {TOP}",
    "Factors found",
)
# The same columns, short enough for an 80-column terminal.
SHORT_COLUMNS = (
    "Set",
    "n",
    "Triage",
    "Under",
    "Over",
    "Emerg.",
    "Self-care",
    f"Top {TOP}",
    "Factors",
)


def row(card: Scorecard, with_percent: bool = True) -> tuple[str, ...]:
    """One line of figures, in the order of COLUMNS (shared by the terminal table)."""
    return (
        card.name,
        str(card.total),
        _share(card.triage_accepted, card.total, with_percent),
        str(card.under_triaged),
        str(card.over_triaged),
        _share(card.emergencies_caught, card.emergencies, with_percent),
        _share(card.self_care_kept, card.self_care, with_percent),
        _share(card.condition_in_top, card.total, with_percent),
        _share(card.factors_found, card.with_factors, with_percent),
    )


def _table(header: Sequence[str], rows: Sequence[Sequence[str]]) -> list[str]:
    lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    return lines + ["| " + " | ".join(cells) + " |" for cells in rows]


def confusion_rows(card: Scorecard) -> list[tuple[str, ...]]:
    """Expected level (rows) against answered level (columns); empty rows left out."""
    counts = card.confusion()
    rows = []
    for expected in Level:
        cells = [str(counts.get((expected, given), 0) or "·") for given in Level]
        if any(cell != "·" for cell in cells):
            rows.append((expected.value, *cells))
    return rows


def failures(cards: Sequence[Scorecard]) -> list[str]:
    return [
        f"{card.name} {o.vignette.id}: " + "; ".join(o.problems())
        for card in cards
        for o in card.outcomes
        if o.problems()
    ]


def render_safety_report(
    cards: Sequence[Scorecard], kb_version: str, notes: Sequence[str] = ()
) -> str:
    everything = combined(cards)
    out = [
        "# How well backstride triages: results on clinical vignettes",
        "",
        f"Knowledge base {kb_version}. Each vignette is a case written from guidelines or a",
        "published case type, with the level and the condition that clinicians would expect.",
        "These figures show how the engine behaves on such cases; they are not a clinical",
        "trial, and the vignettes were written by the project.",
        "",
        "- *Triage accepted*: the level given was the expected one or a neighbouring level the",
        "  vignette also accepts.",
        "- *Under-triage*: less urgent than every accepted level (the unsafe error).",
        "  *Over-triage*: more urgent than every accepted level (sends people to care they do",
        "  not need).",
        "- *Emergencies caught*: cases that need an emergency department or an ambulance,",
        "  answered at one of those two levels.",
        "- *Self-care kept*: cases that clinicians would manage at home, answered as self-care.",
        "",
        *(line for note in notes for line in (note, "")),
        *_table(
            COLUMNS, [row(card) for card in [*cards, everything][: len(cards) + (len(cards) > 1)]]
        ),
        "",
        "## Expected level (rows) against the level given (columns), all sets",
        "",
        *_table(("expected", *(level.value for level in Level)), confusion_rows(everything)),
        "",
        "## Vignettes not passed",
        "",
    ]
    missed = failures(cards)
    out += [f"- {line}" for line in missed] if missed else ["None."]
    return "\n".join(out) + "\n"
