"""Put the real-document corpus's PDFs in place and check them against the manifest.

The PDFs of ``data/raw/real/`` are published council documents found in public
repositories (provenance in ``data/raw/real/manifest.toml``).  They are not
committed to this repository; each entry names where it came from (repository,
commit, path, and the council's own address where known) and its sha256.  This
script looks for each file, in order, in:

1. ``data/raw/real/`` itself (already in place);
2. the folder named by ``$ACTIONPLANS_REAL_CORPUS``;
3. ``../shared/real-corpus/`` beside the repository (a shared copy);
4. a local git mirror of the source repository (``$ACTIONPLANS_MIRRORS``, default
   ``/work/.mirror``; ``owner+name`` folders holding a bare git directory);

copies it into ``data/raw/real/`` when found elsewhere, and checks its sha256.

    python tools/real_corpus.py            # place and check; exit 1 if any is missing or differs
    python tools/real_corpus.py --check    # check only, copy nothing
    python tools/real_corpus.py --list     # one line per document: split, council, file, status
"""

from __future__ import annotations

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "data" / "raw" / "real"
MANIFEST = REAL / "manifest.toml"


def sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def entries(manifest: Path = MANIFEST) -> list[dict]:
    return tomllib.loads(manifest.read_text(encoding="utf-8")).get("document", [])


def _shared_folders() -> list[Path]:
    folders = []
    if os.environ.get("ACTIONPLANS_REAL_CORPUS"):
        folders.append(Path(os.environ["ACTIONPLANS_REAL_CORPUS"]))
    folders.append(ROOT.parent / "shared" / "real-corpus")
    return folders


def _from_mirror(entry: dict, target: Path) -> bool:
    """Write the file from a bare git mirror of its source repository, if one is on this machine."""
    repo, commit, path = (
        entry.get("source_repo"),
        entry.get("source_commit"),
        entry.get("source_path"),
    )
    if not (repo and commit and path):
        return False
    mirrors = Path(os.environ.get("ACTIONPLANS_MIRRORS", "/work/.mirror"))
    base = mirrors / repo.replace("/", "+")
    if not base.exists():
        return False
    candidates = [base] + [p.parent for p in base.rglob("HEAD") if p.parent != base]
    for git_dir in candidates:
        result = subprocess.run(
            ["git", "--git-dir", str(git_dir), "show", f"{commit}:{path}"],
            capture_output=True,
            check=False,
        )
        if result.returncode == 0 and result.stdout.startswith(b"%PDF"):
            target.write_bytes(result.stdout)
            return True
    return False


def place(entry: dict, copy: bool = True) -> str:
    """Status of one document: ``ok``, ``placed from X``, ``missing`` or ``sha256 differs``."""
    target = REAL / entry["file"]
    how = "ok"
    if not target.exists() and copy:
        for folder in _shared_folders():
            if (folder / entry["file"]).exists():
                shutil.copyfile(folder / entry["file"], target)
                how = f"placed from {folder}"
                break
        else:
            if _from_mirror(entry, target):
                how = f"placed from the mirror of {entry['source_repo']}"
    if not target.exists():
        return "missing"
    if not entry.get("sha256"):
        return f"{how}; sha256 not recorded yet: {sha256(target)} (check the file, then record it)"
    if sha256(target) != entry["sha256"]:
        return "sha256 differs"
    return how


def available(manifest: Path = MANIFEST) -> list[dict]:
    """Manifest entries whose PDF is in place with the right hash (what benchmarks and tests can
    use)."""
    return [
        e
        for e in entries(manifest)
        if e.get("sha256")
        and (REAL / e["file"]).exists()
        and sha256(REAL / e["file"]) == e["sha256"]
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--check", action="store_true", help="check only, copy nothing")
    parser.add_argument("--list", action="store_true", help="list the documents and their status")
    args = parser.parse_args(argv)
    bad = 0
    for entry in entries():
        status = place(entry, copy=not args.check)
        if status in ("missing", "sha256 differs"):
            bad += 1
            print(
                f"{entry['file']}: {status} (source: {entry.get('source_repo')}"
                f" {entry.get('source_path')})",
                file=sys.stderr,
            )
        elif args.list or status != "ok":
            print(
                f"{entry.get('split', '?'):<9} {entry.get('council', '?'):<40} {entry['file']}:"
                f" {status}"
            )
    total = len(entries())
    print(f"{total - bad} of {total} real documents in place in {REAL.relative_to(ROOT)}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
