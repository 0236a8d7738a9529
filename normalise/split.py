"""Splitting cells whose lines were joined with spaces (``Transport Partners Business Residents``).

Known multi-word names come from the profile; any other capitalised word
starts a new name, and lower-case words stay with the name before them.

>>> split_names("Transport Partners Business Residents", ("Transport Partners",))
['Transport Partners', 'Business', 'Residents']
>>> split_names("Districts and local councils Health partners", ("Health partners",))
['Districts and local councils', 'Health partners']
"""

from __future__ import annotations

import re

_CONNECTORS = {"and", "&", "of", "for", "the", "in", "i.e.", "-", "–", "/", "on", "to", "with"}


def split_names(
    text: str, known: tuple[str, ...] | list[str], split_unknown: bool = True
) -> list[str]:
    """Split joined names; with ``split_unknown=False`` unknown words stay together as one name."""
    tokens = text.split()
    known_tokens = sorted((k.lower().split() for k in known), key=len, reverse=True)
    out: list[str] = []
    open_name = False  # whether the last name may take more words (a known name is complete)
    i = 0
    while i < len(tokens):
        words = [t.rstrip(",;") for t in tokens[i:]]
        match = next((k for k in known_tokens if [w.lower() for w in words[: len(k)]] == k), None)
        if match:
            out.append(" ".join(words[: len(match)]))
            open_name = False
            i += len(match)
            continue
        word = words[0]
        # lower case, a digit, a bracket: part of the name before
        continues = not word[:1].isupper()
        last = out[-1].split() if out else []  # a lone "," token leaves an empty name
        after_connector = bool(last) and last[-1].lower() in _CONNECTORS
        if out and (continues or (open_name and (after_connector or not split_unknown))):
            out[-1] = f"{out[-1]} {word}"
        else:
            out.append(word)
        open_name = True
        i += 1
    return [re.sub(r"\s+", " ", n).strip(" ,;") for n in out if n.strip(" ,;")]


def rejoin_wrapped(lines: list[str], known: tuple[str, ...] | list[str]) -> list[str]:
    """Join cell lines that are one wrapped name (``Transport for East`` | ``Midlands``).

    A PDF cell keeps one name per line, but a long name wraps in a narrow
    column.  Two lines are joined when together they are a known name (or
    the start of one) and the first line alone is not.

    >>> rejoin_wrapped(["DfT", "Department for Energy", "Security and Net Zero (DESNZ)"],
    ...                ("Department for Energy Security and Net Zero (DESNZ)",))
    ['DfT', 'Department for Energy Security and Net Zero (DESNZ)']
    """
    keys = {re.sub(r"\s+", " ", k).strip().lower() for k in known}
    out: list[str] = []
    for line in lines:
        if out:
            merged = f"{out[-1]} {line}".lower()
            prefix = any(k.startswith(merged + " ") for k in keys)
            if merged in keys or (prefix and out[-1].lower() not in keys):
                out[-1] = f"{out[-1]} {line}"
                continue
        out.append(line)
    # a prefix join that never reached a whole name is undone
    final: list[str] = []
    for name in out:
        if name.lower() in keys or name in lines:
            final.append(name)
        else:
            final.extend(rejoin_parts(name, lines))
    return final


def rejoin_parts(name: str, lines: list[str]) -> list[str]:
    parts: list[str] = []
    rest = name
    for line in lines:
        if rest.startswith(line):
            parts.append(line)
            rest = rest[len(line) :].lstrip()
        if not rest:
            break
    return parts if not rest else [name]


def split_known_names(names: list[str], known: tuple[str, ...] | list[str]) -> list[str]:
    """Split a line that holds several known names and nothing else
    (``Natural England Environment Agency``).

    >>> split_known_names(["Natural England Environment Agency", "Friends of Leicester City"],
    ...                   ("Natural England", "Environment Agency", "Leicester City"))
    ['Natural England', 'Environment Agency', 'Friends of Leicester City']
    """
    keys = {re.sub(r"\s+", " ", k).strip().lower() for k in known}
    out: list[str] = []
    for name in names:
        parts = split_names(name, known, split_unknown=False)
        if len(parts) > 1 and all(p.lower() in keys for p in parts):
            out.extend(parts)
        else:
            out.append(name)
    return out
