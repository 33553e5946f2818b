"""Nothing with ID numbers outside the private data folder: work files (openpyxl's temp files too)
live in a folder of each run's own under the data folder, 0700; a killed run's folder goes at the
next start while a running one's stays; a refused output leaves nothing under its final name."""
from __future__ import annotations

import fcntl
import os
import stat
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from rural_cadre_desktop.core import paths
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import save_atomic

ID = "610124198803150019"


@pytest.fixture
def home(tmp_path, monkeypatch):
    """A data folder of the test's own; tempfile's folder and the held work folder restored after."""
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "home"))
    monkeypatch.setattr(tempfile, "tempdir", tempfile.tempdir)
    monkeypatch.setattr(paths, "_held", None)
    return tmp_path / "home" / "rural-cadre-desktop"


def mode(p: Path) -> int:
    return stat.S_IMODE(p.stat().st_mode)


def test_the_work_folder_is_private_and_python_temp_files_go_there(home):
    old = os.umask(0o022)
    try:
        mine = paths.clean_work()
    finally:
        os.umask(old)
    assert mine.parent == paths.work_dir() and paths.work_dir().parent == home
    assert mode(home) == mode(paths.work_dir()) == mode(mine) == 0o700
    assert Path(tempfile.gettempdir()) == mine
    from openpyxl import Workbook
    wb = Workbook(write_only=True)
    ws = wb.create_sheet()
    ws.append([ID])
    assert Path(ws._writer.out).parent == mine        # openpyxl's streamed sheet: private
    wb.save(home / "done.xlsx")


def test_a_killed_runs_work_folder_goes_at_the_next_start_and_a_running_ones_stays(home):
    work = paths.private_dir(paths.work_dir())
    dead = work / "4242-dead"
    dead.mkdir()
    (dead / ".lock").touch()
    (dead / "openpyxl.tmp").write_text(f"<c><v>{ID}</v></c>")
    alive = work / "4343-alive"
    alive.mkdir()
    lock = open(alive / ".lock", "a+b")  # noqa: SIM115 - held across clean_work
    fcntl.flock(lock.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)       # a window still running
    (alive / "preview.pdf").write_bytes(b"%PDF")
    stray = work / "left.xlsx"
    stray.write_text(ID)
    try:
        mine = paths.clean_work()
    finally:
        lock.close()
    assert not dead.exists() and not stray.exists()
    assert (alive / "preview.pdf").exists()
    assert mine.exists() and mine != alive


def test_a_command_run_with_tmpdir_set_leaves_nothing_in_it(tmp_path):
    """export-ledger --full-id with TMPDIR pointing at a folder of our own: nothing lands there
    (the check kills it mid-way; here it runs to the end — every temp file went elsewhere)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "XDG_DATA_HOME": str(tmp_path / "home"),
           "TMPDIR": str(tmp_path / "tmp"), "TEMP": str(tmp_path / "tmp")}
    (tmp_path / "tmp").mkdir()
    cmd = [sys.executable, "-m", "rural_cadre_desktop", "--db", str(tmp_path / "l.db")]
    subprocess.run(cmd + ["demo", "--returnees", "60"], env=env, check=True, capture_output=True, timeout=300)
    run = subprocess.run(cmd + ["export-ledger", "returnees", "--full-id", "-o", str(tmp_path / "full.xlsx")],
                         env=env, capture_output=True, text=True, timeout=300, check=False)
    assert run.returncode == 0, run.stderr
    assert list((tmp_path / "tmp").iterdir()) == []
    assert mode(tmp_path / "home" / "rural-cadre-desktop") == 0o700


def test_an_output_that_fails_half_way_leaves_nothing_under_its_final_name(tmp_path):
    target = tmp_path / "out.xlsx"

    def half(tmp: Path):
        tmp.write_bytes(b"PK half a workbook")
        raise OSError(28, "No space left on device")
    with pytest.raises(UserError):
        save_atomic(half, target)
    assert list(tmp_path.iterdir()) == []
