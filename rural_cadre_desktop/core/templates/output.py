"""Saving what the app hands out: atomically (temporary name, then rename), with the masking
choice written into the workbook's properties and the audit log."""
from __future__ import annotations

import os
from pathlib import Path

from rural_cadre_desktop.core import store
from rural_cadre_desktop.core.errors import UserError

MASKED_NOTE = "身份证号、电话已部分隐藏"
FULL_NOTE = "含完整身份证号和电话，请妥善保管"


def mask_note(full_id: bool) -> str:
    return FULL_NOTE if full_id else MASKED_NOTE


def check_target(path) -> Path:
    path = Path(path)
    if not path.parent.exists():
        raise UserError(f"输出文件夹 {path.parent} 不存在，请先建立或换一个位置",
                        f"output folder {path.parent} does not exist")
    return path


def save_atomic(write, path) -> Path:
    """`write(tmp_path)` writes the file; it is renamed into place only when complete."""
    path = check_target(path)
    tmp = path.with_name(path.name + ".part")
    try:
        write(tmp)
        os.replace(tmp, path)
    except OSError as e:
        tmp.unlink(missing_ok=True)
        raise UserError(f"无法写入 {path}：{e.strerror}，请检查磁盘空间和写权限（文件是否正在Excel中打开）",
                        f"cannot write {path}: {e.strerror}") from e
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return path


def mark_workbook(wb, full_id: bool, what: str) -> None:
    wb.properties.description = f"{what}；{mask_note(full_id)}"
    wb.properties.keywords = "full-id" if full_id else "masked"


def audit(action: str, detail: str, full_id: bool) -> None:
    store.audit(action, f"{detail} {'full-id' if full_id else 'masked'}")
