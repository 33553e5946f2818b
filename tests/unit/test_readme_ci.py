"""README's test command is what CI runs, word for word."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command():
    ci_last = [l for l in (ROOT / ".ci" / "run").read_text().splitlines() if l.strip()][-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ci_last.strip() in readme
    assert "pytest" in ci_last
