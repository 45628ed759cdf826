"""The package version, in a module of its own so that any module can read it without importing
the package face (which would make a loop with :mod:`storyline.pipeline`)."""

__version__ = "0.1.0"
