"""Write docs/cli.md from the commands' own --help (run by `make docs-cli`; checked by a test)."""

from __future__ import annotations

import sys

from article3.cli.docs import render

sys.stdout.write(render())
