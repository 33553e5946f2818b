"""One window per ledger: a second GUI on an open ledger says so and leaves the file alone; a lock
left by a program that died (or by a PC that lost power) is taken over; the command line ignores
the lock and works beside the window."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from rural_cadre_desktop.gui import instance_lock

ALREADY_OPEN = "这个台账已经在另一个窗口中打开"


def _command() -> list[str]:
    exe = Path(sys.executable).parent / "rural-cadre-desktop"
    if exe.exists():
        return [str(exe)]
    found = shutil.which("rural-cadre-desktop")
    return [found] if found else [sys.executable, "-m", "rural_cadre_desktop"]


def _run(tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", XDG_DATA_HOME=str(tmp_path / "data"))
    env.pop("RCD_DB", None)
    return subprocess.run(_command() + list(args), env=env, capture_output=True, text=True, timeout=120,
                          check=False)


def _gui(tmp_path: Path, db: Path) -> subprocess.CompletedProcess:
    return _run(tmp_path, "--db", str(db), "--quit-after", "200")


@pytest.fixture
def ledger(tmp_path) -> Path:
    db = tmp_path / "ledger.db"
    assert _run(tmp_path, "--db", str(db), "demo", "--returnees", "5").returncode == 0
    return db


@pytest.fixture
def held(ledger):
    """The ledger's window lock, held by this process as an open window would hold it."""
    lock = instance_lock.acquire(ledger)
    assert lock is not None and lock.isLocked()
    yield lock
    instance_lock.release(lock)


def test_a_second_window_on_an_open_ledger_refuses_and_leaves_the_file_alone(tmp_path, ledger, held):
    before = ledger.read_bytes()
    run = _gui(tmp_path, ledger)
    assert run.returncode == 1
    message = run.stderr.strip().splitlines()[-1]
    assert ALREADY_OPEN in message and "请切换到那个窗口" in message and str(ledger) in message
    # the database was never opened: not a byte changed, no -wal/-shm, no backup made
    assert ledger.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "ledger.db", "ledger.db.lock"]


def test_a_refused_window_does_not_create_a_new_ledger(tmp_path):
    db = tmp_path / "new" / "ledger.db"
    lock = instance_lock.acquire(db)
    try:
        run = _gui(tmp_path, db)
    finally:
        instance_lock.release(lock)
    assert run.returncode == 1 and ALREADY_OPEN in run.stderr
    assert not db.exists()


def test_the_command_line_works_beside_an_open_window(tmp_path, ledger, held):
    run = _run(tmp_path, "--db", str(ledger), "check")
    assert run.returncode == 0, run.stderr


def test_the_window_takes_the_lock_and_gives_it_back(tmp_path, ledger):
    run = _gui(tmp_path, ledger)
    assert run.returncode == 0, run.stderr
    assert not instance_lock.lock_path(ledger).exists()
    lock = instance_lock.acquire(ledger)        # free again for the next window
    assert lock is not None
    instance_lock.release(lock)


def test_a_lock_left_by_a_program_that_died_is_taken_over(tmp_path, ledger):
    # a window that was killed (or crashed) never removes its lock file
    code = ("import os, sys; from rural_cadre_desktop.gui import instance_lock; "
            "lock = instance_lock.acquire(sys.argv[1]); assert lock is not None; os._exit(0)")
    subprocess.run([sys.executable, "-c", code, str(ledger)], check=True, timeout=60)
    lock_file = instance_lock.lock_path(ledger)
    dead_pid = int(lock_file.read_text().split("\n")[0])
    assert lock_file.exists() and dead_pid != os.getpid()

    run = _gui(tmp_path, ledger)
    assert run.returncode == 0, run.stderr
    log = (tmp_path / "data" / "rural-cadre-desktop" / "logs" / "rural-cadre-desktop.log").read_text("utf-8")
    assert "window shown" in log


def test_a_lock_from_before_a_power_cut_is_taken_over_even_if_its_pid_lives_again(ledger):
    # After a reboot the old pid may belong to a live program again — even one with our name. The
    # boot id in the lock file tells that the lock is older than this boot.
    from PySide6.QtCore import QSysInfo
    app = Path(os.path.realpath(sys.executable)).name
    lock_file = instance_lock.lock_path(ledger)
    lock_file.write_bytes(f"{os.getpid()}\n{app}\n{QSysInfo.machineHostName()}\n".encode()
                          + QSysInfo.machineUniqueId().data() + b"\nnot-this-boot\n")
    lock = instance_lock.acquire(ledger)
    assert lock is not None and lock.isLocked()
    instance_lock.release(lock)
    assert not lock_file.exists()


def test_a_live_lock_is_not_stale_however_old(ledger):
    first = instance_lock.acquire(ledger)
    try:
        os.utime(instance_lock.lock_path(ledger), (0, 0))      # a window open since 1970
        with pytest.raises(instance_lock.AlreadyOpen):
            instance_lock.acquire(ledger)
    finally:
        instance_lock.release(first)


def test_two_names_of_one_file_share_one_lock(tmp_path, ledger):
    link = tmp_path / "shortcut.db"
    link.symlink_to(ledger)
    assert instance_lock.lock_path(link) == instance_lock.lock_path(ledger) == tmp_path / "ledger.db.lock"
    first = instance_lock.acquire(ledger)
    try:
        with pytest.raises(instance_lock.AlreadyOpen) as refused:
            instance_lock.acquire(link)
        assert ALREADY_OPEN in refused.value.zh
    finally:
        instance_lock.release(first)
