"""Manifests: what each file in a folder is (council, edition, plans, layout profile).

A folder holding ``manifest.toml`` lists its documents as ``[[document]]``
tables; see ``data/raw/manifest.toml``.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import ActionplansError

MANIFEST_NAME = "manifest.toml"
_EDITION = re.compile(r"^\d{4}-(0[1-9]|1[0-2])$")


class MetadataError(ActionplansError, ValueError):
    """A document's metadata is missing or malformed."""


@dataclass(frozen=True)
class DocumentMeta:
    path: Path
    council: str | None = None
    title: str | None = None
    edition: str | None = None
    plans: tuple[str, ...] = ()
    profile: str | None = None
    doc_id: str | None = None
    extra: dict = field(default_factory=dict, hash=False, compare=False)
    # why the entry is not read (a file outside the manifest's folder); path is then the entry
    refused: str = ""


def check_edition(edition: str | None, where: str) -> None:
    if edition is not None and not _EDITION.match(str(edition)):
        raise MetadataError(f"{where}: edition {edition!r} is not YYYY-MM (e.g. 2023-12)")


def read_manifest(path: Path) -> list[DocumentMeta]:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise MetadataError(f"{path}: not valid TOML ({exc})") from None
    docs = []
    for i, entry in enumerate(data.get("document", []), start=1):
        if "file" not in entry:
            raise MetadataError(f"{path}: [[document]] number {i} has no 'file'")
        refused = _outside(path, str(entry["file"]))
        if refused:
            docs.append(
                DocumentMeta(path=Path(f"{path.resolve()} [[document]] {i}"), refused=refused)
            )
            continue
        check_edition(entry.get("edition"), f"{path} ({entry['file']})")
        plans = entry.get("plans") or ([entry["plan"]] if entry.get("plan") else [])
        docs.append(
            DocumentMeta(
                path=(path.parent / entry["file"]).resolve(),
                council=entry.get("council"),
                title=entry.get("title"),
                edition=entry.get("edition"),
                plans=tuple(plans),
                profile=entry.get("profile"),
                doc_id=entry.get("id"),
                extra={
                    k: v
                    for k, v in entry.items()
                    if k
                    not in {
                        "file",
                        "council",
                        "title",
                        "edition",
                        "plans",
                        "plan",
                        "profile",
                        "id",
                    }
                },
            )
        )
    return docs


def _outside(manifest: Path, file: str) -> str:
    """Why ``file`` may not be read for ``manifest`` ('' if it may): a manifest names files in its
    folder only.

    A manifest may come with a folder from anywhere; ``../../etc/passwd``, an
    absolute path, or a link leading out of the folder is refused, never read (issue 18).
    """
    folder = manifest.parent.resolve()
    if Path(file).is_absolute():
        return (
            f"file {file!r} is an absolute path; refused (a manifest lists files in its own folder"
            " or below)"
        )
    if not (folder / file).resolve().is_relative_to(folder):
        return f"file {file!r} lies outside the manifest's folder {folder}; refused"
    return ""


def is_standalone(manifest: Path) -> bool:
    """``standalone = true``: the folder is read only when named itself, not as part of a parent.

    ``data/raw/samples`` (re-typeset test PDFs) says so, so that ``ingest data/raw`` loads
    the published documents only; its files are then skipped as unlisted.
    """
    try:
        return bool(tomllib.loads(manifest.read_text(encoding="utf-8")).get("standalone"))
    except (OSError, tomllib.TOMLDecodeError):
        return False


def find_manifest_entries(root: Path) -> dict[Path, DocumentMeta]:
    """Every document listed by a manifest.toml at or below ``root`` (standalone ones below it
    excluded)."""
    entries: dict[Path, DocumentMeta] = {}
    manifests = [root / MANIFEST_NAME] if (root / MANIFEST_NAME).exists() else []
    manifests += [
        m
        for m in sorted(root.rglob(MANIFEST_NAME))
        if m != root / MANIFEST_NAME and not is_standalone(m)
    ]
    for manifest in manifests:
        for meta in read_manifest(manifest):
            entries.setdefault(meta.path, meta)
    return entries


def manifest_entry_for(path: Path) -> DocumentMeta | None:
    """The manifest entry describing ``path``, looking in its folder and the folders above."""
    path = path.resolve()
    for folder in [path.parent, *path.parent.parents][:4]:
        manifest = folder / MANIFEST_NAME
        if manifest.exists():
            for meta in read_manifest(manifest):
                if meta.path == path:
                    return meta
    return None
