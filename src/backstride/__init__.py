"""backstride: triage, explanation and self-management for runners with back pain.

The public library API is small: build a `Case`, call `assess`, read the `Result`.
Everything else (storage, importers, CLI, web) is a layer around it. Names are imported lazily
so that `import backstride` stays cheap for the command line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from backstride.contract.case import Case
    from backstride.contract.result import Result
    from backstride.engine.assess import assess

__all__ = ["Case", "Result", "__version__", "assess"]
__version__ = "0.1.0"


def __getattr__(name: str) -> Any:
    if name == "Case":
        from backstride.contract.case import Case

        return Case
    if name == "Result":
        from backstride.contract.result import Result

        return Result
    if name == "assess":
        from backstride.engine.assess import assess

        return assess
    raise AttributeError(name)
