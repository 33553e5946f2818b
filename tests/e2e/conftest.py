"""Run the real command line as a separate process."""
import json
import os
import subprocess
import sys

import pytest


class Cli:
    def __init__(self, db):
        self.db = str(db)

    def __call__(self, *args, db=True, env=None, check=None):
        cmd = [sys.executable, "-m", "rural_cadre_desktop"] + (["--db", self.db] if db else []) + list(args)
        e = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
        res = subprocess.run(cmd, capture_output=True, text=True, env=e, timeout=300)
        if check is not None:
            assert res.returncode == check, (res.returncode, res.stdout[-2000:], res.stderr[-2000:])
        return res

    def json(self, *args):
        return json.loads(self(*args, check=0).stdout)


@pytest.fixture
def cli(tmp_path):
    return Cli(tmp_path / "cli.db")


@pytest.fixture
def make_cli():
    """Another command line on a database of the caller's choosing."""
    return Cli
