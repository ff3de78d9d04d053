"""Every model on one MetaData, for Alembic's comparison (env.py) and the tests."""

from __future__ import annotations

from article3.accounts import models as _accounts  # noqa: F401
from article3.audit import models as _audit  # noqa: F401
from article3.complaints import models as _complaints  # noqa: F401
from article3.countries import models as _countries  # noqa: F401
from article3.db.base import Base
from article3.messages import models as _messages  # noqa: F401
from article3.notices import models as _notices  # noqa: F401
from article3.oversight import models as _oversight  # noqa: F401
from article3.register import models as _register  # noqa: F401
from article3.review import models as _review  # noqa: F401
from article3.screening import models as _screening  # noqa: F401
from article3.search import models as _search  # noqa: F401
from article3.transparency import models as _transparency  # noqa: F401

target_metadata = Base.metadata
