"""Heavy third-party names imported on first use, so that starting a command does not pay for them.

scikit-learn (with SciPy) takes over a second to import. Only training and scoring with a learned
model need it, so ``screening.learned`` names its functions through `attribute`: the module is
imported the first time one of them is called, and never when no model is trained or used.
"""

from __future__ import annotations

import importlib
from typing import Any


class attribute:  # noqa: N801 - used like the imported name it stands for
    """Stands for ``module.name``: imports ``module`` at the first call, then forwards every call."""

    __slots__ = ("_module", "_name", "_target")

    def __init__(self, module: str, name: str) -> None:
        self._module, self._name = module, name
        self._target: Any = None

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        if self._target is None:
            self._target = getattr(importlib.import_module(self._module), self._name)
        return self._target(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<lazy {self._module}.{self._name}>"
