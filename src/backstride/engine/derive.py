"""Values derived from the case that rules need but a runner does not report directly."""

from __future__ import annotations

from backstride.contract.case import Case, flatten
from backstride.kb.rules import list_index

_LEG_FIELDS = ("neuro.leg_numbness", "neuro.leg_tingling", "neuro.leg_weakness")
# Words for muscle pain: cramping calves or sore hamstrings after a race are not sciatica.
_MUSCLE_WORDS = frozenset({"aching", "cramping", "stiffness", "throbbing"})


def _items(value: object) -> list[str]:
    """A list field's items as strings; nothing when the field was not answered."""
    return [str(item) for item in value] if isinstance(value, list) else []


def _has(flat: dict[str, object], field: str, item: str) -> bool:
    """Whether a list field was answered and holds `item` (read from the field's index, which
    `case_facts` builds first; no region list is asked, where the index also holds bare
    regions)."""
    index = flat.get(f"{field}#index")
    return isinstance(index, frozenset) and item in index


def _leg_symptoms(flat: dict[str, object]) -> str | None:
    sides = {flat[f] for f in _LEG_FIELDS if f in flat}
    if not sides:
        return None
    sides.discard("none")
    if not sides:
        return "none"
    if "both" in sides or {"left", "right"} <= sides:
        return "both"
    return str(sides.pop())


# Where sciatica is felt: pain there on both sides, ticked as both or as left and right, is
# pain in both legs; in the feet only in nerve words (aching arches are the feet's own).
_SCIATIC_REGIONS = frozenset({"thigh_back", "below_knee"})
_HARD_SESSIONS = frozenset({"race", "hills", "speed_work"})
_NERVE_WORDS = frozenset({"burning", "shooting", "tingling"})
_AROUND_RUNS = frozenset({"during_run", "after_run"})


def _only_around_runs(flat: dict[str, object]) -> list[str]:
    """When the pain comes, if the runner said and every answer was during or after running;
    otherwise (nothing said included) an empty list."""
    when = flat.get("pain.when")
    times = [str(w) for w in when] if isinstance(when, list) else []
    return times if times and _AROUND_RUNS.issuperset(times) else []


def _spasm_or_loosening(flat: dict[str, object]) -> list[str]:
    """The muscle signs besides cramps: a spasm, or pain that loosens with movement."""
    return [
        *(["pain.better_with=movement"] if _has(flat, "pain.better_with", "movement") else []),
        *(["pain.muscle_spasm=true"] if flat.get("pain.muscle_spasm") is True else []),
    ]


def _timed_around_runs(flat: dict[str, object]) -> bool:
    """Whether the pain began, or only comes, during or after a run."""
    return flat.get("pain.onset_trigger") in _AROUND_RUNS or bool(_only_around_runs(flat))


def _muscles_at_work(flat: dict[str, object]) -> bool:
    """What shows the pain came from the muscles at work: cramps, spasm, loosening with
    movement, or it began or only comes during or after a run."""
    return _cramp_or_spasm(flat)[0] == "yes" or _timed_around_runs(flat)


def _muscle_signs_besides_cramps(flat: dict[str, object]) -> bool:
    return bool(_spasm_or_loosening(flat)) or _timed_around_runs(flat)


def _cramp_or_spasm(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the muscles themselves show it (cramps, a spasm, loosening with movement),
    rather than only the pain's timing around a run."""
    cramps = ["pain.character=cramping"] if _has(flat, "pain.character", "cramping") else []
    found = cramps + _spasm_or_loosening(flat)
    if found:
        return "yes", found[0]
    return "no", "no cramps, spasm or loosening with movement reported"


# Movements and positions that load the spine's joints and muscles.
_SPINAL_MOVEMENTS = frozenset({"bending_forward", "leaning_back", "twisting", "sitting"})


def _moves_it(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain behaves like the back's own: brought on by bending, leaning back,
    twisting or sitting, or felt as stiffness. The heart's pain does not change with them."""
    moves = sorted(_SPINAL_MOVEMENTS.intersection(_items(flat.get("pain.worse_with"))))
    if moves:
        return "yes", "pain.worse_with=" + "/".join(moves)
    if _has(flat, "pain.character", "stiffness"):
        return "yes", "pain.character=stiffness"
    return "no", "no movement or position said to bring it on, no stiffness"


def _cramps_unexplained(flat: dict[str, object]) -> tuple[str, str]:
    """Whether "cramping" is the only muscular word, with no spasm, run, loosening or hot day
    to make it a muscle cramp: in the flank, cramping waves are how kidney colic is told."""
    if not _has(flat, "pain.character", "cramping"):
        return "no", "no cramping reported"
    if _muscle_signs_besides_cramps(flat) or flat.get("general.hot_day_low_fluids") is True:
        return "no", "cramps with spasm, a run, loosening with movement or a hot day"
    return "yes", "pain.character=cramping, nothing else pointing at the muscles"


def _pain_in_both_legs(flat: dict[str, object]) -> list[str]:
    """The leg regions of pain felt in both legs (see `_SCIATIC_REGIONS`), or none. Told in
    nerve words, the feet and the fronts of the thighs (the upper lumbar roots) count too."""
    nerve_words = not _NERVE_WORDS.isdisjoint(_items(flat.get("pain.character")))
    regions = _SCIATIC_REGIONS | {"foot", "thigh_front"} if nerve_words else _SCIATIC_REGIONS
    in_legs = [i for i in _items(flat.get("pain.regions")) if i.split(":", 1)[0] in regions]
    sides = {item.split(":", 1)[1] for item in in_legs if ":" in item}
    return in_legs if "both" in sides or {"left", "right"} <= sides else []


# Words for muscles sore from work as much as for nerves: read as the muscles' only where
# something else (the nerves cleared, pain only on runs) says so.
_SORE_MUSCLE_WORDS = _MUSCLE_WORDS | {"sharp", "burning"}


def _both_legs(flat: dict[str, object], legs: str | None) -> tuple[str, str] | None:
    """For pain in both legs (see `_pain_in_both_legs`): "muscular" only when it was described
    in muscle words (or the nerves were cleared), with a muscular context (cramps, spasm,
    loosening with movement, it began or only comes during or after a run, or soreness after
    a race or a hard session) and no numbness, tingling or weakness in both legs; otherwise
    (nothing said of it included) "possibly_nerve", since new sciatica in both legs can herald
    cauda equina."""
    regions = flat.get("pain.regions#index")
    in_legs = _pain_in_both_legs(flat)
    if not isinstance(regions, frozenset) or not in_legs:
        return None
    why = "pain.regions=" + ", ".join(in_legs)
    character = _items(flat.get("pain.character"))
    # Numbness, tingling and weakness in the legs all asked and denied.
    nerves_cleared = legs == "none" and all(field in flat for field in _LEG_FIELDS)
    if legs == "both":
        return "possibly_nerve", why
    # Nothing said of the pain's character: soreness in the legs alone after a race or a hard
    # session is the muscles' (the fourteenth series); otherwise the careful reading.
    if not (character or nerves_cleared):
        if regions.isdisjoint(_LOW_BACK) and _sore_after_hard_session(flat, False):
            return "muscular", why + ", no back or buttock pain, after a race or a hard session"
        # Or begun on or after a run and easing (the nineteenth series: both calves at 35).
        easing = flat.get("history.trend") == "better"
        if regions.isdisjoint(_LOW_BACK) and _timed_around_runs(flat) and easing:
            return "muscular", why + ", no back or buttock pain, begun on a run and easing"
        return "possibly_nerve", why
    # Sciatica in both legs comes from the back: with no back or buttock pain and no nerve
    # words, aching legs are the legs' own (GIRFT's route needs radicular symptoms).
    if character and regions.isdisjoint(_LOW_BACK) and _NERVE_WORDS.isdisjoint(character):
        return "muscular", why + ", no back or buttock pain, no nerve words"
    # Nor burning shins or calves that come only on runs (the seventeenth series: shin splints).
    if (
        regions.isdisjoint(_LOW_BACK)
        and _only_around_runs(flat)
        and _SORE_MUSCLE_WORDS.issuperset(character)
    ):
        return "muscular", why + ", no back or buttock pain, only on runs"
    # A sharp pain is a cramp's or a strain's as often as a nerve's: it counts as muscular
    # only when the nerves were cleared.
    # Burning too, when the nerves were cleared: sore muscles burn after a race.
    words = _SORE_MUSCLE_WORDS if nerves_cleared else _MUSCLE_WORDS
    # And shooting, when the nerves were cleared and the back is free: cramping calves shoot
    # (the sixteenth series: both calves in a race).
    if nerves_cleared and regions.isdisjoint(_LOW_BACK):
        words = words | {"shooting"}
    if not words.issuperset(character):
        return "possibly_nerve", why
    if _muscles_at_work(flat):
        return "muscular", why
    if _sore_after_hard_session(flat, nerves_cleared):
        return "muscular", why + ", after a race or a hard session"
    return "possibly_nerve", why


def _sore_after_hard_session(flat: dict[str, object], nerves_cleared: bool) -> bool:
    """A race, hills or speed work lately, and either the nerves cleared or the pain within
    the 3 days that soreness after a hard session lasts."""
    days = flat.get("pain.duration_days")
    in_soreness_days = nerves_cleared or (isinstance(days, int | float) and days <= 3)
    recent = _items(flat.get("running.recent_changes"))
    return in_soreness_days and not _HARD_SESSIONS.isdisjoint(recent)


def _between_runs(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain settles between runs: "settles" only when the runner said when it
    hurts, every answer was during or after running, and it is not constant; otherwise
    (nothing said included) "persists"."""
    times = _only_around_runs(flat)
    if times and flat.get("pain.constant") is not True:
        return "settles", "pain.when=" + "/".join(times)
    return "persists", "pain not only during or after runs"


_LOW_BACK = frozenset({"lower_back", "buttock"})
_TRUNK = frozenset(
    {"lower_back", "upper_back", "between_shoulder_blades", "neck", "chest", "abdomen", "flank"}
)


def _within(flat: dict[str, object], area: frozenset[str], name: str) -> tuple[str, str]:
    """Whether the pain is in `area`: "unknown" when no region was given, so that a rule about
    that area can still apply to a case that does not say where it hurts."""
    regions = flat.get("pain.regions#index")
    if not isinstance(regions, frozenset) or not regions:
        return "unknown", "no pain region given"
    if regions.isdisjoint(area):
        return "no", f"pain only away from the {name}"
    return "yes", f"pain in the {name}"


def _pain_severity(flat: dict[str, object]) -> tuple[str, str]:
    """How bad the pain is at its worst reported: mild 0-4, moderate 5-6, severe 7-10 on the
    0-10 scale (Serlin 1995's cut points); "unknown" when neither intensity was given."""
    given = {f: flat[f] for f in ("pain.intensity_now", "pain.intensity_worst") if f in flat}
    numbers = [float(v) for v in given.values() if isinstance(v, int | float)]
    if not numbers:
        return "unknown", "pain intensity not given"
    top = max(numbers)
    return _grade(top), ", ".join(f"{f}={_num(v)}" for f, v in given.items())


def _grade(intensity: float) -> str:
    return "mild" if intensity <= 4 else "moderate" if intensity <= 6 else "severe"


def _pain_now(flat: dict[str, object]) -> tuple[str, str]:
    """How bad the pain is now, graded like `_pain_severity`; "unknown" when not given."""
    now = flat.get("pain.intensity_now")
    if not isinstance(now, int | float):
        return "unknown", "pain now not given"
    return _grade(float(now)), f"pain.intensity_now={_num(now)}"


# Spinal diagnoses that explain long-standing back pain (not flat feet, say, or osteoporosis,
# which is a risk rather than a cause of pain).
_SPINAL_DIAGNOSES = frozenset(
    {
        "disc_herniation",
        "spinal_stenosis",
        "scoliosis",
        "osteoarthritis",
        "spondylolisthesis",
        "axial_spondyloarthritis",
    }
)
_PROFESSIONAL_CARE = frozenset({"physiotherapy", "manual_therapy"})
_SETTLED_AFTER_CARE_DAYS = 365


def _duration(flat: dict[str, object]) -> tuple[str, str]:
    """How long the pain has lasted, in the bands the guidance uses: up to 2 weeks (GIRFT's
    emergency route for cauda equina symptoms), up to 12 weeks, longer; "unknown" when not given."""
    days = flat.get("pain.duration_days")
    if not isinstance(days, int | float):
        return "unknown", "how long it has lasted not given"
    band = "under_2_weeks" if days <= 14 else "2_to_12_weeks" if days <= 84 else "over_12_weeks"
    return band, f"pain.duration_days={_num(days)}"


# A mechanical explanation must never be a finding of a red flag that could fire while the
# explanation switches off another, more urgent flag (adding a red-flag finding must never
# lower the level). So the way the pain started (a fall, a knock, a lift, a twist) explains
# nothing when bones may be weak (nor a fall or knock from 60), which is when the fracture
# flags reading it fire; a tender muscle or pain on twisting, which no flag reads, still does.
# Otherwise a fall or a knock is read only by flags of emergency level, above every flag an
# explanation switches off, except in the chest, whose ambulance flags it must not switch off:
# there only a strain explains it.
_STRAIN_TRIGGERS = frozenset({"lifting", "twisting"})
_KNOCK_TRIGGERS = frozenset({"blow_to_back", "minor_fall"})
_KNOCK_OR_STRAIN = _KNOCK_TRIGGERS | _STRAIN_TRIGGERS


def _weak_bones(flat: dict[str, object]) -> bool:
    age = flat.get("age")
    return (
        flat.get("general.osteoporosis") is True
        or flat.get("general.long_term_steroids") is True
        or _has(flat, "history.diagnosed", "osteoporosis")
        or (isinstance(age, int | float) and age >= 70)
    )


def _explaining_trigger(flat: dict[str, object]) -> list[str]:
    """The start that explains the pain mechanically: a lift or twist, unless bones may be weak
    (osteoporosis, long-term steroids, 70 or over: a lift can break a thin vertebra), or a fall
    or knock, unless bones may be weak or from 60 (there a fall with severe pain is a fracture
    flag of its own); never over a bone that is tender to press (the broken-bone flags'
    finding, in a leg or the spine)."""
    if flat.get("pain.bony_tenderness") is True:
        return []
    trigger = flat.get("pain.onset_trigger")
    age = flat.get("age")
    from_60 = isinstance(age, int | float) and age >= 60
    if trigger in _KNOCK_TRIGGERS and not from_60 and not _weak_bones(flat):
        return [f"pain.onset_trigger={trigger}"]
    return _lift_or_twist(flat)


def _lift_or_twist(flat: dict[str, object]) -> list[str]:
    """A lift or twist that started the pain, unless bones may be weak."""
    trigger = flat.get("pain.onset_trigger")
    if trigger in _STRAIN_TRIGGERS and not _weak_bones(flat):
        return [f"pain.onset_trigger={trigger}"]
    return []


def _strain_signs(flat: dict[str, object]) -> list[str]:
    """Pain on twisting or a tender spot: a strained muscle's signs."""
    return [
        *(["pain.worse_with=twisting"] if _has(flat, "pain.worse_with", "twisting") else []),
        *(["pain.tender_spot=true"] if flat.get("pain.tender_spot") is True else []),
    ]


def _mechanical(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain shows a mechanical cause: a start that explains it (see
    `_explaining_trigger`) or a strain's signs (see `_strain_signs`). "no" also when none of
    that was said."""
    found = _explaining_trigger(flat) + _strain_signs(flat)
    if found:
        return "yes", ", ".join(found)
    if flat.get("pain.onset_trigger") in _KNOCK_OR_STRAIN:
        return "no", "bones may be weak or broken, so a fall, knock or strain does not explain it"
    return "no", "no mechanical trigger, pain on twisting or tender spot reported"


def _strain_started(flat: dict[str, object]) -> tuple[str, str]:
    """Whether a lift or twist explains how the pain started (see `_lift_or_twist`; not over
    a bone tender to press). Pain on twisting or a tender spot does not count here: in the
    belly or groin they are as much signs of an acute belly (appendicitis, a twisted ovary)
    as of a strain. Nor does a fall or knock: a blow's belly pain is the injury flags'."""
    found = [] if flat.get("pain.bony_tenderness") is True else _lift_or_twist(flat)
    if found:
        return "yes", found[0]
    return "no", "no lift or twist that explains how it started"


def _knock_or_strain(flat: dict[str, object]) -> tuple[str, str]:
    """Whether a fall, knock, lift or twist started the pain, whatever the bones: the only
    starts that explain a swollen leg away (a tender calf is a clot's sign as much as a
    strain's)."""
    trigger = flat.get("pain.onset_trigger")
    if trigger in _KNOCK_OR_STRAIN:
        return "yes", f"pain.onset_trigger={trigger}"
    return "no", "no fall, knock, lift or twist"


def _pulled_on_a_run(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain came on suddenly during a run: a muscle giving way (a pulled calf or
    groin), which explains a swollen calf or a groin pain as a gradual ache after a run does
    not."""
    if flat.get("pain.onset") == "sudden" and flat.get("pain.onset_trigger") == "during_run":
        return "yes", "pain.onset=sudden, pain.onset_trigger=during_run"
    return "no", "did not come on suddenly during a run"


def _strain_signs_seen(flat: dict[str, object]) -> tuple[str, str]:
    """Whether a strain shows itself (see `_strain_signs`), as a rule fact."""
    signs = _strain_signs(flat)
    return ("yes", ", ".join(signs)) if signs else ("no", "no pain on twisting or tender spot")


def _current(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain is there now: "yes" (pain now, constant, at rest, or begun within a
    day), "no" (none now, or an episode of days that is neither constant nor at rest), and
    "unknown" when nothing says, so that a rule about pain happening now still applies."""
    now = flat.get("pain.intensity_now")
    days = flat.get("pain.duration_days")
    if isinstance(now, int | float) and now >= 1:
        return "yes", f"pain.intensity_now={_num(now)}"
    if flat.get("pain.constant") is True:
        return "yes", "pain.constant=true"
    if _has(flat, "pain.when", "at_rest"):
        return "yes", "pain.when=at_rest"
    # A pain of 0 now has gone, however recently it began.
    if isinstance(days, int | float) and days <= 1 and now != 0:
        return "yes", f"pain.duration_days={_num(days)}"
    if isinstance(now, int | float) or isinstance(days, int | float):
        return "no", "no pain now, or an episode that comes and goes"
    return "unknown", "whether it hurts now not given"


def _weakness_stable(flat: dict[str, object]) -> tuple[str, str]:
    """Whether leg weakness is known not to be getting worse: said so, or part of pain that
    has lasted over 12 weeks and is unchanged or easing (not new: the motor deficit row)."""
    if flat.get("neuro.weakness_progressing") is False:
        return "yes", "neuro.weakness_progressing=false"
    days = flat.get("pain.duration_days")
    trend = flat.get("history.trend")
    if isinstance(days, int | float) and days > 84 and trend in ("same", "better"):
        return "yes", f"pain.duration_days={_num(days)}, history.trend={trend}"
    return "no", "weakness not said to be stable"


def _claudication(flat: dict[str, object]) -> tuple[str, str]:
    """Whether leg symptoms follow the narrowed canal's walking pattern: eased by sitting or
    bending forward, or spinal stenosis already diagnosed. Under 50 the pattern alone is not
    the narrowed canal's, which comes with age (the seventeenth series: new numbness in both
    legs at 35)."""
    if _has(flat, "history.diagnosed", "spinal_stenosis"):
        return "yes", "history.diagnosed=spinal_stenosis"
    age = flat.get("age")
    if isinstance(age, int | float) and age < 50:
        return "no", f"age={_num(age)}: too young for a narrowed canal not diagnosed"
    if flat.get("neuro.leg_pain_walking_eased_by_sitting") is True:
        return "yes", "neuro.leg_pain_walking_eased_by_sitting=true"
    if _has(flat, "pain.better_with", "sitting_or_bending_forward"):
        return "yes", "pain.better_with=sitting_or_bending_forward"
    return "no", "no walking pattern eased by sitting reported"


def _over_50(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the person is 50 or over: "unknown" when no age was given."""
    age = flat.get("age")
    if not isinstance(age, int | float):
        return "unknown", "age not given"
    return ("yes" if age >= 50 else "no"), f"age={_num(age)}"


def _postural(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain comes with sitting (worse with it, or there when sitting)."""
    for field in ("pain.worse_with", "pain.when"):
        if _has(flat, field, "sitting"):
            return "yes", f"{field}=sitting"
    return "no", "not said to come with sitting"


def _soreness(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain is plain soreness: begun gradually or after a run, from working muscles
    or posture, and nothing pointing at a bone (a sudden start, a fall, knock, lift or twist,
    a tender bone, severe, constant or night pain, getting worse). "no" unless all was said."""
    trigger = flat.get("pain.onset_trigger")
    gradual = flat.get("pain.onset") == "gradual" or trigger == "after_run"
    if (
        gradual
        and not (
            flat.get("pain.onset") == "sudden"
            or trigger in _KNOCK_OR_STRAIN
            or flat.get("pain.bony_tenderness") is True
            or flat.get("pain.constant") is True
            or flat.get("pain.wakes_at_night") is True
            or flat.get("history.trend") == "worse"
            or _pain_severity(flat)[0] == "severe"
        )
        and (_muscles_at_work(flat) or _postural(flat)[0] == "yes")
    ):
        return "yes", "begun gradually or after a run, from working muscles or posture"
    return "no", "not a plain soreness pattern"


def _heat_explains(flat: dict[str, object]) -> tuple[str, str]:
    """Whether a hot run with little to drink explains sweating, sickness or faintness beside
    an old, settled ache: the pain began gradually 2 weeks or more ago and is unchanged or
    easing, is mild or moderate, neither constant nor at rest or at night nor brought on by
    effort, not in the chest, with no chest pain, breathlessness, fever or marked illness.
    Heat exhaustion brings sweating, sickness and dizziness (NHS); the heart's or the aorta's
    pain is new, not a weeks-old ache that has not changed. "no" unless all of that was said."""
    days = flat.get("pain.duration_days")
    regions = flat.get("pain.regions#index")
    settled = (
        flat.get("general.hot_day_low_fluids") is True
        and flat.get("pain.onset") == "gradual"
        and isinstance(days, int | float)
        and days >= 14
        and flat.get("history.trend") in ("same", "better")
        and _pain_severity(flat)[0] in ("mild", "moderate")
        and isinstance(regions, frozenset)
        and "chest" not in regions
        and not _NOT_IN_A_SETTLED_ACHE.intersection(_items(flat.get("pain.when")))
        and not _has(flat, "pain.worse_with", "exertion")
        and not any(flat.get(f) is True for f in HEAT_EXCLUDED)
    )
    if settled:
        return "yes", "a hot run with little to drink, beside an old ache that has not changed"
    return "no", "not a settled old ache beside a hot run"


_NOT_IN_A_SETTLED_ACHE = frozenset({"at_rest", "at_night"})
# Answers that the heat does not explain, or that make an old ache new.
HEAT_EXCLUDED = (
    "pain.constant",
    "pain.wakes_at_night",
    "general.pain_with_exertion_not_movement",
    "general.chest_pain",
    "general.shortness_of_breath",
    "general.fever",
    "general.feeling_very_unwell",
)


_BELOW_KNEE = frozenset({"below_knee", "foot"})


def _facet_pattern(flat: dict[str, object]) -> tuple[str, str]:
    """Whether pain eased by bending forward is the facet joints' rather than a narrowed
    canal's: worse leaning back, no numbness, tingling or weakness in the legs (said), and
    nothing below the knee. "no" unless all was said."""
    below_knee = _within(flat, _BELOW_KNEE, "lower leg")[0] == "yes"
    if (
        _has(flat, "pain.worse_with", "leaning_back")
        and _leg_symptoms(flat) == "none"
        and not below_knee
    ):
        return "yes", "worse leaning back, no numbness, tingling or weakness in the legs"
    return "no", "not a facet-joint pattern"


def _known_spondyloarthritis(flat: dict[str, object]) -> tuple[str, str]:
    """Whether axial spondyloarthritis has already been diagnosed ("no" when not said), so
    that its pattern is not sent to a GP to be tested for again."""
    if _has(flat, "history.diagnosed", "axial_spondyloarthritis"):
        return "yes", "history.diagnosed=axial_spondyloarthritis"
    return "no", "axial spondyloarthritis not diagnosed"


def _first_episode(flat: dict[str, object]) -> tuple[str, str]:
    """ "no" when an earlier episode was reported; otherwise "yes" (new pain)."""
    episodes = flat.get("history.previous_episodes")
    if isinstance(episodes, int | float) and episodes >= 1:
        return "no", f"history.previous_episodes={_num(episodes)}"
    return "yes", "no earlier episode said"


_BAND_FROM_THE_SPINE = frozenset({"upper_back", "between_shoulder_blades"})
_BAND_SIDES = frozenset({"chest:left", "chest:right", "chest:both"})


def _nerve_band(flat: dict[str, object]) -> list[str]:
    """Nerve words for a band from the upper back round to the side of the chest (a thoracic
    nerve root, or shingles before its rash) not known to be under a day old, that did not
    start suddenly, and was not begun on a run nor brought on by effort.
    Nerve words alone do not explain chest pain: the heart's is described in them too (NICE
    CG95: the words used do not rule it out)."""
    regions = flat.get("pain.regions#index")
    words = sorted(_NERVE_WORDS.intersection(_items(flat.get("pain.character"))))
    days = flat.get("pain.duration_days")
    if (
        not words
        or (isinstance(days, int | float) and days < 1)
        or flat.get("pain.onset") == "sudden"
        or not isinstance(regions, frozenset)
        or regions.isdisjoint(_BAND_FROM_THE_SPINE)
        or regions.isdisjoint(_BAND_SIDES)
        or "chest:central" in regions
        or flat.get("pain.onset_trigger") == "during_run"
        or _has(flat, "pain.worse_with", "exertion")
    ):
        return []
    return [f"pain.character={w}" for w in words] + ["a band from the upper back"]


def _constant_from_50(flat: dict[str, object]) -> bool:
    age = flat.get("age")
    return flat.get("pain.constant") is True and (not isinstance(age, int | float) or age >= 50)


def _chest_wall(flat: dict[str, object]) -> tuple[str, str]:
    """Whether chest pain has a stated cause in the chest wall: a lift or twist or a strain's
    signs (see `_lift_or_twist`, `_strain_signs`), a nerve band (see `_nerve_band`), or
    soreness on coughing with breathlessness denied."""
    signs = _strain_signs(flat)
    # A lift or twist alone does not explain a constant chest pain from 50: effort brings on
    # the heart's pain too (NICE CG95; the twelfth series: a lift at 61).
    lift = _lift_or_twist(flat) if signs or not _constant_from_50(flat) else []
    found = lift + signs + _nerve_band(flat)
    if _has(flat, "pain.worse_with", "coughing_sneezing") and (
        flat.get("general.shortness_of_breath") is False
    ):
        found.append("pain.worse_with=coughing_sneezing, general.shortness_of_breath=false")
    if found:
        return "yes", ", ".join(found)
    return "no", "no strain or nerve band reported"


# What keeps a chest pain the heart's or lungs' business whatever the chest wall shows.
CHEST_WARNINGS = (
    "general.sweating_or_nausea",
    "general.shortness_of_breath",
    "general.pain_with_exertion_not_movement",
    "general.fainting_or_dizziness",
    "general.smoker",
    "general.high_blood_pressure",
)


def _under_40(flat: dict[str, object]) -> bool:
    age = flat.get("age")
    return isinstance(age, int | float) and age < 40


def _answered_yes(flat: dict[str, object], fields: tuple[str, ...]) -> list[str]:
    return [f"{f}=true" for f in fields if flat.get(f) is True]


def _young_chest_wall(flat: dict[str, object]) -> tuple[str, str]:
    """Whether chest pain is under 40, explained by the chest wall (see `_chest_wall`), not
    severe, and without the heart's or lungs' warnings or risks: the case in which a run or a
    start within the day does not call for hospital by itself."""
    if not _under_40(flat):
        return "no", "not known to be under 40"
    if flat.get("derived.chest_wall") != "yes" or flat.get("derived.pain_severity") == "severe":
        return "no", "no chest-wall cause, or severe pain"
    if warnings := _answered_yes(flat, CHEST_WARNINGS):
        return "no", ", ".join(warnings)
    return "yes", f"age={_num(flat['age'])}, {flat.get('derived.chest_wall#why')}"


# What makes sweating or sickness beside a young runner's mild strain more than the run's.
SWEAT_WARNINGS = (
    *(f for f in CHEST_WARNINGS if f != "general.sweating_or_nausea"),
    "general.chest_pain",
)


def _young_mild_strain(flat: dict[str, object]) -> tuple[str, str]:
    """Whether the pain is a mild strain under 40: mild (0-4) or its strength not given, with a
    strain's signs, brought on by moving the spine or from working muscles (see
    `_strain_signs`, `_moves_it`, `_muscles_at_work`), and none of the heart's, lungs' or
    vessels' warnings or risks besides sweating or sickness, which a hot or hard run explains
    at that age."""
    if not _under_40(flat):
        return "no", "not known to be under 40"
    if _pain_severity(flat)[0] not in ("mild", "unknown"):
        return "no", "not mild"
    moves, moves_why = _moves_it(flat)
    signs = (
        _strain_signs(flat)
        or ([moves_why] if moves == "yes" else [])
        or (["working muscles"] if _muscles_at_work(flat) else [])
    )
    if not signs:
        return "no", "no strain's signs, nothing the spine's movements bring on"
    if warnings := _answered_yes(flat, SWEAT_WARNINGS):
        return "no", ", ".join(warnings)
    return "yes", f"age={_num(flat['age'])}, mild, " + ", ".join(signs)


# What keeps effort pain the heart's business in the young: the chest's warnings, or chest pain.
EFFORT_WARNINGS = (*CHEST_WARNINGS, "general.chest_pain")


def _young_effort_denied(flat: dict[str, object]) -> tuple[str, str]:
    """Whether a runner under 40 said the pain does not come with effort rather than movement
    (answered no) and gave none of the heart's, lungs' or vessels' warnings or risks, nor
    chest pain: then "worse with exertion" is the working back's, as running is."""
    if not _under_40(flat):
        return "no", "not known to be under 40"
    if flat.get("general.pain_with_exertion_not_movement") is not False:
        return "no", "pain with exertion rather than movement not denied"
    if warnings := _answered_yes(flat, EFFORT_WARNINGS):
        return "no", ", ".join(warnings)
    return "yes", f"age={_num(flat['age'])}, general.pain_with_exertion_not_movement=false"


def _managed_chronic(flat: dict[str, object]) -> tuple[str, str]:
    """Whether this is stable pain of 3 months or more that has already been assessed (a
    spinal diagnosis, normal imaging, or physiotherapy): "yes" only when all of that was said.
    Physiotherapy counts only once the pain has been stable for a year: within the first year,
    pain unchanged despite treatment has not responded and goes back for review (NICE NG59)."""
    duration = flat.get("pain.duration_days")
    stable = flat.get("history.trend") == "same"
    if not (stable and isinstance(duration, int | float) and duration >= 90):
        return "no", "not known to be long-standing and stable"
    diagnosed = _items(flat.get("history.diagnosed"))
    tried = _items(flat.get("history.treatments_tried"))
    if duration < _SETTLED_AFTER_CARE_DAYS and any(t in _PROFESSIONAL_CARE for t in tried):
        return "no", "unchanged despite professional care within the first year"
    seen = [
        *(f"history.diagnosed={d}" for d in diagnosed if d in _SPINAL_DIAGNOSES),
        *(["history.imaging_normal=true"] if flat.get("history.imaging_normal") is True else []),
        *(
            f"history.treatments_tried={t}"
            for t in tried
            if t in _PROFESSIONAL_CARE and duration >= _SETTLED_AFTER_CARE_DAYS
        ),
    ]
    if not seen:
        return "no", "long-standing pain not yet assessed"
    return "yes", ", ".join([f"pain.duration_days={_num(duration)}", "history.trend=same", *seen])


def _spa_features(flat: dict[str, object]) -> tuple[int, str]:
    """How many features of axial spondyloarthritis the case reports (NICE NG65's list, as far
    as the contract asks it, with ASAS's long morning stiffness): an unanswered one counts as
    absent, so the count only ever understates."""
    regions = flat.get("pain.regions#index")
    stiffness = flat.get("pain.morning_stiffness_minutes")
    found = [
        name
        for name, present in (
            ("pain.wakes_at_night", flat.get("pain.wakes_at_night") is True),
            ("pain.regions=buttock", isinstance(regions, frozenset) and "buttock" in regions),
            ("pain.better_with=movement", _has(flat, "pain.better_with", "movement")),
            (
                "general.family_history_spondyloarthritis",
                flat.get("general.family_history_spondyloarthritis") is True,
            ),
            (
                "general.psoriasis_ibd_or_uveitis",
                flat.get("general.psoriasis_ibd_or_uveitis") is True,
            ),
            (
                "pain.morning_stiffness_minutes>=30",
                isinstance(stiffness, int) and stiffness >= 30,
            ),
        )
        if present
    ]
    return len(found), ", ".join(found) or "no feature of inflammatory back pain"


def _or_unknown(flat: dict[str, object], field: str, name: str) -> tuple[str, str]:
    value = flat.get(field)
    if value is None:
        return "unknown", f"{name} not given"
    return str(value), f"{field}={value}"


def _dark_urine(flat: dict[str, object]) -> tuple[str, str]:
    """Whether cola-coloured urine was reported, denied, or never asked about."""
    value = flat.get("general.dark_urine")
    if value is None:
        return "unknown", "urine colour not given"
    return ("yes" if value else "no"), f"general.dark_urine={str(value).lower()}"


def _percent_change(now: object, before: object) -> float | None:
    if not isinstance(now, int | float) or not isinstance(before, int | float) or before <= 0:
        return None
    return round((float(now) - float(before)) / float(before) * 100.0, 1)


def case_facts(case: Case) -> dict[str, object]:
    """The flattened case plus `derived.*` values, ready for rules."""
    flat = flatten(case)
    for key, value in list(flat.items()):
        if isinstance(value, list):
            flat[f"{key}#index"] = list_index(value)
    legs = _leg_symptoms(flat)
    if legs is not None:
        flat["derived.leg_symptoms"] = legs
        shown = [f"{f}={flat[f]}" for f in _LEG_FIELDS if flat.get(f) not in (None, "none")]
        flat["derived.leg_symptoms#why"] = (
            ", ".join(shown) or "no leg numbness, tingling or weakness"
        )
    flat["derived.between_runs"], flat["derived.between_runs#why"] = _between_runs(flat)
    flat["derived.low_back"], flat["derived.low_back#why"] = _within(flat, _LOW_BACK, "low back")
    flat["derived.trunk"], flat["derived.trunk#why"] = _within(flat, _TRUNK, "trunk")
    # "unknown" when not given, so that a rule can say "not known to be easing", and a rule
    # about men reads a sex not given the careful way.
    flat["derived.trend"], flat["derived.trend#why"] = _or_unknown(flat, "history.trend", "trend")
    flat["derived.onset"], flat["derived.onset#why"] = _or_unknown(flat, "pain.onset", "onset")
    flat["derived.sex"], flat["derived.sex#why"] = _or_unknown(flat, "sex", "sex")
    flat["derived.dark_urine"], flat["derived.dark_urine#why"] = _dark_urine(flat)
    flat["derived.spa_features"], flat["derived.spa_features#why"] = _spa_features(flat)
    flat["derived.pain_severity"], flat["derived.pain_severity#why"] = _pain_severity(flat)
    flat["derived.pain_now"], flat["derived.pain_now#why"] = _pain_now(flat)
    flat["derived.soreness"], flat["derived.soreness#why"] = _soreness(flat)
    flat["derived.facet_pattern"], flat["derived.facet_pattern#why"] = _facet_pattern(flat)
    flat["derived.first_episode"], flat["derived.first_episode#why"] = _first_episode(flat)
    flat["derived.known_spa"], flat["derived.known_spa#why"] = _known_spondyloarthritis(flat)
    flat["derived.duration"], flat["derived.duration#why"] = _duration(flat)
    flat["derived.mechanical"], flat["derived.mechanical#why"] = _mechanical(flat)
    flat["derived.strain_started"], flat["derived.strain_started#why"] = _strain_started(flat)
    flat["derived.knock_or_strain"], flat["derived.knock_or_strain#why"] = _knock_or_strain(flat)
    flat["derived.strain_signs"], flat["derived.strain_signs#why"] = _strain_signs_seen(flat)
    flat["derived.pulled_on_a_run"], flat["derived.pulled_on_a_run#why"] = _pulled_on_a_run(flat)
    flat["derived.current"], flat["derived.current#why"] = _current(flat)
    flat["derived.postural"], flat["derived.postural#why"] = _postural(flat)
    flat["derived.heat_explains"], flat["derived.heat_explains#why"] = _heat_explains(flat)
    flat["derived.over_50"], flat["derived.over_50#why"] = _over_50(flat)
    flat["derived.claudication"], flat["derived.claudication#why"] = _claudication(flat)
    flat["derived.chest_wall"], flat["derived.chest_wall#why"] = _chest_wall(flat)
    flat["derived.young_chest_wall"], flat["derived.young_chest_wall#why"] = _young_chest_wall(flat)
    flat["derived.young_mild_strain"], flat["derived.young_mild_strain#why"] = _young_mild_strain(
        flat
    )
    flat["derived.young_effort_denied"], flat["derived.young_effort_denied#why"] = (
        _young_effort_denied(flat)
    )
    flat["derived.weakness_stable"], flat["derived.weakness_stable#why"] = _weakness_stable(flat)
    flat["derived.cramps_unexplained"], flat["derived.cramps_unexplained#why"] = (
        _cramps_unexplained(flat)
    )
    flat["derived.cramp_or_spasm"], flat["derived.cramp_or_spasm#why"] = _cramp_or_spasm(flat)
    flat["derived.moves_it"], flat["derived.moves_it#why"] = _moves_it(flat)
    flat["derived.muscular"], flat["derived.muscular#why"] = (
        ("yes", "cramps, spasm, loosening with movement, or pain around runs")
        if _muscles_at_work(flat)
        else ("no", "no sign of working muscles reported")
    )
    flat["derived.managed_chronic"], flat["derived.managed_chronic#why"] = _managed_chronic(flat)
    tried = flat.get("history.treatments_tried")
    flat["derived.home_care_tried"] = "yes" if tried else "no"
    flat["derived.home_care_tried#why"] = (
        "history.treatments_tried=" + ", ".join(map(str, tried))
        if isinstance(tried, list) and tried
        else "no home care reported"
    )
    both_legs = _both_legs(flat, legs)
    if both_legs is not None:
        flat["derived.both_legs"], flat["derived.both_legs#why"] = both_legs
    weekly = _percent_change(flat.get("running.weekly_km"), flat.get("running.weekly_km_before"))
    if weekly is not None:
        flat["derived.weekly_change_pct"] = weekly
        flat["derived.weekly_change_pct#why"] = (
            f"running.weekly_km={_num(flat['running.weekly_km'])} vs "
            f"{_num(flat['running.weekly_km_before'])} a month ago ({weekly:+.0f}%)"
        )
    spike = _percent_change(
        flat.get("running.long_run_km"), flat.get("running.longest_run_prev_30d_km")
    )
    if spike is not None:
        flat["derived.long_run_spike_pct"] = spike
        flat["derived.long_run_spike_pct#why"] = (
            f"running.long_run_km={_num(flat['running.long_run_km'])} vs longest "
            f"{_num(flat['running.longest_run_prev_30d_km'])} in the 30 days before ({spike:+.0f}%)"
        )
    height, weight = case.height_cm, case.weight_kg
    if height and weight:
        bmi = round(weight / (height / 100.0) ** 2, 1)
        flat["derived.bmi"] = bmi
        flat["derived.bmi#why"] = f"weight_kg={_num(weight)}, height_cm={_num(height)} (BMI {bmi})"
    return flat


def _num(value: object) -> str:
    return f"{value:g}" if isinstance(value, float) else str(value)
