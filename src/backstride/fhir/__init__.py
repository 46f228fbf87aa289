"""FHIR export and import with the fhir.resources models.

fhir.resources 8 ships R5 at its top level and R4B and STU3 as sub-packages; it has no R4
package. backstride therefore builds **R4B** (4.3.0) resources. The resources used here
(Questionnaire, QuestionnaireResponse, Observation, RiskAssessment, Condition, Patient, Bundle)
have the same structure in R4 and R4B, so the JSON is also valid R4 for these resources.

- `questionnaire`: the guided interview as a Questionnaire (linkIds are case field paths);
- `response`: a case as a QuestionnaireResponse, and back (the round trip gives the same case);
- `bundle`: an assessment as a document Bundle (Composition, Device, Patient,
  QuestionnaireResponse, Observations, RiskAssessment, Conditions);
- `codes`: every code system and code used, each with a note on where it comes from.
"""

FHIR_VERSION = "4.3.0"
