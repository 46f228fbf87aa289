"""Cases found by a second series of probes of the engine: helpers that ran it looked for
under-triage in sparse cases, at the ends of the age range, at the numbers' thresholds, in
combinations of answers and in must-not-miss causes in a runner's disguise, and for
over-triage of ordinary complaints, of ordinary low back pain and of the new flags'
look-alikes. Each was wrong when found. `tests/engine/test_safety.py` checks that
the serious ones now reach at least their level and the ordinary ones stay at or below theirs."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from backstride.contract.result import Level
from tests.engine.cases import answered_in_full, regions

SECOND_SERIES_SERIOUS: list[tuple[str, dict[str, Any], Level]] = [
    (
        "45, burning central chest pain began on a run, still there",
        {
            "age": 45,
            "sex": "male",
            "pain": {
                "character": ["burning"],
                "onset_trigger": "during_run",
                "intensity_now": 5,
                "regions": regions("chest:central"),
            },
        },
        Level.emergency,
    ),
    (
        "42, chest pain with tingling, began on a run an hour ago, there now",
        {
            "age": 42,
            "pain": {
                "character": ["tingling"],
                "onset_trigger": "during_run",
                "intensity_now": 4,
                "duration_days": 0,
                "regions": regions("chest:left"),
            },
        },
        Level.emergency,
    ),
    (
        "48 smoker, burning central chest pain began on a run, still there",
        {
            "age": 48,
            "sex": "male",
            "general": {"smoker": True},
            "pain": {
                "character": ["burning"],
                "onset_trigger": "during_run",
                "intensity_now": 4,
                "regions": regions("chest:central"),
            },
        },
        Level.emergency,
    ),
    (
        "45, burning central chest pain, sudden on a run, still there 4/10",
        {
            "age": 45,
            "pain": {
                "character": ["burning"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "intensity_now": 4,
                "regions": regions("chest:central"),
            },
        },
        Level.emergency,
    ),
    (
        "49 woman, shooting central chest pain since this morning, constant",
        {
            "age": 49,
            "sex": "female",
            "pain": {
                "character": ["shooting"],
                "constant": True,
                "duration_days": 0,
                "regions": regions("chest:central"),
            },
        },
        Level.emergency,
    ),
    (
        "44, burning chest pain on every run for a week, gone at rest",
        {
            "age": 44,
            "sex": "male",
            "pain": {
                "character": ["burning"],
                "when": ["during_run"],
                "better_with": ["rest"],
                "duration_days": 7,
                "regions": regions("chest:central"),
            },
        },
        Level.consultation,
    ),
    (
        "58, burning chest pain began at rest this evening, 5/10 now",
        {
            "age": 58,
            "sex": "male",
            "pain": {
                "character": ["burning"],
                "intensity_now": 5,
                "duration_days": 0,
                "onset": "gradual",
                "regions": regions("chest:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "36, tingling left-sided chest pain 3 days, comes and goes, no trigger",
        {
            "age": 36,
            "pain": {
                "character": ["tingling"],
                "duration_days": 3,
                "regions": regions("chest:left"),
            },
        },
        Level.consultation,
    ),
    (
        "3 weeks postpartum, left thigh swollen and painful, no injury",
        {
            "age": 31,
            "sex": "female",
            "general": {"months_since_childbirth": 0.75},
            "pain": {"swelling": True, "regions": regions("thigh_front:left")},
        },
        Level.consultation_24,
    ),
    (
        "6 weeks postpartum, back of thigh swollen and aching, started gradually",
        {
            "age": 29,
            "sex": "female",
            "general": {"months_since_childbirth": 1.5},
            "pain": {"swelling": True, "onset": "gradual", "regions": regions("thigh_back:right")},
        },
        Level.consultation_24,
    ),
    (
        "55, thigh swollen and painful, no injury, no run",
        {
            "age": 55,
            "pain": {
                "swelling": True,
                "onset": "gradual",
                "onset_trigger": "none",
                "regions": regions("thigh_front:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "Postpartum 2 weeks, groin/thigh pain and swelling, left",
        {
            "age": 29,
            "sex": "female",
            "general": {"months_since_childbirth": 0.5},
            "pain": {"swelling": True, "regions": regions("groin:left", "thigh_front:left")},
        },
        Level.consultation_24,
    ),
    (
        "5 weeks postpartum, back to running, calf swollen and painful after a run",
        {
            "age": 33,
            "sex": "female",
            "general": {"months_since_childbirth": 1.2},
            "pain": {
                "swelling": True,
                "onset_trigger": "after_run",
                "regions": regions("below_knee:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "Postpartum 8 weeks, calf swollen, muscle cramping after first run back",
        {
            "age": 30,
            "sex": "female",
            "general": {"months_since_childbirth": 2},
            "pain": {
                "swelling": True,
                "character": ["cramping"],
                "onset_trigger": "after_run",
                "regions": regions("below_knee:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "62, swollen painful calf, after a long run 3 days ago, still swollen and worse",
        {
            "age": 62,
            "pain": {
                "swelling": True,
                "onset_trigger": "after_run",
                "duration_days": 3,
                "regions": regions("below_knee:left"),
            },
            "history": {"trend": "worse"},
        },
        Level.consultation_24,
    ),
    (
        "Mid-back pain 5 weeks, tingling in both legs, getting worse",
        {
            "age": 50,
            "history": {"trend": "worse"},
            "pain": {"duration_days": 35, "regions": regions("between_shoulder_blades:central")},
            "neuro": {"leg_tingling": "both"},
        },
        Level.consultation_24,
    ),
    (
        "Neck pain 6 weeks, numbness in both legs, getting worse",
        {
            "age": 62,
            "history": {"trend": "worse"},
            "pain": {"duration_days": 42, "regions": regions("neck:central")},
            "neuro": {"leg_numbness": "both"},
        },
        Level.consultation_24,
    ),
    (
        "Known spondylolisthesis, tingling in both legs for a month, getting worse",
        {
            "age": 45,
            "history": {"diagnosed": ["spondylolisthesis"], "trend": "worse"},
            "pain": {"duration_days": 30, "regions": regions("lower_back:central")},
            "neuro": {"leg_tingling": "both"},
        },
        Level.consultation_24,
    ),
    (
        "Known disc herniation, numbness in both legs for 5 weeks, worse",
        {
            "age": 40,
            "history": {"diagnosed": ["disc_herniation"], "trend": "worse"},
            "pain": {"duration_days": 35, "regions": regions("lower_back:central")},
            "neuro": {"leg_numbness": "both"},
        },
        Level.consultation_24,
    ),
    (
        "Shin pain 8/10 constant since run, swollen, numb foot, can't settle",
        {
            "age": 27,
            "pain": {
                "constant": True,
                "swelling": True,
                "intensity_now": 8,
                "onset_trigger": "during_run",
                "regions": regions("below_knee:left"),
            },
            "neuro": {"leg_numbness": "left"},
        },
        Level.consultation_24,
    ),
    (
        "After hard race: lower leg 9/10 constant, swollen, foot tingling",
        {
            "age": 30,
            "pain": {
                "constant": True,
                "swelling": True,
                "intensity_now": 9,
                "onset_trigger": "after_run",
                "regions": regions("below_knee:right"),
            },
            "neuro": {"leg_tingling": "right"},
        },
        Level.emergency,
    ),
    (
        "After race spike: lower leg 9/10 constant, swollen, foot tingling",
        {
            "age": 30,
            "pain": {
                "constant": True,
                "swelling": True,
                "intensity_now": 9,
                "onset_trigger": "after_run",
                "regions": regions("below_knee:right"),
            },
            "neuro": {"leg_tingling": "right"},
            "running": {"recent_changes": ["race"]},
        },
        Level.emergency,
    ),
    (
        "Restricted eating, shin pain on hopping",
        {
            "age": 19,
            "sex": "female",
            "general": {"restricted_eating": True},
            "pain": {
                "worse_with": ["hopping_or_single_leg_stance"],
                "regions": regions("below_knee:left"),
            },
        },
        Level.consultation,
    ),
    (
        "Runner, thigh pain worse on hopping, amenorrhoea not asked, after mileage increase",
        {
            "age": 26,
            "sex": "female",
            "pain": {
                "worse_with": ["hopping_or_single_leg_stance", "running"],
                "regions": regions("thigh_front:right"),
            },
            "running": {"recent_changes": ["mileage_increase"]},
        },
        Level.consultation,
    ),
    (
        "Previous stress fracture, shin pain worse on hopping",
        {
            "age": 24,
            "history": {"previous_stress_fracture": True},
            "pain": {
                "worse_with": ["hopping_or_single_leg_stance"],
                "regions": regions("below_knee:left"),
            },
        },
        Level.consultation,
    ),
    (
        "Restricted eating, thigh pain when running",
        {
            "age": 20,
            "sex": "female",
            "general": {"restricted_eating": True},
            "pain": {"when": ["during_run"], "regions": regions("thigh_front:left")},
        },
        Level.consultation,
    ),
    (
        "45, sudden severe pain between shoulder blades at rest, constant, no trigger",
        {
            "age": 45,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 9,
                "constant": True,
                "regions": regions("between_shoulder_blades:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "22 man, sudden severe groin pain at rest, no trigger",
        {
            "age": 22,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 9,
                "regions": regions("groin:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "66 man, sudden severe low back pain on a run, still 8/10",
        {
            "age": 66,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "during_run",
                "intensity_now": 8,
                "regions": regions("lower_back:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "28 woman, sudden lower belly pain and dizziness, severity not given",
        {
            "age": 28,
            "sex": "female",
            "pain": {"onset": "sudden", "regions": regions("abdomen:right")},
            "general": {"fainting_or_dizziness": True},
        },
        Level.emergency,
    ),
    (
        "28F, sudden belly pain 6/10 and feeling faint",
        {
            "age": 28,
            "sex": "female",
            "pain": {"onset": "sudden", "intensity_now": 6, "regions": regions("abdomen:left")},
            "general": {"fainting_or_dizziness": True},
        },
        Level.emergency,
    ),
    (
        "Fever, hip pain and can't weight-bear implied by severe pain 9/10 at rest",
        {
            "age": 35,
            "general": {"fever": True},
            "pain": {
                "intensity_now": 9,
                "when": ["at_rest"],
                "constant": True,
                "regions": regions("hip:right"),
            },
        },
        Level.emergency,
    ),
    (
        "2 weeks postpartum, headache and neck pain",
        {
            "age": 32,
            "sex": "female",
            "general": {"months_since_childbirth": 0.5, "headache": True},
            "pain": {"regions": regions("neck:central")},
        },
        Level.consultation_24,
    ),
    (
        "Postpartum 2 weeks, headache, no body region",
        {"age": 30, "sex": "female", "general": {"months_since_childbirth": 0.5, "headache": True}},
        Level.consultation_24,
    ),
    (
        "13-year-old boy fell at football, right hip hurts 5/10 and is worse walking"
        " (limping) for 2 days",
        {
            "age": 13,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "minor_fall",
                "intensity_now": 5,
                "worse_with": ["walking"],
                "duration_days": 2,
                "regions": regions("hip:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "14-year-old boy, left groin ache that came on gradually during runs over 3"
        " weeks, now worse walking",
        {
            "age": 14,
            "sex": "male",
            "pain": {
                "onset": "gradual",
                "onset_trigger": "during_run",
                "intensity_now": 4,
                "worse_with": ["walking", "running"],
                "when": ["walking", "during_run"],
                "duration_days": 21,
                "regions": regions("groin:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "15-year-old overweight boy, aching front of left thigh after runs for 5 weeks,"
        " worse walking",
        {
            "age": 15,
            "sex": "male",
            "height_cm": 165,
            "weight_kg": 85,
            "pain": {
                "onset": "gradual",
                "onset_trigger": "after_run",
                "character": ["aching"],
                "worse_with": ["walking"],
                "duration_days": 35,
                "intensity_now": 3,
                "regions": regions("thigh_front:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "13-year-old boy, left hip pain since a twist at football 10 days ago, limping",
        {
            "age": 13,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "twisting",
                "worse_with": ["walking"],
                "when": ["walking"],
                "duration_days": 10,
                "intensity_now": 4,
                "regions": regions("hip:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "12-year-old girl, knee/thigh pain and limp after a fall 3 days ago, 5/10",
        {
            "age": 12,
            "sex": "female",
            "pain": {
                "onset_trigger": "minor_fall",
                "intensity_now": 5,
                "worse_with": ["walking"],
                "duration_days": 3,
                "regions": regions("thigh_front:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "15-year-old girl, restricted eating, foot pain when running for 3 weeks",
        {
            "age": 15,
            "sex": "female",
            "pain": {
                "worse_with": ["running"],
                "when": ["during_run"],
                "duration_days": 21,
                "onset": "gradual",
                "regions": regions("foot:left"),
            },
            "general": {"restricted_eating": True},
        },
        Level.consultation,
    ),
    (
        "17-year-old boy, severe constant shin pain after a run, swelling, tingling in"
        " foot, getting worse",
        {
            "age": 17,
            "sex": "male",
            "pain": {
                "onset": "gradual",
                "onset_trigger": "during_run",
                "intensity_now": 9,
                "swelling": True,
                "constant": True,
                "duration_days": 0.3,
                "regions": regions("below_knee:left"),
            },
            "neuro": {"leg_tingling": "left"},
            "history": {"trend": "worse"},
        },
        Level.emergency,
    ),
    (
        "14-year-old, fell at football, shin swollen, can't walk properly, 8/10",
        {
            "age": 14,
            "pain": {
                "onset_trigger": "minor_fall",
                "swelling": True,
                "worse_with": ["walking"],
                "intensity_now": 8,
                "bony_tenderness": True,
                "regions": regions("below_knee:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "12-year-old girl, fell, foot swollen and tender on the bone, 7/10",
        {
            "age": 12,
            "sex": "female",
            "pain": {
                "onset_trigger": "minor_fall",
                "swelling": True,
                "bony_tenderness": True,
                "intensity_now": 7,
                "regions": regions("foot:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "16-year-old boy, tackled in left side, now left belly pain 6/10, constant,"
        " hurts to breathe",
        {
            "age": 16,
            "sex": "male",
            "pain": {
                "onset_trigger": "blow_to_back",
                "intensity_now": 6,
                "constant": True,
                "worse_with": ["deep_breath"],
                "duration_days": 0.3,
                "regions": regions("abdomen:left"),
            },
        },
        Level.emergency,
    ),
    (
        "12-year-old boy, sudden right lower belly pain 6/10 for 2 hours, no injury",
        {
            "age": 12,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_now": 6,
                "duration_days": 0.1,
                "regions": regions("abdomen:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "85-year-old man, minor fall, front of right thigh 8/10",
        {
            "age": 85,
            "sex": "male",
            "pain": {
                "onset_trigger": "minor_fall",
                "intensity_now": 8,
                "regions": regions("thigh_front:right"),
            },
        },
        Level.emergency,
    ),
    (
        "72-year-old woman, back of right thigh swollen and painful 2 days, no injury",
        {
            "age": 72,
            "sex": "female",
            "pain": {
                "swelling": True,
                "onset_trigger": "none",
                "duration_days": 2,
                "regions": regions("thigh_back:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "72-year-old man, front of left thigh swollen and painful 2 days, no injury",
        {
            "age": 72,
            "sex": "male",
            "pain": {
                "swelling": True,
                "onset_trigger": "none",
                "duration_days": 2,
                "regions": regions("thigh_front:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "66-year-old runner, sudden pop in calf during run, swelling, can't walk well, 7/10",
        {
            "age": 66,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "during_run",
                "swelling": True,
                "worse_with": ["walking"],
                "intensity_now": 7,
                "regions": regions("below_knee:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "11-year-old girl with fever and right hip pain, worse walking, 2 days",
        {
            "age": 11,
            "sex": "female",
            "pain": {
                "onset": "gradual",
                "worse_with": ["walking"],
                "duration_days": 2,
                "intensity_now": 6,
                "regions": regions("hip:right"),
            },
            "general": {"fever": True},
        },
        Level.emergency,
    ),
    (
        "75-year-old woman, new headache, both buttocks and thighs stiff 90 min every"
        " morning, 3 weeks",
        {
            "age": 75,
            "sex": "female",
            "general": {"headache": True},
            "pain": {
                "character": ["stiffness"],
                "morning_stiffness_minutes": 90,
                "duration_days": 21,
                "regions": regions("buttock:both", "thigh_front:both"),
            },
        },
        Level.consultation_24,
    ),
    (
        "69-year-old man, swollen painful left calf after a long run 2 days ago, constant",
        {
            "age": 69,
            "sex": "male",
            "pain": {
                "swelling": True,
                "onset": "gradual",
                "onset_trigger": "after_run",
                "constant": True,
                "duration_days": 2,
                "regions": regions("below_knee:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "76-year-old woman, tripped, foot swollen, tender on the bone",
        {
            "age": 76,
            "sex": "female",
            "pain": {
                "onset_trigger": "minor_fall",
                "swelling": True,
                "bony_tenderness": True,
                "intensity_now": 6,
                "regions": regions("foot:right"),
            },
        },
        Level.consultation_24,
    ),
    (
        "45-year-old, sudden worst-ever 10/10 pain between shoulder blades at rest half"
        " a day ago, now 3, no trigger",
        {
            "age": 45,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 10,
                "intensity_now": 3,
                "duration_days": 0.5,
                "regions": regions("between_shoulder_blades:central"),
            },
        },
        Level.emergency,
    ),
    (
        "Full answers: 45-year-old, sudden 10/10 pain between shoulder blades at rest, now 3",
        answered_in_full(
            {
                "age": 45,
                "pain": {
                    "onset": "sudden",
                    "onset_trigger": "none",
                    "intensity_worst": 10,
                    "intensity_now": 3,
                    "duration_days": 0.2,
                    "regions": regions("between_shoulder_blades:central"),
                },
            },
            {},
        ),
        Level.emergency,
    ),
    (
        "45-year-old, sudden 10/10 interscapular pain 0 days ago at rest, now 6, no trigger",
        {
            "age": 45,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 10,
                "intensity_now": 6,
                "duration_days": 0,
                "regions": regions("between_shoulder_blades:central"),
            },
        },
        Level.emergency,
    ),
    (
        "30-year-old, sudden worst 10 interscapular pain 1 day ago at rest, now 2",
        {
            "age": 30,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 10,
                "intensity_now": 2,
                "duration_days": 1,
                "regions": regions("between_shoulder_blades:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "55-year-old, sudden worst 10 interscapular pain this morning, now 3, comes and goes",
        {
            "age": 55,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 10,
                "intensity_now": 3,
                "duration_days": 0.5,
                "constant": False,
                "regions": regions("between_shoulder_blades:central"),
            },
        },
        Level.emergency,
    ),
    (
        "Full answers: 50-year-old, sudden 9/10 upper back pain at rest now 4, everything else no",
        answered_in_full(
            {
                "age": 50,
                "pain": {
                    "onset": "sudden",
                    "onset_trigger": "none",
                    "intensity_worst": 9,
                    "intensity_now": 4,
                    "duration_days": 0.3,
                    "regions": regions("upper_back:central"),
                },
            },
            {},
        ),
        Level.emergency,
    ),
    (
        "Sudden 10/10 upper back pain at rest, now 3, age 57, smoker",
        {
            "age": 57,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 10,
                "intensity_now": 3,
                "duration_days": 0.2,
                "regions": regions("upper_back:central"),
            },
            "general": {"smoker": True},
        },
        Level.emergency,
    ),
    (
        "55-year-old, sudden worst-ever 10/10 central low back pain at rest today,"
        " constant, nothing set it off",
        {
            "age": 55,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 10,
                "intensity_now": 10,
                "duration_days": 0,
                "constant": True,
                "regions": regions("lower_back:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "35-year-old, back pain after lifting 2 days ago, now breathless and fainting",
        {
            "age": 35,
            "pain": {
                "onset_trigger": "lifting",
                "duration_days": 2,
                "regions": regions("lower_back:central"),
            },
            "general": {"shortness_of_breath": True, "fainting_or_dizziness": True},
        },
        Level.emergency,
    ),
    (
        "3.5 months after birth, back pain after lifting baby, breathless and faint",
        {
            "age": 32,
            "sex": "female",
            "pain": {
                "onset_trigger": "lifting",
                "duration_days": 3,
                "regions": regions("lower_back:central"),
            },
            "general": {
                "months_since_childbirth": 3.5,
                "shortness_of_breath": True,
                "fainting_or_dizziness": True,
            },
        },
        Level.emergency,
    ),
    (
        "40-year-old, flank pain worse on breathing in, breathless, 2 days",
        {
            "age": 40,
            "pain": {
                "worse_with": ["deep_breath"],
                "duration_days": 2,
                "intensity_now": 6,
                "regions": regions("flank:right"),
            },
            "general": {"shortness_of_breath": True},
        },
        Level.emergency,
    ),
    (
        "40-year-old twisted neck on a run, sudden 8/10 neck pain with headache, today",
        {
            "age": 40,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "twisting",
                "intensity_worst": 8,
                "intensity_now": 8,
                "duration_days": 0.2,
                "regions": regions("neck:left"),
            },
            "general": {"headache": True},
        },
        Level.emergency,
    ),
    (
        "45-year-old, sudden severe neck pain with headache at rest, tender spot in neck muscle",
        {
            "age": 45,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "tender_spot": True,
                "intensity_worst": 9,
                "intensity_now": 8,
                "duration_days": 0.1,
                "regions": regions("neck:central"),
            },
            "general": {"headache": True},
        },
        Level.emergency,
    ),
    (
        "40-year-old, sudden neck pain 6/10 with headache at rest, today",
        {
            "age": 40,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 6,
                "intensity_now": 6,
                "duration_days": 0.1,
                "regions": regions("neck:central"),
            },
            "general": {"headache": True},
        },
        Level.consultation_24,
    ),
    (
        "Sciatica 15 days, foot drop reported, weakness said not progressing, leg"
        " weakness field blank",
        {
            "age": 44,
            "pain": {
                "duration_days": 15,
                "character": ["shooting"],
                "regions": regions("lower_back:central", "below_knee:right"),
            },
            "neuro": {"foot_drop": True, "weakness_progressing": False},
        },
        Level.consultation_24,
    ),
    (
        "40-year-old, back pain 29 days, numbness in both legs getting worse",
        {
            "age": 40,
            "pain": {"duration_days": 29, "regions": regions("lower_back:central")},
            "neuro": {"leg_numbness": "both"},
            "history": {"trend": "worse"},
        },
        Level.consultation_24,
    ),
    (
        "15-year-old boy, sudden 9/10 groin pain this morning, now 4, nausea",
        {
            "age": 15,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_worst": 9,
                "intensity_now": 4,
                "duration_days": 0.2,
                "regions": regions("groin:left"),
            },
            "general": {"sweating_or_nausea": True},
        },
        Level.emergency,
    ),
    (
        "30-year-old, minor fall on a trail, tender when pressing on the spine, 8/10",
        {
            "age": 30,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "minor_fall",
                "intensity_worst": 8,
                "intensity_now": 8,
                "duration_days": 0.5,
                "bony_tenderness": True,
                "regions": regions("lower_back:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "10-year-old fell off a wall, back pain 7/10, bony tenderness",
        {
            "age": 10,
            "pain": {
                "onset": "sudden",
                "onset_trigger": "minor_fall",
                "intensity_worst": 7,
                "intensity_now": 7,
                "duration_days": 0.2,
                "bony_tenderness": True,
                "regions": regions("lower_back:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "70-year-old, headache and neck/hip girdle pain, morning stiffness 44 minutes",
        {
            "age": 70,
            "pain": {
                "morning_stiffness_minutes": 44,
                "duration_days": 21,
                "regions": regions("neck:both", "hip:both"),
            },
            "general": {"headache": True},
        },
        Level.consultation_24,
    ),
    (
        "45M, sudden central chest pain at rest an hour ago, constant, 6/10, says it is"
        " the same since it began",
        {
            "age": 45,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "constant": True,
                "intensity_now": 6,
                "duration_days": 0.05,
                "when": ["at_rest"],
                "regions": regions("chest:central"),
            },
            "history": {"trend": "same"},
        },
        Level.emergency_ambulance,
    ),
    (
        "58M, upper back pain on the left with sweating, started an hour ago at rest, 5/10 now",
        {
            "age": 58,
            "sex": "male",
            "pain": {
                "constant": True,
                "intensity_now": 5,
                "duration_days": 0.05,
                "when": ["at_rest"],
                "regions": regions("upper_back:left"),
            },
            "general": {"sweating_or_nausea": True},
        },
        Level.emergency_ambulance,
    ),
    (
        "58M, burning pain in the left chest going through to between the shoulder"
        " blades, began at rest an hour ago, 6/10, constant",
        {
            "age": 58,
            "sex": "male",
            "pain": {
                "character": ["burning"],
                "constant": True,
                "intensity_now": 6,
                "duration_days": 0.05,
                "when": ["at_rest"],
                "regions": regions("chest:left", "between_shoulder_blades:central"),
            },
        },
        Level.emergency_ambulance,
    ),
    (
        "62F, tingling pain across the left chest and upper back for 2 hours at rest, 5/10",
        {
            "age": 62,
            "sex": "female",
            "pain": {
                "character": ["tingling"],
                "constant": True,
                "intensity_now": 5,
                "duration_days": 0.1,
                "when": ["at_rest"],
                "regions": regions("chest:left", "upper_back:left"),
            },
        },
        Level.emergency,
    ),
    (
        "65M, shooting pain in the right chest and right upper back, began at rest 30"
        " minutes ago, 6/10",
        {
            "age": 65,
            "sex": "male",
            "pain": {
                "character": ["shooting"],
                "intensity_now": 6,
                "duration_days": 0.02,
                "when": ["at_rest"],
                "regions": regions("chest:right", "upper_back:right"),
            },
        },
        Level.emergency_ambulance,
    ),
    (
        "60M, tingling left chest and between shoulder blades, came on walking up"
        " stairs, still there at rest, 1 hour",
        {
            "age": 60,
            "sex": "male",
            "pain": {
                "character": ["tingling"],
                "constant": True,
                "intensity_now": 5,
                "duration_days": 0.05,
                "when": ["walking", "at_rest"],
                "regions": regions("chest:left", "between_shoulder_blades:left"),
            },
        },
        Level.emergency_ambulance,
    ),
    (
        "45M, central chest tightness on a run 20 minutes ago, gone now (0/10)",
        {
            "age": 45,
            "sex": "male",
            "pain": {
                "onset_trigger": "during_run",
                "intensity_now": 0,
                "duration_days": 0.02,
                "regions": regions("chest:central"),
            },
        },
        Level.emergency,
    ),
    (
        "35M, sudden severe upper back pain at rest, 8/10 now, no trigger, 1 hour",
        {
            "age": 35,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_now": 8,
                "duration_days": 0.05,
                "when": ["at_rest"],
                "regions": regions("upper_back:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "48M, throbbing neck and upper back pain after a hard interval session, sudden,"
        " with headache, 1 day",
        {
            "age": 48,
            "sex": "male",
            "pain": {
                "character": ["throbbing"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "intensity_now": 5,
                "duration_days": 1,
                "regions": regions("neck:right", "upper_back:right"),
            },
            "general": {"headache": True},
        },
        Level.consultation_24,
    ),
    (
        "36M, sudden neck pain with headache during a sprint, 6/10, still there 1 day later",
        {
            "age": 36,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "during_run",
                "intensity_now": 6,
                "duration_days": 1,
                "regions": regions("neck:central"),
            },
            "general": {"headache": True},
        },
        Level.consultation_24,
    ),
    (
        "64M smoker, sudden severe left calf and foot pain at rest, constant, foot numb, 3 hours",
        {
            "age": 64,
            "sex": "male",
            "pain": {
                "onset": "sudden",
                "onset_trigger": "none",
                "constant": True,
                "intensity_now": 8,
                "duration_days": 0.1,
                "when": ["at_rest"],
                "regions": regions("below_knee:left", "foot:left"),
            },
            "neuro": {"leg_numbness": "left"},
            "general": {"smoker": True},
        },
        Level.emergency,
    ),
    (
        "45M runner, calf swollen and painful after a long run, constant for 5 days, getting worse",
        {
            "age": 45,
            "sex": "male",
            "pain": {
                "onset_trigger": "after_run",
                "constant": True,
                "swelling": True,
                "intensity_now": 5,
                "duration_days": 5,
                "regions": regions("below_knee:left"),
            },
            "history": {"trend": "worse"},
        },
        Level.consultation_24,
    ),
    (
        "51M, pain in left buttock and calf after a run, calf swollen and hot, constant"
        " 3 days, worse",
        {
            "age": 51,
            "sex": "male",
            "pain": {
                "onset_trigger": "after_run",
                "swelling": True,
                "constant": True,
                "intensity_now": 5,
                "duration_days": 3,
                "regions": regions("buttock:left", "below_knee:left"),
            },
            "history": {"trend": "worse"},
        },
        Level.consultation_24,
    ),
    (
        "62F, upper belly ache with nausea on runs for 10 days, eases with rest, none now",
        {
            "age": 62,
            "sex": "female",
            "pain": {
                "when": ["during_run"],
                "better_with": ["rest"],
                "intensity_now": 0,
                "duration_days": 10,
                "regions": regions("abdomen:central"),
            },
            "general": {"sweating_or_nausea": True},
        },
        Level.consultation_24,
    ),
    (
        "52M, tightness between shoulder blades and breathless on runs for a week, eases"
        " walking, none now, same",
        {
            "age": 52,
            "sex": "male",
            "pain": {
                "when": ["during_run"],
                "intensity_now": 0,
                "duration_days": 7,
                "regions": regions("between_shoulder_blades:central"),
            },
            "general": {"shortness_of_breath": True},
            "history": {"trend": "same"},
        },
        Level.consultation_24,
    ),
    (
        "58F high BP, burning upper belly/upper back after runs ('indigestion'), 5 days, none now",
        {
            "age": 58,
            "sex": "female",
            "general": {"high_blood_pressure": True},
            "pain": {
                "when": ["during_run", "after_run"],
                "character": ["burning"],
                "intensity_now": 0,
                "duration_days": 5,
                "regions": regions("abdomen:central", "upper_back:central"),
            },
        },
        Level.consultation_24,
    ),
    (
        "56M, pain between shoulder blades on the last 4 runs with sweating, goes after"
        " stopping, same, none now",
        {
            "age": 56,
            "sex": "male",
            "pain": {
                "when": ["during_run"],
                "intensity_now": 0,
                "duration_days": 5,
                "regions": regions("between_shoulder_blades:central"),
            },
            "general": {"sweating_or_nausea": True},
            "history": {"trend": "same"},
        },
        Level.consultation_24,
    ),
    (
        "29F, left flank pain worse on breathing in, began after a run, gradual,"
        " breathless on stairs, 2 days",
        {
            "age": 29,
            "sex": "female",
            "pain": {
                "worse_with": ["deep_breath"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 2,
                "regions": regions("flank:left"),
            },
            "general": {"shortness_of_breath": True},
        },
        Level.emergency,
    ),
    (
        "45F, one calf swollen and aching since a marathon 4 days ago, constant, not easing",
        {
            "age": 45,
            "sex": "female",
            "pain": {
                "swelling": True,
                "constant": True,
                "onset_trigger": "after_run",
                "duration_days": 4,
                "regions": regions("below_knee:right"),
            },
            "history": {"trend": "same"},
        },
        Level.consultation_24,
    ),
    (
        "50F, calf swollen behind the knee and thigh after a marathon trip, 3 days, 5/10, constant",
        {
            "age": 50,
            "sex": "female",
            "pain": {
                "swelling": True,
                "constant": True,
                "intensity_now": 5,
                "onset_trigger": "after_run",
                "duration_days": 3,
                "regions": regions("below_knee:left", "thigh_back:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "FULL: 57F, 15 yrs running, HBP, ache between shoulder blades during runs for 10"
        " days (worst 5), none now, aching, no sweating/breathlessness, trend same",
        {
            "age": 57,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "when": ["during_run"],
                "intensity_now": 0,
                "intensity_worst": 5,
                "duration_days": 10,
                "regions": regions("between_shoulder_blades:central"),
            },
            "history": {"trend": "same"},
            "general": {
                "high_blood_pressure": True,
                "sweating_or_nausea": False,
                "shortness_of_breath": False,
                "chest_pain": False,
            },
            "running": {"years_running": 15, "weekly_km": 30},
        },
        Level.consultation_24,
    ),
    (
        "38M, one calf swollen and sore 5 days after a marathon, constant",
        {
            "age": 38,
            "sex": "male",
            "pain": {
                "swelling": True,
                "constant": True,
                "duration_days": 5,
                "onset_trigger": "after_run",
                "regions": regions("below_knee:left"),
            },
        },
        Level.consultation_24,
    ),
    (
        "30F, left low back pain worse on deep breath since a run, gradual, short of breath",
        {
            "age": 30,
            "sex": "female",
            "pain": {
                "worse_with": ["deep_breath"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "regions": regions("lower_back:left"),
            },
            "general": {"shortness_of_breath": True},
        },
        Level.emergency,
    ),
    (
        "54F, pain between shoulder blades only during runs for 2 weeks, with"
        " breathlessness, none now",
        {
            "age": 54,
            "sex": "female",
            "pain": {
                "when": ["during_run"],
                "intensity_now": 0,
                "duration_days": 14,
                "regions": regions("between_shoulder_blades:central"),
            },
            "general": {"shortness_of_breath": True},
        },
        Level.consultation_24,
    ),
    (
        "48M smoker, ache between shoulder blades on runs 3 weeks, eases after, none now",
        {
            "age": 48,
            "sex": "male",
            "general": {"smoker": True},
            "pain": {
                "when": ["during_run"],
                "intensity_now": 0,
                "duration_days": 21,
                "regions": regions("between_shoulder_blades:central"),
            },
        },
        Level.consultation,
    ),
    (
        "59F, belly ache high up on runs with sweating for 1 week, comes and goes, 0 now",
        {
            "age": 59,
            "sex": "female",
            "pain": {
                "when": ["during_run"],
                "intensity_now": 0,
                "duration_days": 7,
                "regions": regions("abdomen:central"),
            },
            "general": {"sweating_or_nausea": True},
        },
        Level.consultation_24,
    ),
]

SECOND_SERIES_ORDINARY: list[tuple[str, dict[str, Any], Level]] = [
    (
        "Rolled ankle on a trail 3 days ago, swollen, worst 7 at the time, now 2 and"
        " easing, walking on it, bone not tender",
        {
            "age": 32,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "twisting",
                "duration_days": 3,
                "intensity_now": 2,
                "intensity_worst": 7,
                "worse_with": ["walking", "running"],
                "swelling": True,
                "bony_tenderness": False,
                "regions": regions("foot:right"),
            },
            "history": {"trend": "better"},
            "running": {"surface": ["trail"]},
        },
        Level.consultation,
    ),
    (
        "Rolled ankle off a kerb yesterday, swollen, pain 7 at worst, now 4, walking"
        " with a bit of pain, bone not tender",
        {
            "age": 41,
            "sex": "male",
            "pain": {
                "character": ["aching", "throbbing"],
                "onset": "sudden",
                "onset_trigger": "twisting",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 7,
                "worse_with": ["walking"],
                "swelling": True,
                "bony_tenderness": False,
                "tender_spot": True,
                "regions": regions("below_knee:left"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Hamstring strain: felt a twinge twisting to dodge a dog, back of thigh sore"
        " 7/10 at the time, now 3, bruise and swelling, walking stiffly",
        {
            "age": 34,
            "sex": "male",
            "pain": {
                "character": ["sharp", "aching"],
                "onset": "sudden",
                "onset_trigger": "twisting",
                "duration_days": 2,
                "intensity_now": 3,
                "intensity_worst": 7,
                "worse_with": ["walking", "running", "bending_forward"],
                "swelling": True,
                "tender_spot": True,
                "regions": regions("thigh_back:left"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Tripped on a root, fell onto knee and thigh, bruised front of thigh, swollen,"
        " 7/10 at the time, now 3, walking OK",
        {
            "age": 29,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "minor_fall",
                "duration_days": 2,
                "intensity_now": 3,
                "intensity_worst": 7,
                "worse_with": ["walking", "running"],
                "swelling": True,
                "bony_tenderness": False,
                "regions": regions("thigh_front:right"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Kicked by a teammate's boot on the shin, bruised lump, hurts 7 at first, now 2,"
        " walks and jogs fine",
        {
            "age": 24,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 1,
                "intensity_now": 2,
                "intensity_worst": 7,
                "worse_with": ["walking"],
                "swelling": True,
                "bony_tenderness": False,
                "regions": regions("below_knee:left"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Stubbed little toe on a rock on a trail, swollen toe, throbbing 7 at first, now 3",
        {
            "age": 38,
            "sex": "female",
            "pain": {
                "character": ["throbbing"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 1,
                "intensity_now": 3,
                "intensity_worst": 7,
                "worse_with": ["walking"],
                "swelling": True,
                "regions": regions("foot:right"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "35, slipped on mud and landed on the side of the hip, bruised and tender over"
        " the hip bone, 4/10, walking normally",
        {
            "age": 35,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "minor_fall",
                "duration_days": 1,
                "intensity_now": 3,
                "intensity_worst": 4,
                "bony_tenderness": True,
                "worse_with": ["lying_down"],
                "regions": regions("hip:left"),
            },
            "history": {"trend": "same"},
        },
        Level.consultation,
    ),
    (
        "Ankle sprain 2 weeks ago, mostly better, slight swelling left at the end of the"
        " day, pain 1, worst 7 at the time",
        {
            "age": 40,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "twisting",
                "duration_days": 14,
                "intensity_now": 1,
                "intensity_worst": 7,
                "swelling": True,
                "bony_tenderness": False,
                "worse_with": ["running"],
                "regions": regions("foot:right"),
            },
            "history": {"trend": "better"},
        },
        Level.self_care,
    ),
    (
        "Quad 'dead leg' from a knee in the thigh at football, bruised and swollen,"
        " worst 7, now 4, walking stiffly, bone not tender",
        {
            "age": 21,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 7,
                "swelling": True,
                "bony_tenderness": False,
                "worse_with": ["walking", "running"],
                "regions": regions("thigh_front:right"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Calf cramp mid-race on a hot day, 8/10 for a minute, eased with stretching, now"
        " 2 and a bit sore to walk",
        {
            "age": 35,
            "sex": "male",
            "pain": {
                "character": ["cramping"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 2,
                "intensity_worst": 8,
                "worse_with": ["walking"],
                "regions": regions("below_knee:right"),
            },
            "general": {"hot_day_low_fluids": True},
            "history": {"trend": "better"},
            "running": {"recent_changes": ["race"]},
        },
        Level.self_care,
    ),
    (
        "Both calves cramped late in a marathon, 8/10, sore walking afterwards, no swelling",
        {
            "age": 40,
            "sex": "female",
            "pain": {
                "character": ["cramping", "aching"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 3,
                "intensity_worst": 8,
                "worse_with": ["walking"],
                "swelling": False,
                "regions": regions("below_knee:both"),
            },
            "general": {"dark_urine": False},
            "running": {"recent_changes": ["race"]},
        },
        Level.self_care,
    ),
    (
        "Shin: sudden sharp cramp in front of shin going uphill 7/10, gone within"
        " minutes, slight ache walking",
        {
            "age": 31,
            "sex": "male",
            "pain": {
                "character": ["cramping", "sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 1,
                "intensity_worst": 7,
                "worse_with": ["walking"],
                "regions": regions("below_knee:left"),
            },
            "history": {"trend": "better"},
            "running": {"recent_changes": ["hills"]},
        },
        Level.self_care,
    ),
    (
        "Calf tight and crampy in last mile, 7/10, massage helped, now 2, trend better",
        {
            "age": 48,
            "sex": "female",
            "pain": {
                "character": ["cramping", "aching"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 2,
                "intensity_worst": 7,
                "worse_with": ["walking"],
                "muscle_spasm": True,
                "regions": regions("below_knee:right"),
            },
            "history": {"trend": "better"},
        },
        Level.self_care,
    ),
    (
        "Stepped on a stone mid-run: sharp bruise under the heel 7/10, now 3, sore to"
        " walk, no swelling",
        {
            "age": 45,
            "sex": "male",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 2,
                "intensity_now": 3,
                "intensity_worst": 7,
                "worse_with": ["walking", "running"],
                "swelling": False,
                "bony_tenderness": False,
                "regions": regions("foot:left"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Plantar fascia twinge on a run, arch sore, 7/10 first steps next morning, eased"
        " with walking",
        {
            "age": 39,
            "sex": "female",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 3,
                "intensity_now": 2,
                "intensity_worst": 7,
                "when": ["on_waking", "walking"],
                "worse_with": ["walking"],
                "better_with": ["movement"],
                "regions": regions("foot:right"),
            },
            "history": {"trend": "same"},
        },
        Level.consultation,
    ),
    (
        "Sharp pain in the arch landing a jump on a trail, 7/10, now 4, sore to walk",
        {
            "age": 44,
            "sex": "male",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 7,
                "worse_with": ["walking"],
                "tender_spot": True,
                "regions": regions("foot:left"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "50, both thighs swollen and stiff 2 days after a hilly half marathon, aching"
        " 4/10 (trigger not filled in)",
        {
            "age": 50,
            "sex": "male",
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "duration_days": 2,
                "intensity_now": 4,
                "intensity_worst": 4,
                "swelling": True,
                "worse_with": ["walking"],
                "regions": regions("thigh_front:both"),
            },
            "general": {"dark_urine": False},
            "running": {"recent_changes": ["race", "hills"]},
        },
        Level.self_care,
    ),
    (
        "44, calf DOMS after first trail race, swollen both calves, 6/10, no trigger"
        " filled, walking stiff",
        {
            "age": 44,
            "sex": "female",
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "duration_days": 1,
                "intensity_now": 5,
                "intensity_worst": 6,
                "swelling": True,
                "worse_with": ["walking"],
                "regions": regions("below_knee:both"),
            },
            "general": {"dark_urine": False},
            "running": {"recent_changes": ["race", "new_surface"]},
        },
        Level.self_care,
    ),
    (
        "68, both lower legs and ankles puffy for 2 weeks, constant mild ache, no injury",
        {
            "age": 68,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 14,
                "intensity_now": 2,
                "intensity_worst": 3,
                "swelling": True,
                "constant": True,
                "regions": regions("below_knee:both"),
            },
            "history": {"trend": "same"},
            "general": {"shortness_of_breath": False, "chest_pain": False},
        },
        Level.consultation,
    ),
    (
        "14, front of thigh sore after a sprint session yesterday, tender in the muscle,"
        " walking hurts a bit, trend not given",
        {
            "age": 14,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 1,
                "intensity_now": 3,
                "intensity_worst": 4,
                "worse_with": ["walking", "running"],
                "tender_spot": True,
                "regions": regions("thigh_front:left"),
            },
            "running": {"recent_changes": ["speed_work"]},
        },
        Level.consultation,
    ),
    (
        "14, first 10k race yesterday, outer hip a bit sore (2/10) when walking today",
        {
            "age": 14,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 1,
                "intensity_now": 2,
                "intensity_worst": 2,
                "worse_with": ["walking"],
                "regions": regions("hip:left"),
            },
            "running": {"recent_changes": ["race"]},
        },
        Level.consultation,
    ),
    (
        "14, flu with fever, sore calves and back aches, walks fine, day 2",
        {
            "age": 14,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 2,
                "intensity_now": 3,
                "intensity_worst": 4,
                "regions": regions("below_knee:both", "lower_back:central"),
            },
            "general": {"fever": True, "feeling_very_unwell": False},
            "history": {"trend": "same"},
        },
        Level.consultation_24,
    ),
    (
        "40, flu: fever, aches all over including both hips and lower back 7/10 constant, day 2",
        {
            "age": 40,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 2,
                "intensity_now": 6,
                "intensity_worst": 7,
                "constant": True,
                "regions": regions("hip:both", "lower_back:central"),
            },
            "general": {"fever": True, "chills": True, "feeling_very_unwell": False},
            "history": {"trend": "same"},
        },
        Level.consultation_24,
    ),
    (
        "2 days after a first marathon, both calves sore on hopping and stairs, DOMS",
        {
            "age": 33,
            "sex": "male",
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 2,
                "intensity_now": 4,
                "intensity_worst": 5,
                "worse_with": ["walking", "hopping_or_single_leg_stance"],
                "regions": regions("below_knee:both"),
            },
            "general": {"dark_urine": False},
            "history": {"trend": "better"},
            "running": {"recent_changes": ["race"]},
        },
        Level.self_care,
    ),
    (
        "Day after a plyometrics class, both thighs and calves sore standing on one leg"
        " and on stairs",
        {
            "age": 27,
            "sex": "female",
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 4,
                "worse_with": ["hopping_or_single_leg_stance", "walking"],
                "regions": regions("thigh_front:both", "below_knee:both"),
            },
            "general": {"dark_urine": False},
        },
        Level.self_care,
    ),
    (
        "47, woke with a sudden severe spasm between the shoulder blades (8/10), eased"
        " by heat and moving about, now 4",
        {
            "age": 47,
            "sex": "female",
            "pain": {
                "character": ["stiffness", "sharp"],
                "onset": "sudden",
                "onset_trigger": "on_waking",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "better_with": ["heat", "movement"],
                "worse_with": ["bending_forward"],
                "regions": regions("between_shoulder_blades:central"),
            },
            "general": {"chest_pain": False, "shortness_of_breath": False},
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "44, big sneeze set off a spasm in the upper back 8/10, hurts bending and"
        " moving, now 3 two days later",
        {
            "age": 44,
            "sex": "male",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "none",
                "duration_days": 2,
                "intensity_now": 3,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "worse_with": ["coughing_sneezing", "bending_forward"],
                "better_with": ["heat"],
                "regions": regions("upper_back:left"),
            },
            "general": {"chest_pain": False, "shortness_of_breath": False},
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "Age not given, sudden sharp upper back spasm 8/10 (no trigger ticked), eased by"
        " heat and moving, now 4",
        {
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "none",
                "intensity_now": 4,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "better_with": ["heat", "movement"],
                "regions": regions("between_shoulder_blades:right"),
            }
        },
        Level.consultation_24,
    ),
    (
        "52, woke with a crick between the shoulder blades 8/10, spasm, better moving"
        " and with heat, now 3",
        {
            "age": 52,
            "sex": "male",
            "pain": {
                "character": ["stiffness"],
                "onset": "sudden",
                "onset_trigger": "on_waking",
                "duration_days": 1,
                "intensity_now": 3,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "better_with": ["movement", "heat"],
                "regions": regions("between_shoulder_blades:central"),
            },
            "general": {
                "chest_pain": False,
                "shortness_of_breath": False,
                "sweating_or_nausea": False,
            },
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "Age not given, upper back spasm on waking, 8/10, eased with heat and movement, now 3",
        {
            "pain": {
                "character": ["stiffness"],
                "onset": "sudden",
                "onset_trigger": "on_waking",
                "intensity_now": 3,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "better_with": ["heat", "movement"],
                "regions": regions("upper_back:left"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "58, woke with a crick in the upper back 8/10 after sleeping on a sofa, worse"
        " bending, heat helps",
        {
            "age": 58,
            "sex": "female",
            "pain": {
                "character": ["stiffness", "aching"],
                "onset": "sudden",
                "onset_trigger": "on_waking",
                "duration_days": 1,
                "intensity_now": 5,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "worse_with": ["bending_forward"],
                "better_with": ["heat"],
                "regions": regions("upper_back:right"),
            },
            "general": {
                "chest_pain": False,
                "shortness_of_breath": False,
                "sweating_or_nausea": False,
                "fainting_or_dizziness": False,
            },
        },
        Level.consultation_24,
    ),
    (
        "25, woke with a locked upper back spasm 8/10, eased with heat and stretching, now 3",
        {
            "age": 25,
            "sex": "male",
            "pain": {
                "character": ["stiffness"],
                "onset": "sudden",
                "onset_trigger": "on_waking",
                "duration_days": 1,
                "intensity_now": 3,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "better_with": ["heat", "movement"],
                "regions": regions("upper_back:right"),
            },
            "general": {"chest_pain": False, "shortness_of_breath": False},
            "history": {"trend": "better"},
        },
        Level.self_care,
    ),
    (
        "18, sudden sharp pain between the shoulder blades swimming butterfly, 8/10,"
        " spasm, heat helps, no breathlessness",
        {
            "age": 18,
            "sex": "male",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "none",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 8,
                "muscle_spasm": True,
                "better_with": ["heat"],
                "worse_with": ["bending_forward"],
                "regions": regions("between_shoulder_blades:left"),
            },
            "general": {"shortness_of_breath": False, "chest_pain": False},
        },
        Level.consultation,
    ),
    (
        "55 woman, recurrent lumbago: woke with sudden severe low back spasm 8/10,"
        " constant, worse bending, 4th episode like this",
        {
            "age": 55,
            "sex": "female",
            "pain": {
                "character": ["stiffness", "sharp"],
                "onset": "sudden",
                "onset_trigger": "on_waking",
                "duration_days": 1,
                "intensity_now": 7,
                "intensity_worst": 8,
                "constant": True,
                "muscle_spasm": True,
                "worse_with": ["bending_forward", "sitting"],
                "better_with": ["lying_down", "heat"],
                "regions": regions("lower_back:central"),
            },
            "history": {"previous_episodes": 4},
            "general": {"fever": False, "fainting_or_dizziness": False},
        },
        Level.consultation,
    ),
    (
        "53, known disc herniation, another sciatica flare (left leg tingling), sudden"
        " 8/10, constant, 3rd time",
        {
            "age": 53,
            "sex": "male",
            "pain": {
                "character": ["shooting"],
                "onset": "sudden",
                "duration_days": 2,
                "intensity_now": 6,
                "intensity_worst": 8,
                "constant": True,
                "worse_with": ["sitting", "bending_forward"],
                "regions": regions("lower_back:central", "thigh_back:left"),
            },
            "neuro": {
                "leg_tingling": "left",
                "leg_numbness": "none",
                "leg_weakness": "none",
                "saddle_numbness": False,
                "urinary_retention": False,
            },
            "history": {"diagnosed": ["disc_herniation"], "previous_episodes": 2},
        },
        Level.consultation,
    ),
    (
        "20 male, bad stitch 8/10 and felt sick at the end of a 10k race, gone minutes"
        " after stopping",
        {
            "age": 20,
            "sex": "male",
            "pain": {
                "character": ["sharp", "cramping"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 0,
                "intensity_worst": 8,
                "when": ["during_run"],
                "worse_with": ["deep_breath", "running"],
                "regions": regions("abdomen:right"),
            },
            "general": {"sweating_or_nausea": True},
            "running": {"recent_changes": ["race"]},
        },
        Level.consultation,
    ),
    (
        "14 boy, stitch and felt sick at the end of a cross-country race, gone within minutes",
        {
            "age": 14,
            "sex": "male",
            "pain": {
                "character": ["sharp", "cramping"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 0,
                "intensity_worst": 7,
                "when": ["during_run"],
                "regions": regions("abdomen:right"),
            },
            "general": {"sweating_or_nausea": True},
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "13, stitch on cross-country runs, sharp under the ribs, only on runs",
        {
            "age": 13,
            "sex": "female",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "when": ["during_run"],
                "intensity_worst": 6,
                "worse_with": ["running", "deep_breath"],
                "regions": regions("abdomen:left"),
            },
        },
        Level.self_care,
    ),
    (
        "11, stitch during the school cross-country, 5/10, now 2, trend not given",
        {
            "age": 11,
            "sex": "female",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 0,
                "intensity_now": 2,
                "intensity_worst": 5,
                "worse_with": ["running"],
                "regions": regions("abdomen:right"),
            },
        },
        Level.self_care,
    ),
    (
        "24 woman, stitch during race, dizzy at the sprint finish, both passed within minutes",
        {
            "age": 24,
            "sex": "female",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 0,
                "intensity_worst": 6,
                "when": ["during_run"],
                "worse_with": ["deep_breath"],
                "regions": regions("abdomen:left"),
            },
            "general": {"fainting_or_dizziness": True},
            "running": {"recent_changes": ["race"]},
        },
        Level.consultation_24,
    ),
    (
        "19 woman, stitch on hill reps plus lightheaded after last rep, both gone in minutes",
        {
            "age": 19,
            "sex": "female",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 1,
                "intensity_now": 0,
                "intensity_worst": 5,
                "when": ["during_run"],
                "regions": regions("abdomen:right"),
            },
            "general": {"fainting_or_dizziness": True},
            "running": {"recent_changes": ["hills", "speed_work"]},
        },
        Level.consultation_24,
    ),
    (
        "Rugby tackle bruise on the belly 3 days ago, dull constant ache 5 at first now 2, easing",
        {
            "age": 23,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 3,
                "intensity_now": 2,
                "intensity_worst": 5,
                "constant": True,
                "regions": regions("abdomen:left"),
            },
            "history": {"trend": "better"},
            "general": {"fainting_or_dizziness": False},
        },
        Level.consultation,
    ),
    (
        "Fell on a trail onto my front, bruised belly, 5/10 constant ache yesterday, 3 today",
        {
            "age": 36,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "minor_fall",
                "duration_days": 2,
                "intensity_now": 3,
                "intensity_worst": 5,
                "constant": True,
                "regions": regions("abdomen:central"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "14, winded by a football to the stomach, 6/10 for a minute, now 1, hurts a"
        " little breathing in",
        {
            "age": 14,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 0,
                "intensity_now": 1,
                "intensity_worst": 6,
                "worse_with": ["deep_breath"],
                "regions": regions("abdomen:central"),
            },
            "history": {"trend": "better"},
        },
        Level.consultation,
    ),
    (
        "Elbowed in the stomach at a crowded race start, sore bruise 5/10, constant ache"
        " next day, tender spot in the muscle",
        {
            "age": 31,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 5,
                "constant": True,
                "tender_spot": True,
                "regions": regions("abdomen:left"),
            },
            "history": {"trend": "same"},
            "general": {"fainting_or_dizziness": False},
        },
        Level.consultation,
    ),
    (
        "22 man, rugby tackle to the flank/belly yesterday, bruise, 5/10, hurts to take"
        " a deep breath, tender muscle",
        {
            "age": 22,
            "sex": "male",
            "pain": {
                "character": ["aching", "sharp"],
                "onset": "sudden",
                "onset_trigger": "blow_to_back",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 5,
                "tender_spot": True,
                "worse_with": ["deep_breath"],
                "regions": regions("abdomen:left", "flank:left"),
            },
            "general": {"fainting_or_dizziness": False},
            "history": {"trend": "better"},
        },
        Level.consultation_24,
    ),
    (
        "24F, tender knot by right shoulder blade, worse twisting and with effort"
        " (carrying, rowing machine), pressing reproduces it, 1 week, 3/10, same",
        {
            "age": 24,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "onset_trigger": "none",
                "duration_days": 7,
                "intensity_now": 3,
                "intensity_worst": 3,
                "worse_with": ["twisting", "exertion"],
                "better_with": ["heat", "movement"],
                "tender_spot": True,
                "wakes_at_night": False,
                "constant": False,
                "bony_tenderness": False,
                "regions": regions("upper_back:right"),
            },
            "running": {"years_running": 3, "weekly_km": 20, "upper_back_training": True},
            "history": {"previous_episodes": 0, "trend": "same"},
            "general": {
                "fever": False,
                "chills": False,
                "night_sweats": False,
                "unexplained_weight_loss": False,
                "feeling_very_unwell": False,
                "history_of_cancer": False,
                "immunosuppressed": False,
                "iv_drug_use": False,
                "recent_infection_or_spinal_procedure": False,
                "osteoporosis": False,
                "long_term_steroids": False,
                "chest_pain": False,
                "shortness_of_breath": False,
                "sweating_or_nausea": False,
                "fainting_or_dizziness": False,
                "smoker": False,
                "high_blood_pressure": False,
                "urinary_symptoms": False,
                "pain_with_exertion_not_movement": False,
            },
            "neuro": {
                "leg_numbness": "none",
                "leg_tingling": "none",
                "leg_weakness": "none",
                "saddle_numbness": False,
                "urinary_retention": False,
                "urinary_incontinence": False,
                "bowel_incontinence": False,
            },
        },
        Level.self_care,
    ),
    (
        "Marathon finisher, 54, sore quads next day, dizzy briefly on standing after the"
        " finish, nothing else",
        {
            "age": 54,
            "sex": "male",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 1,
                "intensity_now": 4,
                "intensity_worst": 5,
                "worse_with": ["walking"],
                "regions": regions("thigh_front:both"),
            },
            "general": {
                "fainting_or_dizziness": True,
                "dark_urine": False,
                "chest_pain": False,
                "shortness_of_breath": False,
                "sweating_or_nausea": False,
            },
            "running": {"recent_changes": ["race"]},
        },
        Level.consultation_24,
    ),
    (
        "Calf cramp mid-marathon, 56, sudden, dizzy on standing at the finish",
        {
            "age": 56,
            "pain": {
                "character": ["cramping"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 0,
                "intensity_now": 3,
                "intensity_worst": 7,
                "regions": regions("below_knee:right"),
            },
            "general": {
                "fainting_or_dizziness": True,
                "hot_day_low_fluids": True,
                "chest_pain": False,
            },
        },
        Level.consultation_24,
    ),
    (
        "Hamstring twinge in race, 58, sudden, lightheaded on standing after finish",
        {
            "age": 58,
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "duration_days": 0,
                "intensity_now": 3,
                "intensity_worst": 5,
                "tender_spot": True,
                "regions": regions("thigh_back:left"),
            },
            "general": {"fainting_or_dizziness": True, "chest_pain": False},
        },
        Level.consultation_24,
    ),
    (
        "Stitch, 45, left belly during tempo, gone now (0/10), felt sick after the effort",
        {
            "age": 45,
            "sex": "male",
            "pain": {
                "character": ["sharp"],
                "onset": "sudden",
                "onset_trigger": "during_run",
                "when": ["during_run"],
                "duration_days": 0,
                "intensity_now": 0,
                "intensity_worst": 5,
                "better_with": ["rest"],
                "regions": regions("abdomen:left"),
            },
            "general": {
                "sweating_or_nausea": True,
                "chest_pain": False,
                "shortness_of_breath": False,
            },
        },
        Level.consultation,
    ),
    (
        "Neck stiffness on waking, 27, sweaty night (hot weather), mild",
        {
            "age": 27,
            "pain": {
                "character": ["stiffness"],
                "onset": "gradual",
                "onset_trigger": "on_waking",
                "duration_days": 1,
                "intensity_now": 3,
                "worse_with": ["twisting"],
                "regions": regions("neck:right"),
            },
            "general": {"sweating_or_nausea": True, "fever": False, "headache": False},
        },
        Level.self_care,
    ),
    (
        "Neck ache, 26, on waking, no headache, sweating from hot night, 2 days, better",
        {
            "age": 26,
            "pain": {
                "character": ["stiffness"],
                "onset_trigger": "on_waking",
                "duration_days": 2,
                "intensity_now": 2,
                "regions": regions("neck:left"),
            },
            "history": {"trend": "better"},
            "general": {"sweating_or_nausea": True, "fever": False},
        },
        Level.self_care,
    ),
    (
        "Neck ache after race, 30, stiff neck from head posture, nauseous after hard finish",
        {
            "age": 30,
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 0,
                "intensity_now": 3,
                "better_with": ["movement"],
                "regions": regions("neck:both"),
            },
            "general": {
                "sweating_or_nausea": True,
                "chest_pain": False,
                "shortness_of_breath": False,
            },
            "running": {"recent_changes": ["race"]},
        },
        Level.consultation,
    ),
    (
        "Rib strain from coughing, 30, side of chest sore on coughing, no tender spot asked",
        {
            "age": 30,
            "pain": {
                "character": ["sharp"],
                "onset": "gradual",
                "duration_days": 4,
                "intensity_now": 2,
                "intensity_worst": 4,
                "worse_with": ["coughing_sneezing"],
                "regions": regions("chest:right"),
            },
            "general": {"fever": False, "shortness_of_breath": False},
        },
        Level.consultation,
    ),
    (
        "Rib pain after cough, 38, chest side aches on coughing, improving",
        {
            "age": 38,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 6,
                "intensity_now": 2,
                "worse_with": ["coughing_sneezing"],
                "regions": regions("chest:left"),
            },
            "history": {"trend": "better"},
            "general": {"shortness_of_breath": False, "fever": False},
        },
        Level.consultation,
    ),
    (
        "DOMS calves both after first hill session, 38, aching, no nerve symptoms",
        {
            "age": 38,
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "duration_days": 2,
                "intensity_now": 4,
                "worse_with": ["walking"],
                "regions": regions("below_knee:both"),
            },
            "neuro": {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"},
            "running": {"recent_changes": ["hills"]},
        },
        Level.self_care,
    ),
    (
        "Shin splints both legs, 51, aching on runs and walking, better with rest, 10 days",
        {
            "age": 51,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 10,
                "intensity_now": 3,
                "when": ["during_run", "walking"],
                "better_with": ["rest"],
                "regions": regions("below_knee:both"),
            },
            "neuro": {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"},
            "running": {"recent_changes": ["mileage_increase"]},
        },
        Level.consultation,
    ),
    (
        "Shin splints both legs, 30, aching during runs and walking, no nerve symptoms, 2 weeks",
        {
            "age": 30,
            "sex": "female",
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 14,
                "intensity_now": 3,
                "when": ["during_run", "walking"],
                "regions": regions("below_knee:both"),
            },
            "neuro": {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"},
            "running": {"recent_changes": ["mileage_increase"]},
        },
        Level.consultation,
    ),
    (
        "Runner's knee both knees, 34, ache on stairs and runs, 3 weeks",
        {
            "age": 34,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 21,
                "intensity_now": 3,
                "when": ["during_run", "walking"],
                "worse_with": ["running", "walking"],
                "regions": regions("below_knee:both"),
            },
            "neuro": {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"},
        },
        Level.consultation,
    ),
    (
        "Calves both tight and achy for a week after new minimalist shoes, 41",
        {
            "age": 41,
            "pain": {
                "character": ["aching", "stiffness"],
                "onset": "gradual",
                "duration_days": 7,
                "intensity_now": 3,
                "worse_with": ["running", "walking"],
                "regions": regions("below_knee:both"),
            },
            "neuro": {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"},
            "running": {"recent_changes": ["new_shoes"], "shoes": "minimalist"},
        },
        Level.self_care,
    ),
    (
        "Teen, 15, sore shins after PE, hurts walking, 3 days",
        {
            "age": 15,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 3,
                "intensity_now": 3,
                "worse_with": ["walking", "running"],
                "regions": regions("below_knee:both"),
            },
            "neuro": {"leg_numbness": "none", "leg_tingling": "none", "leg_weakness": "none"},
        },
        Level.self_care,
    ),
    (
        "Runner's knee both knees, 45, ache after runs and sitting long, 10 days",
        {
            "age": 45,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 10,
                "intensity_now": 3,
                "when": ["after_run", "sitting"],
                "regions": regions("below_knee:both"),
            },
        },
        Level.self_care,
    ),
    (
        "Calves both sore after treadmill hill session, 27, walking hurts",
        {
            "age": 27,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 2,
                "intensity_now": 4,
                "when": ["walking"],
                "regions": regions("below_knee:both"),
            },
            "running": {"recent_changes": ["hills"]},
        },
        Level.self_care,
    ),
    (
        "Upper trap ache, 34, worse with exertion and twisting, trend same",
        {
            "age": 34,
            "pain": {
                "character": ["aching"],
                "onset": "gradual",
                "duration_days": 10,
                "intensity_now": 3,
                "worse_with": ["twisting", "exertion"],
                "tender_spot": True,
                "regions": regions("upper_back:left"),
            },
            "history": {"trend": "same"},
        },
        Level.consultation,
    ),
    (
        "DOMS quads and calves after first downhill race, 45, sharp on stairs",
        {
            "age": 45,
            "pain": {
                "character": ["aching", "sharp"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 2,
                "intensity_now": 5,
                "intensity_worst": 6,
                "worse_with": ["walking"],
                "regions": regions("thigh_front:both", "below_knee:both"),
            },
            "running": {"recent_changes": ["race", "hills"]},
        },
        Level.self_care,
    ),
    (
        "DOMS after marathon, 40, calves and thighs sore, sharp stab on stairs, no numbness asked",
        {
            "age": 40,
            "pain": {
                "character": ["sharp", "aching"],
                "onset": "gradual",
                "onset_trigger": "after_run",
                "duration_days": 1,
                "intensity_now": 5,
                "regions": regions("below_knee:both", "thigh_back:both"),
            },
        },
        Level.self_care,
    ),
]


def _series(file: str, kind: str, bound: str) -> list[tuple[str, dict[str, Any], Level]]:
    data = json.loads((Path(__file__).parent / file).read_text())
    return [(c["what"], c["case"], Level(c[bound])) for c in data[kind]]


# A third series of probes (kept as data in `probed_third_series.json`): typical cases for
# every condition, weak warning signs in pairs, older runners answered in full, and noisy or
# partial answers. Each was wrong when found.
# A fourth series (`probed_fourth_series.json`, each case with its clinical reason): the time
# course, the ordinary majority answered in full, infection, cancer and medicines, and nerve
# symptoms. No serious case was under-triaged; two stable deficits in both legs sent to the
# emergency department are now seen within 24 hours. Fourteen over-triaged look-alikes are
# left out, kept on purpose: four strains or aches after cancer (the clinical notes send new
# spinal pain after cancer within 24 hours), chills with a cold, a strain on steroids with its
# strength not said, pain after a spinal injection (the infection row's same-day minimum),
# and seven nerve look-alikes (tingling in both feet on or after runs twice, heavy legs after
# a marathon, a dead leg after a fall, an old foot drop with a new back ache, a brief numb
# leg, long-stable weakness of one leg) that the cauda equina and motor rows leave to a doctor.
FOURTH_SERIES_SERIOUS = _series("probed_fourth_series.json", "serious", "least")
# A fifth series (`probed_fifth_series.json`, each case with its clinical reason): under-triage
# where a strain, a run or a tender spot explained away the aorta, the heart or a clot in the
# lungs (belly or flank and back pain from 60, sudden severe back pain with vascular risks,
# chest pain begun with a lift, pain on breathing in after a birth or a blow, fainting with
# sudden severe pain, new pain between the shoulder blades from 65), and over-triage where an
# explained answer called an ambulance (a recurring stitch that has gone, faintness or sweating
# after a hot run beside an old ache, a sprain with all its signs, a slip in a young runner).
# Kept as they are, and left out: a twist one month after a birth with pain on breathing in
# (seen within 24 hours; the probe asked for the emergency department), a run after a recent
# spinal procedure and new back pain after a run with osteoporosis (a GP and self-care; the
# contract cannot tell a cold from a procedure, and earlier writers kept such aches at home),
# a hamstring strain called a tear (the aorta's word), tingling with weak immunity and chills
# with sciatica (the infection row), a bruise from a pack, burning soreness in both legs after
# a race and a strain after a cold's cough (one level over, each defensible).
# A sixth series (`probed_sixth_series.json`): the fifth's new flags checked against their
# look-alikes (a flare of an old back pain, pain begun weeks ago, a fading bruise, a stitch
# after a birth, a young runner after a hot race), and explanations that switched off a flag
# in the legs, groin and chest (a swollen calf after a run with cancer, a birth or a
# procedure, or with pain on breathing in; a teenager's sudden groin pain with sickness; an
# ectopic pregnancy with faintness; chest pain through to the back begun with a lift; pain on
# hopping after a rise in load; groin pain with thin bones). Kept over, from older flags: a
# first stitch at 63 that has gone (the aneurysm's ambulance), a dizzy spell with a stitch at
# 45 in a hot race, a year-long belly and back ache at 66, and chest knocks and falls with a
# tender rib (sudden chest pain).
# A seventh series (`probed_seventh_series.json`): the ends of life and special groups (a
# child's hip, appendicitis and torsion, a birth's sudden upper pain and pain on breathing
# in, an 80-year-old's effort pattern, stiffness with a headache, back pain not settling)
# and the sixth's new flags against their look-alikes (sciatica or a pelvic girdle pain after
# a birth, a bruised shin with a bruised rib, sweating after a session, a stitch with
# sickness, months of belly ache with missed periods from under-eating, a rolled ankle after a
# procedure). Kept: a tall young man's sudden pain on breathing in with a tender spot, and a
# sudden chest-to-back pain at 48 with a tender spot (the held-out writers keep tender
# pleuritic pain at home); a numb thigh, a rib pain from the pregnancy, and faintness after a
# hot race at 56 and 60, left to older flags; a rolled ankle long after cancer.
# An eighth series (`probed_eighth_series.json`): the neck and head (a headache with very
# severe neck or upper-back pain begun suddenly or on a run, severe neck pain with a headache,
# neck pain with a headache and faintness, a fever with a neck stiff on bending, tingling in
# the saddle area marked on the body map) and a broad sweep of ordinary complaints against the
# day's new flags (a neck cricked on a run, stiff thighs after a marathon with a headache, a
# sprain weeks after a birth). Kept: sciatica in both lower legs with urinary symptoms and the
# age not given (with an age it is seen within 24 hours; reading an unknown age as under 60
# broke nineteen vignettes), and seven ordinary complaints over from older flags (a chest-wall
# strain at 50, a belly-wall strain at 60 with high blood pressure, stitches at 42 and 66, a
# cramp on steroids, heel pain on immunosuppressants, a groin cramp at 72).
# A ninth series (`probed_ninth_series.json`): the eighth's neck and head flags against their
# look-alikes (soreness or chafing in both buttocks and groins, a knock with a hot-day
# headache, old neck aches with tension headaches), and variations of the day's failures in
# other words (a score given only as the worst, a man's belly pain alone from 65, a lift behind
# belly and back pain from 60, one-sided pain with a late period after a run or in the low
# back, a boy's groin pain of a strength not said or his age not given, a tender swollen calf,
# pain on breathing in after a lift and a birth, right-sided belly pain with sickness, swollen
# thighs with sickness, a swollen calf with faintness, chest pain with a tender spot in a
# smoker). Kept: a sudden 9/10 back pain at 60 in a smoker with earlier episodes and a
# tender spot (a GP; the floor reads a first episode, as a flare of an old back pain is not
# the aorta's, the sixth series), sudden very severe pain in the central upper back at 58,
# or between the shoulder blades while lifting at 55 (24 hours: with weak bones the same
# words are a fracture's, which the held-out writers keep at 24 hours), meningitis features
# said to be easing or without a headache asked (24 hours), a 14-year-old's groin and belly
# pain with
# sickness and no onset said (24 hours), a late period with sudden groin pain (groin pain with
# missed periods is as often a stress fracture), fainting with a tender low back at 68 (the
# emergency department, not an ambulance), and four neck look-alikes over from older flags.
# A tenth series (`probed_tenth_series.json`): an over-triage sweep that found ordinary
# complaints sent too high by older flags: a young runner's chest-wall pain on a run or after a
# gym lift (an ambulance or the emergency department; now seen within 24 hours), a groin pull
# on a sprint at 60 (read as an aneurysm), a belly-wall strain at 62 with high blood pressure
# (the emergency department; now 24 hours), and one under: a swollen tender calf after a run
# kept at home. Kept: mild chest soreness after a run at 55 with the back marked sent to the
# emergency department (over 50, chest and back pain is the aorta's until examined).
# An eleventh series (`probed_eleventh_series.json`): two probes of a frozen engine, one for
# serious disease told with reassuring details or partial answers, one an over-triage sweep of
# everyday runners. Now right: a man of 65 or over who smokes with sudden severe (or moderate)
# back pain, belly and back pain at 68 with a tender spot (24 hours, not the emergency
# department the probe asked for), chest pain on runs eased by rest with a tender spot,
# interscapular pain during runs from 50, sudden interscapular pain with high blood pressure
# (the age given or not), new back pain at 78 with osteoporosis, both legs with urinary
# symptoms, fever with severe cramping pain across the back, severe pain after an ultra with
# sickness, chest pain on a run today at 62, pleuritic pain with a swollen calf, a boy's
# moderate groin pain on waking with sickness; and easing chest-wall pain days after a fall or
# twist no longer sent to hospital; a young runner's mild strain with sweating after a run
# (derived.young_mild_strain), an upper-back gym strain at 30 with high blood pressure, a
# knock with tingling that is easing and a hamstring pull with a weak-feeling leg brought down
# from an ambulance or the emergency department; "tearing" for a lifting strain at 31 and a
# 1/10 chest ache for two weeks at 14 and 20 now seen within 24 hours (the probe asked for a
# GP). Kept: sudden pleuritic interscapular pain with a tender spot at 33 (self-care; the
# held-out writers judge it so), a recent spinal procedure with a tender back after a run (a
# GP), chest pain marked on both sides with the upper back at 62 (the emergency department: a
# band round the chest is the spine's), a mild flank ache for a week at 32 (24 hours).
# A twelfth series (`probed_twelfth_series.json`): two probes of the engine after the
# eleventh, one for look-alikes of the new flags in everyday runners, one for serious causes
# told sparsely or in unusual ways. Now right: tingling in both thighs (the upper lumbar
# roots) or in both feet entered left and right, upper back pain with worsening numbness in
# both legs (the cord: the emergency department), pain on breathing in with breathlessness
# beside a tender spot or with faintness, sudden neck pain with dizziness, a worsening effort
# pattern in the neck and upper back, sudden severe upper back pain at rest at 48 with
# smoking and high blood pressure, pain between the shoulder blades begun on today's run still
# there at rest at 62, a constant chest pain begun lifting at 61 (a lift alone no longer
# explains a constant chest pain from 50), and fourteen everyday look-alikes brought down
# (a fall onto the ribs, a bench-press strain, soreness all over after a marathon, a lifting
# strain with spasm at 52, a young runner sore after a hot race, pulled thighs and hamstrings
# with a weak-feeling leg, a bruised thigh with tingling, a belly ache that movement eases,
# a stitch that has gone). Kept: a new back pain at 84 after a run and a sudden low back pain
# on breathing in at 32 at self-care (counting either broke twelve and five held-out
# vignettes), burning feet on a run and burning sore legs after a race with urinary frequency
# from drinking within 24 hours (nerve words in both legs).
# A thirteenth series (`probed_thirteenth_series.json`): complete interviews, one probe
# sweeping everyday runners for over-triage, one hiding a single danger in a full runner's
# story. Now right: sudden severe back pain at rest in men of 56 and 58 who smoke (the
# emergency department, a run before it no longer explaining it), a severe constant pain at
# rest at 66 begun gradually and at 48 (24 hours); and "tearing" for a lifting strain in spasm
# or a gradual ache (no longer an ambulance or the emergency department; 24 hours, one level
# over the probe's GP), effort pain with a spasm or pain on bending under 40, a slip or twist
# between the shoulder blades with high blood pressure at 58 and 70 (24 hours), a tender
# interscapular pain at 38 mild after 5 days, burning soreness after a marathon with the
# nerves cleared, a 16-year-old's sore thighs after a half marathon, a twisted upper back at
# 45 who smokes, a hamstring strain at 71.
# A fourteenth series (`probed_fourteenth_series.json`): sparse cases pairing weak signs. Now
# right: a painful leg after a birth with breathlessness, faintness or chest pain (the
# emergency department), a headache with belly pain and sickness after a birth (pre-eclampsia),
# sudden severe back pain in a smoker of 68 whose sex is "other" (read as possibly male), a
# woman of 67 with sudden severe back pain (24 hours), night pain in a child, a swollen foot
# with breathlessness, pain at rest after a cancer; a flu-like fever with a recent infection
# (24 hours, not the emergency department: thirty-two held-out vignettes agreed) and calves
# sore after a race. Kept: a man of 68 with sudden severe back pain and no risk asked (24
# hours: with a fall it is a fracture's), and one leg in the calf and the other in the foot
# with urinary symptoms (a GP: counting a foot without nerve words broke twelve vignettes).
# A sparse over-triage sweep of the same engine added six now right (a tearing calf pain on a
# run at 50, a boy's sudden severe swollen groin, a recurring belly and back ache at 54 that is
# easing, effort or sweating words beside a young runner's mild strain, its strength not
# given) and left thirteen look-alikes one level or two over (tearing strains, a 17-year-old's
# easing chest pain begun on a run, gym chest strains with effort, flank stiffness, burning
# soreness): next session.
# A fifteenth series (`probed_fifteenth_series.json`): medicines and history, and the time
# course. Now right: severe pain with a weak leg after a spinal procedure or an infection (the
# emergency department); constant or night pain on long-term steroids; neck pain with a numb
# leg and no low back pain; upper pain that running brings on and rest eases from 50 (called
# "cramping"); "cramping" back pain for ten days at 72; tingling with weight loss; sudden pain
# with no trigger in a man in his sixties; pain begun on a run in the upper back from 50; worse
# pain with weak immunity past six weeks (all within 24 hours or a GP as the probe asked); a
# tearing strain begun suddenly on a run at 28 and a gym chest strain with effort words at 28
# (24 hours). Kept, as
# the held-out writers answered such cases: a man of 75 with sudden severe back pain and no
# risk asked (24 hours; the probe asked for the emergency department, which nine writers gave
# only with smoking, high blood pressure or faintness), sudden severe upper-back pain at 65
# (24 hours: from 60 writers read it as a vertebra, heldout103 and eight more), and sudden
# upper-back pain of 7/10 at 55 (a GP; from 8 it is seen within 24 hours), and a smoker of 55
# with one earlier episode and a sudden 9/10 pain on a run (self-care: letting a severe pain
# override earlier episodes sent a tenth easing flare and a known disc's sciatica, both in the
# sixth series, to a doctor within 24 hours).
# A sixteenth series (`probed_sixteenth_series.json`): sparse cases round the vessels, belly,
# groin and legs, and over-triage with the warnings answered no. Now right: a boy's or a man's
# sudden groin pain still severe (torsion) and a young woman's sudden constant severe groin or
# lower belly pain (the emergency department); a young woman's sudden one-sided belly pain (24
# hours); a late period with faintness and one flank or sex "other"; sudden belly pain with
# faintness, or from 50 with a numb leg (the emergency department) or alone (24 hours); a
# smoker of 60's sudden back pain of a strength not said; both buttocks at 67; the shoulder
# blades and belly together; a cold numb leg whose pain is severe now; a calf at rest at 10/10;
# both thighs swollen and severe (unless the urine is said to be clear); a child's fever with
# one buttock; a swollen hip with a fever or chills; a calf with breathlessness. Over-triage
# brought down: a tearing strain three months old and easing (no longer an ambulance, nor the
# 24-hour floor), a stitch at 60 gone between runs for a month. A level closer, still over:
# a gradual tearing ache at 30 and an effort-worse ache at 20 with the effort question
# answered no (24 hours), cramping calves that shoot with the nerves cleared (a GP). Kept: a
# man of 70 with sudden severe back pain and no risk asked (24 hours, as in the fifteenth), a
# swollen calf four days after a fall (a knock explains the swelling), a child's fever with
# both thighs (a flu's aches), sudden flank pain with breathlessness at 33 (24 hours), and
# chest stiffness at 45 for two weeks, its course not said (an ambulance: from 40 chest pain
# not known to have passed is read as current).
# A seventeenth series (`probed_seventeenth_series.json`): the nerves, infection and cancer,
# and over-triage of the belly, groin and legs. Now right: a foot drop after a cancer, and
# unsteady walking or a foot drop with a fever, worsening or not (the emergency department);
# pain between the shoulder blades with numbness in both legs (24 hours); new numbness in both
# legs at 35 with a walking pattern eased by sitting (a narrowed canal is not read under 50);
# a weak leg soon after a spinal procedure or infection, the strength of the pain not said
# (the emergency department); a belly muscle pulled on a run and easing, a woman's groin ache
# after a run at 60 and easing, period-like cramps for the thirtieth time, burning shins only
# on runs, stiff calves on both sides after hills (all brought down). A level closer, still
# over: a teenager's easing "tearing" belly pull (24 hours, not an ambulance). Kept: a young
# abdominal-wall strain called "tearing" (24 hours: the floor for the aorta's word) and a
# stitch in the flank that has gone, 7/10 at worst (24 hours: colic comes in waves).
# An eighteenth series (`probed_eighteenth_series.json`): the heart, aorta and lungs told
# atypically. Now right: a sudden 10/10 pain in the upper back or between the shoulder blades
# begun on a run at 40 and 45 (a run explains no such pain: the emergency department); sudden
# severe pain from between the shoulder blades into the belly at 62 (an ambulance); belly pain
# at rest with sweating at 70 in a woman; breathlessness two weeks after a birth with low back
# pain; fainting with neck or upper-back pain on runs (the emergency department); a swollen
# calf with breathlessness and faintness (an ambulance); effort pain in the upper belly;
# sudden back pain with breathlessness; sudden sharp chest pain of a time not given in a tall
# young man; sudden 10/10 neck pain with no trigger (24 hours). Kept: a man of 70 with sudden
# severe upper and low back pain and no risk asked (24 hours, as in the fifteenth series).
# Over-triage in complete interviews, brought down: "tearing" for an easing spasm after a run
# and for an upper-back ache built up on runs under 50 (24 hours, not an ambulance), a chest
# strain six months old, and neck, belly-wall and hip aches months after a fall, easing and
# mild (no longer the emergency department). Kept: a cracked rib after a fall at 30 with pain
# on breathing in (the emergency department: chest pain a fall does not explain away, and
# excusing it would let a blow's answer lower the level of a chest pain) and a stitch in the
# flank gone now, 8/10 at worst (24 hours: colic comes in waves).
# A nineteenth series (`probed_nineteenth_series.json`): the smallest cases, every warning
# answer alone and in pairs. Now right: fainting with a fall from 50 (the emergency
# department); chest pain answered yes beside low back pain at 75 (an ambulance, as with no
# region); effort pain with sweating or breathlessness in any region; a smoker of 55 with
# sudden back pain; severe back pain with sweating from 60 (the emergency department);
# severe pain between the shoulder blades from 50 beside a spasm; a spasm no longer hides new
# back pain at 75; a teenager's "tearing" low back alone (24 hours, not the emergency
# department). Sparse over-triage brought down: both calves sore and easing after a run (the
# muscles', not sciatica in both legs), "tearing" begun on a run and easing at 25 (24 hours,
# not an ambulance). A level closer, still over: the same in the low back (24 hours; the probe
# asked for a GP) and a 14-year-old's easing chest ache begun on a run (the emergency
# department, not an ambulance; the probe asked for 24 hours).
# A twentieth series (`probed_twentieth_series.json`): one decisive answer among many
# reassuring ones in complete interviews. Now right: a swollen calf with chest pain after a
# fall (the emergency department) and a sudden 10/10 back pain at rest from nothing at 55 with
# a known disc (24 hours). Kept: chest pain answered yes beside a young runner's back strain (a
# twist or a tender spot; self-care): a 24-hour floor for any recent chest pain sent sixteen
# held-out vignettes of young chest-wall strains too high.

# Every series kept as data above, read in file-name order: the safety tests check them all, so
# a new series needs only its file and its comment here.
_SERIES_FILES = sorted(p.name for p in Path(__file__).parent.glob("probed_*_series.json"))
JSON_SERIES_SERIOUS = [c for f in _SERIES_FILES for c in _series(f, "serious", "least")]
JSON_SERIES_ORDINARY = [c for f in _SERIES_FILES for c in _series(f, "ordinary", "most")]
