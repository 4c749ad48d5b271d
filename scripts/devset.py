"""Rebuild the texts of the extraction development set (fixtures/devset/).

    python scripts/devset.py [--out DIR]

The development set is real news: lines 100-159 (numbered from 1, as `sed -n 100,159p` prints
them) of the Lee background corpus, one ABC/AFP article per line, that gensim 4.4.0 ships in its
wheel (gensim/test/test_data/lee_background.cor). The texts are not ours to redistribute, so the
repository keeps only their annotations with offsets and each text's SHA-256; this script fetches
the wheel with pip (no dependencies, nothing installed), takes the lines out and checks every
text against the SHA-256 its annotation file records. It writes DIR/lee_NNN.txt (default
.local/devset) and exits 1 if any text differs from what was annotated.
"""

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
ANNOTATIONS = ROOT / "fixtures" / "devset"
DEFAULT_OUT = ROOT / ".local" / "devset"
GENSIM = "gensim==4.4.0"
CORPUS = "gensim/test/test_data/lee_background.cor"
FIRST_LINE, LAST_LINE = 100, 159


def corpus_lines() -> list[str]:
    """The corpus's lines, read from the gensim wheel that pip downloads into a temporary folder."""
    with tempfile.TemporaryDirectory() as folder:
        command = [sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"]
        subprocess.run([*command, "--dest", folder, GENSIM], check=True)
        (wheel,) = Path(folder).glob("gensim-*.whl")
        with zipfile.ZipFile(wheel) as archive:
            text = archive.read(CORPUS).decode("utf-8")
    return text.split("\n")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    out = parser.parse_args().out
    out.mkdir(parents=True, exist_ok=True)
    lines = corpus_lines()
    mismatched = []
    for number in range(FIRST_LINE, LAST_LINE + 1):
        text = lines[number - 1]
        (out / f"lee_{number}.txt").write_text(text, encoding="utf-8")
        annotation = ANNOTATIONS / f"lee_{number}.json"
        if annotation.exists():
            expected = json.loads(annotation.read_text(encoding="utf-8"))["sha256"]
            if hashlib.sha256(text.encode("utf-8")).hexdigest() != expected:
                mismatched.append(annotation.name)
    print(f"Wrote {LAST_LINE - FIRST_LINE + 1} texts to {out}.")
    if mismatched:
        print(f"These texts differ from what was annotated: {', '.join(mismatched)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
