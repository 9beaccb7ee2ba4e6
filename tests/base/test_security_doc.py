"""docs/security.md names, for every control, the tests that prove it: each must exist."""

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# `tests/x/test_y.py::test_z`, or `::test_z` for another test of the file named before it.
REFERENCE = re.compile(r"`(tests/[\w/]+\.py)?(?:::(\w+))?`")


def functions_defined(path):
    tree = ast.parse((ROOT / path).read_text())
    return {node.name for node in ast.walk(tree) if isinstance(node, ast.FunctionDef)}


def test_every_control_names_tests_that_exist():
    rows = [
        line
        for line in (ROOT / "docs" / "security.md").read_text().splitlines()
        if line.startswith("| ") and not line.startswith(("| control", "|---"))
    ]
    assert len(rows) >= 20
    for row in rows:
        proof = row.rstrip(" |").rsplit(" | ", 1)[-1]
        references = REFERENCE.findall(proof)
        assert references, f"no test named for: {row}"
        current = None
        for path, name in references:
            current = path or current
            assert current and (ROOT / current).is_file(), f"no such test file: {row}"
            if name:
                assert name in functions_defined(current), f"{current}::{name} does not exist"
