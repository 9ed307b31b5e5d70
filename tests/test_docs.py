"""The README stays true: two quick-start commands, the test command is what CI runs, every command documented."""

import re

from factline.cli import cli
from tests.conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def quick_start_commands() -> list[str]:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return [block.strip() for block in re.findall(r"```bash\n(.*?)```", section, flags=re.S)]


def test_quick_start_is_exactly_two_commands_build_and_serve_then_tests():
    commands = quick_start_commands()
    assert len(commands) == 2 and all("\n" not in c for c in commands)
    main, tests = commands
    assert "factline build" in main and "factline serve" in main and "pip install" in main
    assert "pytest" in tests and ".[test]" in tests


def test_ci_runs_the_readme_test_command():
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert quick_start_commands()[1] in ci


def test_every_cli_command_is_in_the_readme():
    for name in cli.commands:
        assert f"factline {name}" in README, name
