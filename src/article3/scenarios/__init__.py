"""Scenarios: stories told to the system, replayed on a fresh instance (spec/scenarios.md).

``run_scenario(path_or_text)`` checks a whole file, replays it and returns one dict per step;
``article3 scenario run FILE`` prints the same as JSON Lines. The file model is in ``model``, the
instance and the loop in ``runner``, what each action does in ``actions`` (a registry that modules
per group of actions extend; import such a module here so that it registers).
"""

from __future__ import annotations

from article3.scenarios import (
    actions_complaints,  # noqa: F401 - registers complain, ccf_decide and ccf_block
    actions_measures,  # noqa: F401 - registers measure and report
    actions_messages,  # noqa: F401 - registers the message action
    actions_register,  # noqa: F401 - registers register_protection
    actions_search,  # noqa: F401 - registers the search action
)
from article3.scenarios.model import Scenario, ScenarioInvalid
from article3.scenarios.runner import load, run, run_scenario

__all__ = ["Scenario", "ScenarioInvalid", "load", "run", "run_scenario"]
