"""Compare trafilatura and newspaper4k on real news pages: main text and metadata.

    .venv/bin/python scripts/compare_html_extractors.py

Downloads both sdists with pip into .local/compare/ (never committed), makes a virtual
environment there with both libraries, and re-runs itself in it. The pages are the ones
newspaper4k 0.9.6 ships in tests/data/html/ (the English ones named in issue 16 and every
non-English one), scored against the expected text in tests/data/txt/ and the metadata in
tests/data/metadata/.

Scoring: the main text as a multiset of tokens (lower-cased words; one token per character
in scripts written without spaces: Chinese, Japanese kana, Thai, Burmese), precision and
recall of the extracted multiset against the expected one, and their F1. Metadata: title
(equal after whitespace and case folding), publication date (the same calendar day) and
authors (the expected set found, order and case ignored), each counted only on pages whose
expected metadata states it.

Caveat, said in the README too: newspaper4k's expected files are its own regression outputs,
so they favour newspaper4k wherever its output is wrong in a way a person would not accept.
"""

import importlib
import json
import re
import subprocess
import sys
import tarfile
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
WORK = ROOT / ".local" / "compare"
NEWSPAPER = "newspaper4k==0.9.6"
# The extras its non-English pages need (word segmentation for Chinese, Japanese, Thai; nltk for Arabic).
NEWSPAPER_WITH_LANGUAGES = "newspaper4k[nlp,zh,ja,th]==0.9.6"
TRAFILATURA = "trafilatura==2.3.1"
VENV_PYTHON = WORK / "venv" / "bin" / "python"
ENGLISH = ["cleveland.com1", "article_with_br", "article_with_divs", "video_article_01", "video_article_02"]
NON_ENGLISH = [
    "arabic_article",
    "burmese_article",
    "chinese_article",
    "chinese_article_001",
    "chinese_article_002",
    "japanese_article",
    "japanese_article2",
    "latvian_article",
    "spanish_article",
    "thai_article",
    "yna_co_kr",
]
# Named in the issue; shipped without expected text, so only their titles are shown.
WITHOUT_TEXT = ["autoindustria", "ap_meta_refresh"]
TOKEN = re.compile(r"[\u0e00-\u0e7f\u1000-\u109f\u3040-\u30ff\u3400-\u9fff]|\w+")


def prepare() -> Path:
    """The unpacked newspaper4k sdist, and the comparison's virtual environment, made once."""
    sdists = WORK / "sdists"
    sdists.mkdir(parents=True, exist_ok=True)
    pip = [sys.executable, "-m", "pip"]
    if not list(sdists.glob("newspaper4k-*.tar.gz")):
        subprocess.run([*pip, "download", "--no-deps", "--no-binary", ":all:", NEWSPAPER, TRAFILATURA, "-d", sdists])
    tree = WORK / "newspaper4k-0.9.6"
    if not tree.exists():
        with tarfile.open(next(sdists.glob("newspaper4k-*.tar.gz"))) as archive:
            archive.extractall(WORK, filter="data")
    if not VENV_PYTHON.exists():
        subprocess.run([sys.executable, "-m", "venv", WORK / "venv"], check=True)
        subprocess.run([VENV_PYTHON, "-m", "pip", "install", "-q", "--upgrade", "pip"], check=True)
        subprocess.run([VENV_PYTHON, "-m", "pip", "install", "-q", NEWSPAPER_WITH_LANGUAGES, TRAFILATURA], check=True)
    return tree


def tokens(text: str) -> Counter[str]:
    return Counter(TOKEN.findall(text.lower()))


def text_scores(extracted: str, expected: str) -> tuple[float, float, float]:
    got, want = tokens(extracted), tokens(expected)
    common = sum((got & want).values())
    precision = common / sum(got.values()) if got else 0.0
    recall = common / sum(want.values()) if want else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def with_trafilatura(html: str, favor_precision: bool = False) -> dict[str, Any]:
    trafilatura = importlib.import_module("trafilatura")
    document = trafilatura.bare_extraction(
        html, with_metadata=True, include_comments=False, favor_precision=favor_precision
    )
    if document is None:
        return {"text": "", "title": None, "date": None, "authors": []}
    authors = [name.strip() for name in (document.author or "").split(";") if name.strip()]
    return {"text": document.text or "", "title": document.title, "date": document.date, "authors": authors}


def with_newspaper(html: str) -> dict[str, Any]:
    newspaper = importlib.import_module("newspaper")
    article = newspaper.Article("http://www.test.com/", fetch_images=False)
    article.download(input_html=html)
    article.parse()
    date = article.publish_date.date().isoformat() if article.publish_date else None
    return {"text": article.text, "title": article.title, "date": date, "authors": list(article.authors)}


def metadata_hits(got: dict[str, Any], expected: dict[str, Any]) -> dict[str, int | None]:
    """1 or 0 for each metadata field the expected file states; None where it states nothing."""

    def fold(value: str | None) -> str:
        return " ".join((value or "").split()).casefold()

    hits: dict[str, int | None] = {"title": None, "date": None, "authors": None}
    if expected.get("title"):
        hits["title"] = int(fold(got["title"]) == fold(expected["title"]))
    if expected.get("publish_date"):
        hits["date"] = int((got["date"] or "")[:10] == str(expected["publish_date"])[:10])
    if expected.get("authors"):
        hits["authors"] = int({fold(a) for a in expected["authors"]} <= {fold(a) for a in got["authors"]})
    return hits


def score_page(tree: Path, name: str) -> dict[str, Any]:
    data = tree / "tests" / "data"
    html = (data / "html" / f"{name}.html").read_text(encoding="utf-8", errors="replace")
    expected_text = (data / "txt" / f"{name}.txt").read_text(encoding="utf-8")
    metadata_file = data / "metadata" / f"{name}.json"
    expected = json.loads(metadata_file.read_text(encoding="utf-8")) if metadata_file.exists() else {}
    row: dict[str, Any] = {"page": name}
    for library, extract in EXTRACTORS.items():
        got = extract(html)
        row[library] = {"text": text_scores(got["text"], expected_text), "meta": metadata_hits(got, expected)}
    return row


def with_trafilatura_precise(html: str) -> dict[str, Any]:
    return with_trafilatura(html, favor_precision=True)


EXTRACTORS: dict[str, Callable[[str], dict[str, Any]]] = {
    "trafilatura": with_trafilatura,
    "trafilatura-p": with_trafilatura_precise,
    "newspaper4k": with_newspaper,
}


def print_table(rows: list[dict[str, Any]]) -> None:
    libraries = tuple(EXTRACTORS)
    print(f"{'page':<22}" + "".join(f"{lib + ' P/R/F1':>26}" for lib in libraries))
    for row in rows:
        cells = "".join("{:>10.2f}{:>8.2f}{:>8.2f}".format(*row[lib]["text"]) for lib in libraries)
        print(f"{row['page']:<22}{cells}")
    print()
    for lib in libraries:
        f1s = [row[lib]["text"][2] for row in rows]
        mean = sum(f1s) / len(f1s)
        print(f"{lib}: mean F1 {mean:.3f}, pages with F1 >= 0.9: {sum(f >= 0.9 for f in f1s)}/{len(f1s)}", end="")
        for field in ("title", "date", "authors"):
            hits = [row[lib]["meta"][field] for row in rows if row[lib]["meta"][field] is not None]
            print(f", {field} {sum(hits)}/{len(hits)}", end="")
        print()


def main() -> None:
    tree = prepare()
    if Path(sys.prefix).resolve() != (WORK / "venv").resolve():
        sys.exit(subprocess.run([VENV_PYTHON, __file__, *sys.argv[1:]]).returncode)
    rows = [score_page(tree, name) for name in ENGLISH + NON_ENGLISH]
    print_table(rows)
    print("(trafilatura-p: trafilatura with favor_precision=True, as facts/sources/html.py runs it)")
    print()
    for name in WITHOUT_TEXT:
        html = (tree / "tests" / "data" / "html" / f"{name}.html").read_text(encoding="utf-8", errors="replace")
        titles = [with_trafilatura(html)["title"], with_newspaper(html)["title"]]
        lengths = [len(with_trafilatura(html)["text"]), len(with_newspaper(html)["text"])]
        print(f"{name}: titles {titles}, text lengths {lengths} (no expected text shipped)")


if __name__ == "__main__":
    main()
