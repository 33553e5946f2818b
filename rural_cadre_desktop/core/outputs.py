"""Writing what the app hands out (spreadsheets, PDFs, exports) so that a file is either complete
or absent: written under a temporary name beside the target, renamed into place when done.
One place for it, so every output gives the same clear message when the folder is missing, the
disk is full or the file is open in Excel/WPS."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable

from rural_cadre_desktop.core.errors import UserError


def check_target(path) -> Path:
    """Refuse an output whose folder does not exist, before any work is done."""
    path = Path(path)
    if not path.parent.exists():
        raise UserError(f"输出文件夹 {path.parent} 不存在，请先建立或换一个位置",
                        f"output folder {path.parent} does not exist")
    if not os.access(path.parent, os.W_OK):
        raise UserError(f"没有权限写入 {path.parent}，请换一个位置", f"cannot write to {path.parent}")
    if path.is_dir():
        raise UserError(f"{path} 是一个文件夹，请给出文件名", f"{path} is a folder, not a file")
    return path


def save_atomic(write: Callable[[Path], None], path) -> Path:
    """`write(tmp_path)` writes the file; it is renamed into place only when complete."""
    path = check_target(path)
    tmp = path.with_name(path.name + ".part")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入 {path}：{e.strerror}，请检查磁盘空间和写权限（文件是否正在 Excel/WPS 中打开）",
                        f"cannot write {path}: {e.strerror}") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def write_bytes_atomic(data: bytes, path) -> Path:
    return save_atomic(lambda tmp: tmp.write_bytes(data), path)
