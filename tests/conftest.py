"""Settings for the whole suite."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

# The suite runs on the bundled gazetteer: a developer's own imports (marsad gazetteer
# install) must not change what the tests see. Tests of imports point this elsewhere.
os.environ["MARSAD_GAZETTEER"] = str(Path(tempfile.gettempdir()) / "marsad-tests-no-imported-gazetteer.sqlite")
