"""The CLI: every command has help and is in the README; errors are one clean line."""

from __future__ import annotations

import re
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from storyline.cli import main

README = (Path(__file__).resolve().parent.parent / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "storyline"):
    for name, cmd in sorted(group.commands.items()):
        full = f"{prefix} {name}"
        if isinstance(cmd, click.Group):
            yield from _commands(cmd, full)
        else:
            yield full, cmd


COMMANDS = list(_commands(main))


@pytest.mark.parametrize("name, cmd", COMMANDS, ids=[c[0] for c in COMMANDS])
def test_every_command_has_help_and_is_in_the_readme(name, cmd):
    assert cmd.help and cmd.help.strip()
    result = CliRunner().invoke(main, name.split()[1:] + ["--help"])
    assert result.exit_code == 0 and "Usage:" in result.output
    assert re.search(rf"`{re.escape(name)}\b", README), f"{name} is not documented in README.md"


def test_a_missing_dossier_is_one_clean_error_line(tmp_path):
    result = CliRunner().invoke(main, ["timeline", str(tmp_path)])
    assert result.exit_code == 1
    assert result.output.strip().startswith("storyline: error: no dossier in")
    assert "Traceback" not in result.output


def test_unknown_setting_is_rejected(tmp_path):
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--out", str(tmp_path / "o"), "--set", "nope=1"])
    assert result.exit_code == 1 and "unknown setting 'nope'" in result.output
