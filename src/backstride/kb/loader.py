"""Load, validate and cross-check the knowledge base.

Loading collects every problem, each naming the file, the entry and the field, and raises them
together (`backstride kb check` prints them all). Reading the files is the only I/O here, and the
caller can hand in the texts instead (tests do).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from backstride.contract.fields import rule_fields
from backstride.errors import KnowledgeBaseError
from backstride.kb.rules import Rule, RuleSyntaxError, compile_rule
from backstride.kb.schema import (
    Advice,
    Condition,
    CourseRule,
    Exercise,
    Factor,
    RedFlag,
    Source,
    TechniqueRule,
    Text,
    Topic,
    Treatment,
)

# The contract's fixed ids: the knowledge base must define every one of them.
CONTRACT_CONDITIONS = frozenset(
    [
        "cauda_equina_syndrome",
        "abdominal_aortic_aneurysm",
        "aortic_dissection",
        "cardiac_referred_pain",
        "spinal_infection",
        "vertebral_fracture",
        "spinal_malignancy",
        "lumbar_radiculopathy",
        "spinal_stenosis",
        "spondylolysis",
        "sacral_stress_fracture",
        "axial_spondyloarthritis",
        "sacroiliac_joint_pain",
        "piriformis_syndrome",
        "facet_joint_pain",
        "lumbar_muscle_strain",
        "training_overload",
        "myofascial_trigger_points",
        "degenerative_disc_disease",
        "postural_upper_back_pain",
        "delayed_onset_muscle_soreness",
        "dehydration_muscle_cramp",
        "kidney_or_urinary_cause",
        "hamstring_injury",
        "hip_joint_pathology",
        "nonspecific_low_back_pain",
        "thoracic_joint_sprain",
        "exertional_rhabdomyolysis",
        "peripheral_arterial_disease",
    ]
)
CONTRACT_FACTORS = frozenset(
    [
        "unsuitable_shoes",
        "worn_shoes",
        "hard_surface",
        "load_spike",
        "new_runner",
        "low_cadence",
        "no_warm_up",
        "weak_core",
        "weak_upper_back",
        "reduced_hip_mobility",
        "reduced_thoracic_mobility",
        "prolonged_sitting",
        "excess_weight",
        "carrying_load",
        "dehydration",
        "poor_running_form",
    ]
)

LIST_FILES: dict[str, type[BaseModel]] = {
    "sources.yaml": Source,
    "conditions.yaml": Condition,
    "red_flags.yaml": RedFlag,
    "course_rules.yaml": CourseRule,
    "factors.yaml": Factor,
    "advice.yaml": Advice,
    "treatments.yaml": Treatment,
    "technique.yaml": TechniqueRule,
    "topics.yaml": Topic,
    "exercises.yaml": Exercise,
}
TEXT_FILE = "text.yaml"
M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class KnowledgeBase:
    version: str
    sources: dict[str, Source]
    conditions: dict[str, Condition]
    red_flags: dict[str, RedFlag]
    course_rules: dict[str, CourseRule]
    factors: dict[str, Factor]
    advice: dict[str, Advice]
    treatments: dict[str, Treatment]
    technique: dict[str, TechniqueRule]
    topics: dict[str, Topic]
    exercises: dict[str, Exercise]
    text: Text
    # Compiled rules, keyed by (kind, entry id) or (condition id, finding index).
    rules: dict[tuple[str, str], Rule] = field(repr=False)

    def cite(self, source_ids: list[str]) -> list[str]:
        """Source ids as the short citations shown to people."""
        return [self.sources[s].short for s in source_ids]

    def entries(self) -> dict[str, dict[str, Any]]:
        return {
            "conditions": self.conditions,
            "red_flags": self.red_flags,
            "course_rules": self.course_rules,
            "factors": self.factors,
            "advice": self.advice,
            "treatments": self.treatments,
            "technique": self.technique,
            "topics": self.topics,
            "exercises": self.exercises,
            "sources": self.sources,
        }


# libyaml's C parser is ten times faster; the pure-Python one is the fallback.
_BaseLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _UniqueKeyLoader(_BaseLoader):  # type: ignore[misc,valid-type]
    """A YAML loader that rejects duplicate keys instead of keeping the last one."""


def _construct_mapping(loader: _UniqueKeyLoader, node: yaml.MappingNode) -> dict[Any, Any]:
    mapping: dict[Any, Any] = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node)
        if key in mapping:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r}", key_node.start_mark
            )
        mapping[key] = loader.construct_object(value_node, deep=True)
    return mapping


_UniqueKeyLoader.add_constructor(
    yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG,
    _construct_mapping,
)


class _Problems:
    def __init__(self) -> None:
        self.items: list[str] = []

    def add(self, file: str, entry: str, field_name: str, message: str) -> None:
        where = ", ".join(p for p in (file, f"entry {entry}" if entry else "", field_name) if p)
        self.items.append(f"{where}: {message}")


def _entry_name(raw: object, index: int) -> str:
    if isinstance(raw, dict) and isinstance(raw.get("id"), str):
        return str(raw["id"])
    return f"#{index + 1}"


def _validate_list(file: str, data: object, model: type[M], problems: _Problems) -> dict[str, M]:
    if not isinstance(data, list):
        problems.add(file, "", "", "the file must hold a list of entries")
        return {}
    out: dict[str, M] = {}
    for index, raw in enumerate(data):
        name = _entry_name(raw, index)
        try:
            entry = model.model_validate(raw)
        except ValidationError as exc:
            for err in exc.errors():
                loc = ".".join(str(p) for p in err["loc"])
                problems.add(file, name, loc, err["msg"])
            continue
        key = str(getattr(entry, "id", ""))
        if key in out:
            problems.add(file, name, "id", "duplicate id")
        out[key] = entry
    return out


def _read_package_files() -> dict[str, str]:
    folder = resources.files("backstride.kb") / "data"
    return {
        name: (folder / name).read_text(encoding="utf-8")
        for name in [*LIST_FILES, TEXT_FILE]
        if (folder / name).is_file()
    }


def _parse(texts: Mapping[str, str], problems: _Problems) -> dict[str, object]:
    parsed: dict[str, object] = {}
    for name in [*LIST_FILES, TEXT_FILE]:
        if name not in texts:
            problems.add(name, "", "", "file is missing")
            continue
        try:
            parsed[name] = yaml.load(texts[name], Loader=_UniqueKeyLoader)
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
            where = f"line {mark.line + 1}" if mark is not None else ""
            problems.add(name, "", where, str(getattr(exc, "problem", exc)))
    return parsed


def _compile_rules(parts: dict[str, Any], problems: _Problems) -> dict[tuple[str, str], Rule]:
    fields = rule_fields()
    rules: dict[tuple[str, str], Rule] = {}

    def compile_one(
        file: str, entry: str, field_name: str, key: tuple[str, str], text: str
    ) -> None:
        try:
            rules[key] = compile_rule(text, fields)
        except RuleSyntaxError as exc:
            problems.add(file, entry, field_name, f"rule {text!r}: {exc}")

    for cid, cond in parts["conditions.yaml"].items():
        for i, finding in enumerate(cond.findings):
            compile_one("conditions.yaml", cid, f"findings.{i}.if", (cid, str(i)), finding.when)
    for fid, flag in parts["red_flags.yaml"].items():
        compile_one("red_flags.yaml", fid, "rule", ("red_flag", fid), flag.rule)
        if flag.ask_when:
            compile_one("red_flags.yaml", fid, "ask_when", ("ask_when", fid), flag.ask_when)
        for name in flag.screen:
            if name not in fields:
                problems.add("red_flags.yaml", fid, "screen", f"unknown case field {name!r}")
    for rid, course in parts["course_rules.yaml"].items():
        compile_one("course_rules.yaml", rid, "rule", ("course", rid), course.rule)
    for fid, factor in parts["factors.yaml"].items():
        compile_one("factors.yaml", fid, "rule", ("factor", fid), factor.rule)
    return rules


def _check_references(parts: dict[str, Any], text: Text | None, problems: _Problems) -> None:
    sources = parts["sources.yaml"]
    advice = parts["advice.yaml"]
    conditions = parts["conditions.yaml"]
    factors = parts["factors.yaml"]

    def check_sources(file: str, entry: str, ids: list[str], field_name: str = "sources") -> None:
        for sid in ids:
            if sid not in sources:
                problems.add(file, entry, field_name, f"unknown source {sid!r}")

    def check_advice(file: str, entry: str, ids: list[str], kind: str, field_name: str) -> None:
        for aid in ids:
            if aid not in advice:
                problems.add(file, entry, field_name, f"unknown advice {aid!r}")
            elif advice[aid].kind != kind:
                problems.add(file, entry, field_name, f"{aid!r} is not a {kind!r} item")

    for file in LIST_FILES:
        if file == "sources.yaml":
            continue
        for eid, entry in parts[file].items():
            check_sources(file, eid, list(getattr(entry, "sources", [])))
            for i, dispute in enumerate(getattr(entry, "disputed", [])):
                check_sources(file, eid, [dispute.seed, *dispute.guidance], f"disputed.{i}")
                if dispute.seed in sources and sources[dispute.seed].kind != "seed":
                    problems.add(file, eid, f"disputed.{i}.seed", "must name a seed source")
    for cid, cond in conditions.items():
        check_advice("conditions.yaml", cid, cond.recommendations, "do", "recommendations")
        check_advice("conditions.yaml", cid, cond.avoid, "avoid", "avoid")
        for i, finding in enumerate(cond.findings):
            check_sources("conditions.yaml", cid, finding.sources, f"findings.{i}.sources")
    for fid, factor in factors.items():
        check_advice("factors.yaml", fid, factor.recommendations, "do", "recommendations")
    for file in ("red_flags.yaml", "course_rules.yaml"):
        for rid, rule in parts[file].items():
            if rule.condition and rule.condition not in conditions:
                problems.add(file, rid, "condition", f"unknown condition {rule.condition!r}")
    for eid, exercise in parts["exercises.yaml"].items():
        for name in ("not_with", "addresses", "progression_not_with"):
            for ref in getattr(exercise, name):
                if ref not in conditions and ref not in factors:
                    problems.add(
                        "exercises.yaml", eid, name, f"unknown condition or factor {ref!r}"
                    )
        for name in ("category", "dose"):
            if getattr(exercise, name) is None:
                problems.add("exercises.yaml", eid, name, "missing; programmes need it")
    for missing in sorted(CONTRACT_CONDITIONS - conditions.keys()):
        problems.add("conditions.yaml", missing, "", "contract condition id is not defined")
    for missing in sorted(CONTRACT_FACTORS - factors.keys()):
        problems.add("factors.yaml", missing, "", "contract factor id is not defined")
    if text is not None:
        check_sources(TEXT_FILE, "", text.sources)


def _digest(texts: Mapping[str, str]) -> str:
    return hashlib.sha256("".join(texts[k] for k in sorted(texts)).encode()).hexdigest()


def _parse_cached(texts: Mapping[str, str], problems: _Problems) -> dict[str, object]:
    """Parsed YAML, kept as JSON in the user's cache folder under the texts' digest.

    Parsing YAML is the slowest part of starting the command line; JSON loads ten times
    faster. The cache is only ever a copy: a missing or unreadable one is simply rebuilt.
    """
    from platformdirs import user_cache_dir

    path = Path(user_cache_dir("backstride")) / f"kb-{_digest(texts)[:16]}.json"
    try:
        cached = json.loads(path.read_text(encoding="utf-8"))
        if isinstance(cached, dict) and set(cached) == set(texts):
            return cached
    except (OSError, ValueError):
        pass
    parsed = _parse(texts, problems)
    if not problems.items:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_text(json.dumps(parsed), encoding="utf-8")
        except OSError:
            pass  # a read-only home only costs speed
    return parsed


def build(texts: Mapping[str, str], use_cache: bool = False) -> KnowledgeBase:
    """Validate the given file texts into a knowledge base, or raise every problem at once."""
    problems = _Problems()
    parsed = _parse_cached(texts, problems) if use_cache else _parse(texts, problems)
    parts: dict[str, Any] = {
        file: _validate_list(file, parsed[file], model, problems) if file in parsed else {}
        for file, model in LIST_FILES.items()
    }
    text: Text | None = None
    if TEXT_FILE in parsed:
        try:
            text = Text.model_validate(parsed[TEXT_FILE])
        except ValidationError as exc:
            for err in exc.errors():
                problems.add(TEXT_FILE, "", ".".join(map(str, err["loc"])), err["msg"])
    _check_references(parts, text, problems)
    rules = _compile_rules(parts, problems)
    if problems.items or text is None:
        raise KnowledgeBaseError(problems.items or [f"{TEXT_FILE}: could not be read"])
    digest = _digest(texts)
    return KnowledgeBase(
        version=f"1.{digest[:10]}",
        sources=parts["sources.yaml"],
        conditions=parts["conditions.yaml"],
        red_flags=parts["red_flags.yaml"],
        course_rules=parts["course_rules.yaml"],
        factors=parts["factors.yaml"],
        advice=parts["advice.yaml"],
        treatments=parts["treatments.yaml"],
        technique=parts["technique.yaml"],
        topics=parts["topics.yaml"],
        exercises=parts["exercises.yaml"],
        text=text,
        rules=rules,
    )


@cache
def load_kb() -> KnowledgeBase:
    """The bundled knowledge base, loaded and checked once per process."""
    return build(_read_package_files(), use_cache=True)


def read_texts(reader: Callable[[], dict[str, str]] = _read_package_files) -> dict[str, str]:
    return reader()
