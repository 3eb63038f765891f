"""What the benchmark scripts share: where the shared data is, and reading JSON-lines sets."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

SHARED_DATA = Path(__file__).resolve().parents[2] / "shared" / "data"


def read_rows(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file (blank and '_comment' lines skipped); exits with a
    message naming the file when it is missing."""
    if not path.exists():
        sys.exit(f"{path} not found: pass --data")
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]
    return [row for row in rows if "_comment" not in row]
