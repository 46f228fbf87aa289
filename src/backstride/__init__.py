"""backstride: triage, explanation and self-management for runners with back pain.

The public library API is small: build a :class:`Case`, call :func:`assess`, read the
:class:`Result`. Everything else (storage, importers, CLI, web) is a layer around it.
"""

from backstride.contract.case import Case
from backstride.contract.result import Result
from backstride.engine.assess import assess

__all__ = ["Case", "Result", "__version__", "assess"]
__version__ = "0.1.0"
