"""Every command is documented in the README, and the README's two commands are what CI runs."""

from __future__ import annotations

from pathlib import Path

import click

from newstrace.cli import cli

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def _commands(group: click.Group, prefix: str = "") -> list[str]:
    out = []
    for name, cmd in group.commands.items():
        out.append(f"{prefix}{name}")
        if isinstance(cmd, click.Group):
            out.extend(_commands(cmd, f"{prefix}{name} "))
    return out


def test_every_command_is_in_the_readme() -> None:
    for command in _commands(cli):
        top = command.split()[0]
        assert f"newstrace {top}" in README, f"`newstrace {command}` is not documented in README.md"


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    test_command = ".venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest"
    assert test_command in README and test_command in ci
    assert "newstrace run examples/" in README.split("---")[0]
