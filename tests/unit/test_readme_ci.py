"""README's test command is what CI runs, word for word."""
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_ci_runs_the_readme_test_command():
    ci_last = [l for l in (ROOT / ".ci" / "run").read_text().splitlines() if l.strip()][-1]
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert ci_last.strip() in readme
    assert "pytest" in ci_last


def _apt_line() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    line = next(l for l in readme.splitlines() if "apt-get install libegl1" in l)
    return set(line.split("apt-get install", 1)[1].split("`", 1)[0].split())


def test_readme_names_every_system_package_the_xcb_plugin_loads():
    """A newcomer's Linux machine lacked libxcb-icccm4 and libxcb-keysyms1 and the README did not
    say so. Every X11/xcb/GL/font library that Qt's xcb plugin links to (and that the wheel does not
    carry) must be in the README's apt line; the Debian package of each comes from dpkg."""
    import shutil
    import subprocess
    import PySide6
    if not shutil.which("dpkg") or not shutil.which("ldd"):
        import pytest
        pytest.skip("needs a Debian-family system (dpkg, ldd) to map libraries to packages")
    qt = Path(PySide6.__file__).parent / "Qt"
    libs = set()
    for f in (qt / "plugins" / "platforms" / "libqxcb.so", *qt.glob("lib/libQt6XcbQpa.so*")):
        out = subprocess.run(["ldd", str(f)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            parts = line.split("=>")
            if len(parts) == 2 and parts[1].strip().startswith("/") and str(qt) not in parts[1]:
                name = parts[0].strip()
                if name.startswith(("libxcb", "libxkb", "libX11", "libEGL", "libGL.", "libfontconfig",
                                    "libfreetype", "libdbus", "libglib")):
                    libs.add(str(Path(parts[1].split()[0]).resolve()))
    assert libs, "ldd found no system libraries for the xcb plugin"
    packages = set()
    for lib in libs:
        # by file name: with merged /usr, dpkg knows /lib/… where the loader found /usr/lib/…
        res = subprocess.run(["dpkg", "-S", "*/" + Path(lib).name], capture_output=True, text=True)
        assert res.returncode == 0, f"{lib} is not from a Debian package: install the README's list first"
        packages.add(res.stdout.split(":", 1)[0])
    missing = packages - _apt_line()
    assert not missing, f"README's apt line lacks {sorted(missing)}"
