"""Property-based API test: Schemathesis generates requests from the OpenAPI document (valid
and invalid, for every operation) and no answer may be a server error. Runs in-process against
the ASGI app. (Schemathesis' own pytest plugin does not run under pytest 9 yet, so the
operations are driven through its Hypothesis strategies directly.)"""

from __future__ import annotations

from typing import Any

import schemathesis
from fastapi import FastAPI
from hypothesis import HealthCheck, given, settings
from hypothesis.errors import Unsatisfiable
from schemathesis.checks import not_a_server_error
from schemathesis.core.result import Err
from schemathesis.generation import GenerationMode

EXAMPLES_PER_OPERATION = 60


def test_no_generated_request_makes_a_server_error(app: FastAPI) -> None:
    schema = schemathesis.openapi.from_asgi("/openapi.json", app)
    failures: list[str] = []
    operations = 0
    for result in schema.get_all_operations():
        if isinstance(result, Err):  # the document has an operation Schemathesis cannot read
            raise result.err()
        operation = result.ok()
        operations += 1
        for mode in (GenerationMode.POSITIVE, GenerationMode.NEGATIVE):

            @given(case=operation.as_strategy(generation_mode=mode))
            @settings(
                max_examples=EXAMPLES_PER_OPERATION // 2,
                deadline=None,
                database=None,
                suppress_health_check=list(HealthCheck),
            )
            def run(case: Any) -> None:
                case.call_and_validate(checks=[not_a_server_error])

            try:
                run()
            except Unsatisfiable:  # nothing invalid to send (an operation without inputs)
                continue
            except Exception as exc:  # collect every operation's failure, then report them all
                failures.append(f"{operation.label} ({mode.value}): {str(exc)[:800]}")
    assert operations >= 9
    assert not failures, "\n\n".join(failures)
