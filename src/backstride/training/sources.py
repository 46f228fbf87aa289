"""The evidence behind each load metric: thresholds and the sources they come from, in one place.

User-facing text about training load quotes these strings, so every claim names its source and a
changed threshold changes every message that mentions it. Citations follow
`design/clinical-notes.md` section e; entries marked [m] there are not used as numbers here.
"""

from __future__ import annotations

from typing import Final

FRANDSEN_2025: Final = "Frandsen et al. 2025, BJSM (Garmin-RUNSAFE)"
NIELSEN_2014: Final = "Nielsen et al. 2014, JOSPT (DANO-RUN)"
HEIDERSCHEIT_2011: Final = "Heiderscheit et al. 2011, MSSE"
FOSTER_1998: Final = "Foster 1998, Med Sci Sports Exerc"
GABBETT_2016: Final = "Gabbett 2016, BJSM"
WILLIAMS_2017: Final = "Williams et al. 2017, BJSM"
SEED_AEROBIC: Final = (
    "seed 001_c1da87dbcbbebff5.txt, citing the Canadian Physical Activity Guidelines"
)
SHOE_FOLKLORE: Final = "design/clinical-notes.md, section e, footwear"

#: A run more than this much longer than the longest run of the previous 30 days is a spike.
SPIKE_RATIO: Final = 1.10
#: Bands of the single-run spike with the hazard rate ratios reported by Frandsen et al. 2025.
SPIKE_BANDS: Final = (
    (2.00, ">100%", "HRR 2.28 (1.50-3.48)"),
    (1.30, "30-100%", "HRR 1.52 (1.16-2.00)"),
    (SPIKE_RATIO, "10-30%", "HRR 1.64 (1.31-2.05)"),
)
#: Days before a run searched for the longest previous run.
SPIKE_WINDOW_DAYS: Final = 30
#: Weekly progression above this fraction is flagged (Nielsen et al. 2014: more than 30% over
#: two weeks went with more distance-related injuries in novices).
PROGRESSION_LIMIT: Final = 0.30
#: Aerobic minutes a week, counted in bouts of at least ten minutes (seed 001).
AEROBIC_TARGET_MIN: Final = 150.0
AEROBIC_BOUT_MIN: Final = 10.0
#: The cadence advice: raise the runner's own step rate by 5 to 10% (Heiderscheit et al. 2011).
CADENCE_STEP_LOW: Final = 0.05
CADENCE_STEP_HIGH: Final = 0.10

SPIKE_NOTE: Final = (
    "A run more than 10% longer than the longest run of the previous 30 days is flagged: in "
    f"{FRANDSEN_2025}, such single-run spikes went with more overuse injuries (HRR 1.64 for "
    "10-30% longer, 1.52 for 30-100%, 2.28 for more than double)."
)
PROGRESSION_NOTE: Final = (
    "Weekly distance more than 30% above the week two weeks earlier is flagged, after "
    f"{NIELSEN_2014}, where progressing by more than 30% over two weeks went with more "
    "distance-related injuries in novice runners. Week-over-week change is shown too, but "
    f"{FRANDSEN_2025} found no association for the week-to-week ratio."
)
ACWR_CAVEAT: Final = (
    "The acute:chronic ratio is shown as a trend only. It comes from team sports "
    f"({GABBETT_2016}; EWMA form after {WILLIAMS_2017}) and did not predict running injury in "
    f"{FRANDSEN_2025}, where it even showed a negative dose-response."
)
FOSTER_NOTE: Final = (
    f"Monotony and strain follow {FOSTER_1998}: monotony is the mean daily load of a week divided "
    "by its standard deviation, strain is the week's load times monotony. Session RPE is not "
    "recorded here, so minutes of training stand in for the load."
)
AEROBIC_NOTE: Final = (
    "Aerobic minutes count running, walking, hiking, cycling and swimming sessions of at least "
    f"ten minutes, against 150 minutes a week ({SEED_AEROBIC})."
)
CADENCE_NOTE: Final = (
    "Cadence advice is relative to your own: raising the step rate by 5-10% reduced loading at "
    f"the hip and knee in {HEIDERSCHEIT_2011}, where each runner's own cadence was the "
    "starting point; a universal 180 steps/min is not the target."
)
SHOE_NOTE: Final = (
    "Shoe distance is a count, not a verdict: our research notes found no trial behind the "
    f"usual 'replace at 300-500 miles' rule ({SHOE_FOLKLORE})."
)
