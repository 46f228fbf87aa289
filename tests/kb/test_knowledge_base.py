"""The knowledge base: complete, cited, cross-checked, and strict about its own files."""

from __future__ import annotations

import re

import pytest

from backstride.errors import KnowledgeBaseError
from backstride.kb.loader import CONTRACT_CONDITIONS, CONTRACT_FACTORS, build, load_kb, read_texts

KB = load_kb()


def _all_entries() -> list[object]:
    return [e for entries in KB.entries().values() for e in entries.values()]


def test_the_bundled_knowledge_base_loads_and_defines_every_contract_id() -> None:
    assert KB.conditions.keys() >= CONTRACT_CONDITIONS
    assert KB.factors.keys() >= CONTRACT_FACTORS


def test_every_seed_inventory_item_s01_to_s40_is_referenced() -> None:
    referenced = {ref for e in _all_entries() for ref in getattr(e, "seed_refs", [])}
    missing = [f"S{n:02d}" for n in range(1, 41) if f"S{n:02d}" not in referenced]
    assert not missing


def test_every_seed_file_is_a_source_and_cited() -> None:
    seeds = {s.id for s in KB.sources.values() if s.kind == "seed"}
    assert len(seeds) == 5
    cited = {s for e in _all_entries() for s in getattr(e, "sources", [])}
    assert seeds <= cited


def test_every_medical_entry_names_at_least_one_source() -> None:
    for section, entries in KB.entries().items():
        if section == "sources":
            continue
        for eid, entry in entries.items():
            assert entry.sources, f"{section}/{eid} has no source"


def test_disputed_seed_claims_are_recorded_with_reason_and_guidance() -> None:
    disputes = [d for e in _all_entries() for d in getattr(e, "disputed", [])]
    assert len(disputes) >= 8
    for d in disputes:
        assert KB.sources[d.seed].kind == "seed"
        assert d.reason and d.guidance


@pytest.mark.parametrize(
    "pattern",
    [
        r"\bacupuncture\b",
        r"\borthotic",
        r"\binsole",
        r"\bcorset",
        r"lactic acid",
        r"\b180 steps",
        r"give up running",
    ],
)
def test_disputed_claims_never_appear_as_advice(pattern: str) -> None:
    """Things guidance rejects may appear only in 'avoid' items, never in what to do."""
    for aid, item in KB.advice.items():
        if item.kind == "do":
            assert not re.search(pattern, item.text, re.I), aid
    for tid, treatment in KB.treatments.items():
        if re.search(pattern, treatment.name, re.I):
            assert treatment.stance == "not_recommended", tid


def test_the_twelve_technique_rules_are_numbered_one_to_twelve() -> None:
    assert sorted(r.number for r in KB.technique.values()) == list(range(1, 13))


def test_every_condition_has_findings_for_and_against() -> None:
    for cid, cond in KB.conditions.items():
        assert any(f.lr > 1 for f in cond.findings), cid
        serious = cond.category in ("serious",) or cond.level.value.startswith("emergency")
        if not serious:
            assert any(f.lr < 1 for f in cond.findings), cid


def _broken(name: str, old: str, new: str) -> dict[str, str]:
    texts = read_texts()
    assert old in texts[name]
    texts[name] = texts[name].replace(old, new, 1)
    return texts


@pytest.mark.parametrize(
    ("name", "old", "new", "expected"),
    [
        (
            "conditions.yaml",
            "  prior: 0.001\n",
            "  prior: 2\n",
            "conditions.yaml, entry cauda_equina_syndrome, prior:",
        ),
        (
            "conditions.yaml",
            "lr: 40}",
            "lr: 40, colour: red}",
            "conditions.yaml, entry cauda_equina_syndrome, findings.0.colour:",
        ),
        (
            "red_flags.yaml",
            '"neuro.saddle_numbness or',
            '"neuro.saddle_numbnes or',
            "red_flags.yaml, entry cauda_equina_sphincter, rule: rule",
        ),
        (
            "red_flags.yaml",
            "  level: emergency\n",
            "  level: soon\n",
            "red_flags.yaml, entry cauda_equina_sphincter, level:",
        ),
        (
            "factors.yaml",
            "recommendations: [shoes_review]",
            "recommendations: [no_such_advice]",
            "factors.yaml, entry unsuitable_shoes, recommendations: unknown advice",
        ),
        (
            "advice.yaml",
            "sources: [nice_ng156, bnssg_aaa",
            "sources: [nice_ng999, bnssg_aaa",
            "advice.yaml, entry call_ambulance_now, sources: unknown source 'nice_ng999'",
        ),
        (
            "course_rules.yaml",
            "condition: peripheral_arterial_disease",
            "condition: peripheral_artery",
            "course_rules.yaml, entry claudication_pattern, condition: unknown condition",
        ),
        ("text.yaml", "disclaimer:", "disclaimer: x\ndisclaimer:", "text.yaml, line"),
    ],
)
def test_a_broken_file_is_reported_with_file_entry_and_field(
    name: str, old: str, new: str, expected: str
) -> None:
    with pytest.raises(KnowledgeBaseError) as info:
        build(_broken(name, old, new))
    assert any(p.startswith(expected) for p in info.value.problems), info.value.problems


def test_all_problems_are_reported_at_once() -> None:
    texts = _broken("conditions.yaml", "  prior: 0.001\n", "  prior: 2\n")
    texts["factors.yaml"] = texts["factors.yaml"].replace("running.shoes in", "running.shoez in", 1)
    with pytest.raises(KnowledgeBaseError) as info:
        build(texts)
    assert len(info.value.problems) >= 2
