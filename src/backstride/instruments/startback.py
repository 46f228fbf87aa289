"""Keele STarT Back Screening Tool: nine items, a total and a psychosocial subscale.

Scoring (Hill et al. 2008; Keele's scoring guide):
- items 1-8 are agree (1) or disagree (0); item 9 (how bothersome the back pain has been) is
  answered on a five-point scale and scores 1 only for "very much" or "extremely";
- total 0-9: 3 or less is **low** risk;
- from 4, the psychosocial subscale (items 5-9, 0-5) decides: 3 or less is **medium**, 4 or 5
  is **high** risk.

The tool has no rule for a missing item (every item is needed for the total), so an incomplete
form is refused rather than guessed.

Wording: Keele's current terms allow non-commercial use without a licence and ask anyone putting
the tool into commercial product materials to contact them. backstride is open source, which
allows commercial reuse, so we do not ship the items' wording: `TOPICS` says in our own words
what each item is about, so that a clinician holding the form can enter the answers. The
copyright and funding statement below is Keele's own, quoted as their terms ask.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, Literal

from backstride.errors import UserError
from backstride.instruments.common import STARTBACK, Score, expect_count, refuse, split_items

# What each item asks about, in our words (not the instrument's wording).
TOPICS: Final[tuple[str, ...]] = (
    "Back pain that has spread down a leg recently",
    "Shoulder or neck pain recently as well",
    "Walking only short distances because of the back pain",
    "Getting dressed more slowly than usual because of the back pain",
    "Fear: feeling it is not really safe to be physically active",
    "Worry: worrying thoughts going through the mind much of the time",
    "Catastrophising: feeling the pain is awful and will never improve",
    "Low mood: not enjoying things the way one used to",
    "How bothersome the back pain has been overall",
)
PSYCHOSOCIAL_ITEMS: Final = (5, 6, 7, 8, 9)
# Item 9's five answers, least to most; only the last two score.
BOTHERSOME: Final[tuple[str, ...]] = (
    "not_at_all",
    "slightly",
    "moderately",
    "very_much",
    "extremely",
)
BOTHERSOME_SCORING: Final = frozenset({"very_much", "extremely"})
RECALL_PERIOD: Final = "the last two weeks"

ATTRIBUTION: Final = (
    "The copyright (©2007) of the STarT Back Screening Tool and associated materials is owned "
    "by Keele University, the development of which was part funded by Arthritis Research UK: "
    "i) the tool is designed for use by health care practitioners, with appropriate treatment "
    "packages for each of the stratified groups; ii) the tool is not intended to recommend the "
    "use of any particular product. No license is required for non-commercial use. If you "
    "would like to incorporate the tool in any way into commercial product materials, please "
    "contact Keele University for further advice."
)
WORDING_NOTE: Final = (
    "backstride does not reproduce the STarT Back items' wording: it is free for non-commercial "
    "use, and this open-source project can be reused commercially, so we ask Keele before "
    "bundling it. Use the official form and enter the answers here."
)

Risk = Literal["low", "medium", "high"]
MATCHED_CARE: Final[dict[str, str]] = {
    "low": "advice, reassurance and self-management",
    "medium": "physiotherapy",
    "high": "psychologically informed physiotherapy",
}

_AGREE = {"1": 1, "agree": 1, "a": 1, "yes": 1, "y": 1, "0": 0, "disagree": 0, "d": 0, "no": 0}
_AGREE.update({"n": 0})


@dataclass(frozen=True)
class StartBackAnswers:
    """Items 1-8 as agree (True) or disagree (False), and item 9's answer."""

    agree: tuple[bool, ...]
    bothersome: str

    def __post_init__(self) -> None:
        if len(self.agree) != 8:
            raise UserError(
                f"startback: {len(self.agree)} agree/disagree answer(s) given; expected 8 "
                "(items 1-8) and item 9"
            )
        if self.bothersome not in BOTHERSOME:
            raise refuse("startback item 9", self.bothersome, "one of " + ", ".join(BOTHERSOME))


def item_scores(answers: StartBackAnswers) -> list[int]:
    """The nine item scores (0 or 1)."""
    return [int(a) for a in answers.agree] + [int(answers.bothersome in BOTHERSOME_SCORING)]


def risk_group(total: int, psychosocial: int) -> Risk:
    if total <= 3:
        return "low"
    return "high" if psychosocial >= 4 else "medium"


def score(answers: StartBackAnswers) -> Score:
    scores = item_scores(answers)
    total = sum(scores)
    psychosocial = sum(scores[i - 1] for i in PSYCHOSOCIAL_ITEMS)
    risk = risk_group(total, psychosocial)
    return Score(
        instrument=STARTBACK,
        total=total,
        band=risk,
        items={"agree": [int(a) for a in answers.agree], "bothersome": answers.bothersome},
        detail={
            "psychosocial": psychosocial,
            "item_scores": scores,
            "matched_care": MATCHED_CARE[risk],
        },
    )


def parse_agree(index: int, raw: str) -> bool:
    value = _AGREE.get(raw.strip().lower())
    if value is None:
        raise refuse(f"startback item {index}", raw, "agree (1) or disagree (0)")
    return bool(value)


def parse_bothersome(raw: str) -> str:
    text = raw.strip().lower().replace(" ", "_").replace("-", "_")
    if text.isdigit() and int(text) < len(BOTHERSOME):
        return BOTHERSOME[int(text)]
    if text in BOTHERSOME:
        return text
    allowed = "one of " + ", ".join(BOTHERSOME) + " (or its position 0-4)"
    raise refuse("startback item 9", raw, allowed)


def answers_from_texts(values: Sequence[str]) -> StartBackAnswers:
    expect_count("startback", values, 9)
    agree = tuple(parse_agree(i, raw) for i, raw in enumerate(values[:8], start=1))
    return StartBackAnswers(agree, parse_bothersome(values[8]))


def score_text(text: str) -> Score:
    """`"1,0,0,1,1,0,1,0,moderately"`: eight agree/disagree answers, then item 9."""
    return score(answers_from_texts(split_items(text)))


def score_stored(items: Mapping[str, Any]) -> Score:
    agree = items.get("agree")
    if not isinstance(agree, list):
        raise refuse("startback agree", agree, "a list of eight 0/1 answers")
    answers = [parse_agree(i, str(a)) for i, a in enumerate(agree, start=1)]
    return score(StartBackAnswers(tuple(answers), str(items.get("bothersome"))))
