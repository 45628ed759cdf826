"""Every error storyline raises on purpose.

::

    StorylineError                 base: the CLI prints its message as one line, exit 1
    ├── ConfigError                a setting or argument is wrong
    ├── InputError                 an input could not be read (has .path and .line)
    │   ├── ManifestError          a manifest row is wrong
    │   └── UnreadableError        binary, empty, undecodable or broken input
    ├── PipelineError              stages do not fit together (missing requirement)
    ├── StoreError                 the DuckDB store is missing or from another version
    ├── MissingExtraError          an optional extra (web, distributed, eval) is not installed
    └── BenchmarkDataError         benchmark data is missing or malformed

Library code raises these with messages that say what to do; a batch build records
every :class:`InputError` as a rejection and carries on.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base of every error storyline raises on purpose."""


class ConfigError(StorylineError):
    """A setting, flag or argument is wrong."""


class InputError(StorylineError):
    """An input could not be read. ``path`` and ``line`` say where."""

    def __init__(self, path: str, reason: str, line: int | None = None):
        self.path = str(path)
        self.reason = reason
        self.line = line
        where = f"{self.path}:{line}" if line else self.path
        super().__init__(f"{where}: {reason}")


class ManifestError(InputError):
    """A manifest row is wrong (bad date, missing file column...)."""


class UnreadableError(InputError):
    """Binary, empty, undecodable or structurally broken input."""


class PipelineError(StorylineError):
    """Stages do not fit together, found before the first document is processed."""


class StoreError(StorylineError):
    """The store is missing, unreadable or written by an incompatible version."""


class MissingExtraError(StorylineError):
    """An optional part is not installed."""

    def __init__(self, extra: str, package: str):
        super().__init__(
            f"this needs the '{extra}' extra ({package} is not installed): "
            f"pip install 'storyline[{extra}]'"
        )


class BenchmarkDataError(StorylineError):
    """Benchmark data is missing or not in the expected layout."""
