"""facts/extraction keeps the house rules (issue 8, issue 12): small modules, small functions, no Django."""

import ast
from pathlib import Path

import pytest

import facts.extraction

PACKAGE = Path(facts.extraction.__file__).resolve().parent
MODULES = sorted(PACKAGE.glob("*.py"))
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 50


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_extraction_module_is_longer_than_400_lines(path):
    assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_MODULE_LINES


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_extraction_function_is_longer_than_50_lines(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    functions = [node for node in ast.walk(tree) if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef)]
    too_long = {
        f.name: f.end_lineno - f.lineno + 1 for f in functions if f.end_lineno - f.lineno + 1 > MAX_FUNCTION_LINES
    }

    assert too_long == {}


@pytest.mark.parametrize("path", MODULES, ids=lambda path: path.name)
def test_no_extraction_module_imports_django(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    imported = [alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names]
    imported += [node.module or "" for node in ast.walk(tree) if isinstance(node, ast.ImportFrom)]

    assert not [name for name in imported if name == "django" or name.startswith("django.")]
