"""Codes and code systems used in the FHIR export, each with a note on where it comes from.

Only codes we are confident of are used; anything else is exported as text only. SNOMED CT codes
were checked against their fully specified names in public terminology listings; none is
invented. backstride's own vocabularies (case values, triage levels, instruments) live under
`urn:backstride:` URIs, which are not SNOMED CT or LOINC and make no claim to be.
"""

from __future__ import annotations

from typing import Final

SNOMED: Final = "http://snomed.info/sct"
LOINC: Final = "http://loinc.org"
UCUM: Final = "http://unitsofmeasure.org"
OBSERVATION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/observation-category"
CONDITION_CLINICAL: Final = "http://terminology.hl7.org/CodeSystem/condition-clinical"
CONDITION_VERIFICATION: Final = "http://terminology.hl7.org/CodeSystem/condition-ver-status"
CONDITION_CATEGORY: Final = "http://terminology.hl7.org/CodeSystem/condition-category"

# backstride's own systems.
BASE: Final = "urn:backstride:fhir"
QUESTIONNAIRE_URL: Final = f"{BASE}:Questionnaire:interview"
CASE_VALUE_PREFIX: Final = f"{BASE}:CodeSystem:case:"  # + the case field path
ANSWER_SYSTEM: Final = f"{BASE}:CodeSystem:answer"
NONE_OF_THESE: Final = "none-of-these"  # a multiple-choice question answered "none of these"
TRIAGE_SYSTEM: Final = f"{BASE}:CodeSystem:triage-level"
CONDITION_SYSTEM: Final = f"{BASE}:CodeSystem:condition"
INSTRUMENT_SYSTEM: Final = f"{BASE}:CodeSystem:instrument"
OBSERVATION_SYSTEM: Final = f"{BASE}:CodeSystem:observation"
DOCUMENT_SYSTEM: Final = f"{BASE}:CodeSystem:document"  # the document's type and its sections
ASK_IF_EXTENSION: Final = f"{BASE}:StructureDefinition:ask-if"
RED_FLAG_EXTENSION: Final = f"{BASE}:StructureDefinition:red-flag"

# LOINC 72514-3: "Pain severity - 0-10 verbal numeric rating [Score] - Reported".
LOINC_PAIN_SEVERITY: Final = (
    "72514-3",
    "Pain severity - 0-10 verbal numeric rating [Score] - Reported",
)

# SNOMED CT codes for backstride condition ids. Conditions left out have no code we are sure of
# for their exact meaning (e.g. spondylolysis as a pars stress fracture, training overload,
# axial spondyloarthritis as a whole, non-specific cases of upper-back pain): exported as text.
CONDITION_SNOMED: Final[dict[str, tuple[str, str]]] = {
    # 192970008 |Cauda equina syndrome (disorder)|
    "cauda_equina_syndrome": ("192970008", "Cauda equina syndrome"),
    # 23056005 |Sciatica (disorder)|: our lumbar_radiculopathy is disc-related sciatica
    "lumbar_radiculopathy": ("23056005", "Sciatica"),
    # 18347007 |Spinal stenosis of lumbar region (disorder)|: our spinal_stenosis is lumbar
    "spinal_stenosis": ("18347007", "Spinal stenosis of lumbar region"),
    # 233985008 |Abdominal aortic aneurysm (disorder)|
    "abdominal_aortic_aneurysm": ("233985008", "Abdominal aortic aneurysm"),
    # 308546005 |Dissection of aorta (disorder)|
    "aortic_dissection": ("308546005", "Dissection of aorta"),
    # 279039007 |Low back pain (finding)|: mechanical low back pain without a specific cause
    "nonspecific_low_back_pain": ("279039007", "Low back pain"),
}

# SNOMED CT findings for the presenting complaint, from the pain regions.
# 279039007 |Low back pain (finding)|
LOW_BACK_PAIN: Final = ("279039007", "Low back pain")
# 161891005 |Backache (finding)|: back pain elsewhere (upper back, between the shoulder blades)
BACKACHE: Final = ("161891005", "Backache")

# UCUM units for the instrument totals.
UNIT_SCORE: Final = "{score}"
UNIT_PERCENT: Final = "%"
