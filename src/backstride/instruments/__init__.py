"""Validated back-pain instruments: scoring, bands and change over time. Pure, no I/O.

Each instrument module turns item scores into a `Score`; `trends` judges change against each
instrument's minimal important change. The wording of the questionnaires is not shipped:

- STarT Back: only item *topics* in our own words, the scoring and Keele's copyright and funding
  statement. Keele asks commercial users to contact them, and an open-source licence allows
  commercial reuse, so the items' wording stays out until Keele gives written permission.
- Oswestry and Roland-Morris: their owners license the wording. A clinician who holds the
  instrument enters the item scores; backstride only scores them and names the sections.
"""

from backstride.instruments.common import INSTRUMENTS, Score
from backstride.instruments.registry import parse_items, score_items

__all__ = ["INSTRUMENTS", "Score", "parse_items", "score_items"]
