"""The package's surface: the type stubs describe what the native module has, every public
name has a docstring, and the report's TypedDicts have the contract's keys."""

from __future__ import annotations

import ast
import inspect
from pathlib import Path

import article_analyzer as aa
from article_analyzer import _native, report

PACKAGE = Path(aa.__file__).parent


def stub_names() -> set[str]:
    tree = ast.parse((PACKAGE / "_native.pyi").read_text(encoding="utf-8"))
    names = set()
    for node in tree.body:
        if isinstance(node, (ast.FunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def test_the_stubs_name_exactly_what_the_native_module_has():
    public = {name for name in dir(_native) if not name.startswith("_")}
    assert stub_names() - {"DocumentLike"} == public


def test_the_package_ships_its_stubs_and_py_typed():
    assert (PACKAGE / "py.typed").exists()
    assert (PACKAGE / "_native.pyi").exists()


def test_every_public_name_has_a_docstring():
    for name in aa.__all__:
        value = getattr(aa, name)
        if callable(value):
            assert inspect.getdoc(value), name
    for method in ("add", "remove", "cross_article"):
        assert inspect.getdoc(getattr(aa.Batch, method)), method


def test_signatures_show_the_options():
    assert str(inspect.signature(aa.analyze)) == "(docs, *, max_article_bytes=None, quotes=True)"
    assert str(inspect.signature(aa.Batch)) == "(*, max_article_bytes=None, quotes=True)"


def test_the_typed_dicts_have_the_keys_of_the_results(batch_docs):
    result = aa.analyze(batch_docs)
    assert set(result) == set(report.Report.__annotations__)
    article = result["articles"][0]
    # Text input has no "source" (the one key not required).
    assert set(article) == set(report.Article.__required_keys__)
    assert set(report.Article.__annotations__) - set(article) == {"source"}
    assert set(article["blocks"][0]) == set(report.Block.__annotations__)
    quote = next(q for a in result["articles"] for q in a["quotes"])
    assert set(quote) == set(report.Quote.__annotations__)
    assert set(result["duplicates"][0]) == set(report.DuplicatePair.__annotations__)
    assert set(result["quoteGroups"][0][0]) == set(report.QuoteRef.__annotations__)
    assert set(aa.Batch().cross_article()) == set(report.CrossArticle.__annotations__)
