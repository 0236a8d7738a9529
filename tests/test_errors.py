"""Every error class the package defines is an ActionplansError (issue 21): one root to catch."""

from __future__ import annotations

import importlib
import inspect
import pkgutil

import actionplans
from actionplans.errors import ActionplansError

# Internal signals, never raised to a caller, each with why it stands outside the root.
# a Ray task's own alarm: a BaseException so that readers' `except Exception` let it by
INTERNAL = {"_Overran"}


def _our_exceptions() -> dict[str, type]:
    found = {}
    # installed from their own folders
    packages = [(actionplans.__path__, "actionplans.")] + [
        (importlib.import_module(f"actionplans.{stage}").__path__, f"actionplans.{stage}.")
        for stage in ("extract", "normalise", "reconcile")
    ]
    infos = [info for path, prefix in packages for info in pkgutil.walk_packages(path, prefix)]
    for info in infos:
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional engine whose package is not installed
            continue
        for name, obj in vars(module).items():
            if (
                inspect.isclass(obj)
                and issubclass(obj, BaseException)
                and obj.__module__.startswith("actionplans")
            ):
                found[f"{obj.__module__}.{name}"] = obj
    return found


def test_every_error_class_is_under_the_root():
    classes = _our_exceptions()
    assert len(classes) >= 10  # the stages' errors were found at all
    outside = [
        name
        for name, cls in classes.items()
        if not issubclass(cls, ActionplansError) and name.rsplit(".", 1)[-1] not in INTERNAL
    ]
    assert not outside, f"error classes outside ActionplansError: {outside}"
