"""Every save of the returnee tab goes through here: the work runs on the one writer thread
(gui/operations.run_op(write=True)), so the UI never holds SQLite's write lock and writes never
race each other. A refusal (core.errors.UserError) comes back as its Chinese sentence; anything
else as a short failure notice (the traceback is in the log, Op logs it). The work itself is a core
service (core/returnees/services.py …) that audits as the command line does."""
from __future__ import annotations

from typing import Any, Callable

from PySide6.QtWidgets import QWidget

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui.operations import Op, run_op


def write(parent: QWidget | None, fn: Callable[[], Any], *, on_success: Callable[[Any], None] | None = None,
          on_refused: Callable[[str, UserError | None], None] | None = None,
          label: str = "正在保存…", changes=None) -> Op:
    """Run fn() on the writer; on_refused(text, error) gets the sentence to show (error is None
    when the failure was not the clerk's to fix). `changes`: the kinds of data a success changed
    (gui/operations.KINDS): the lists showing them reload on that notice, before on_success."""
    def failed(e: BaseException) -> None:
        if on_refused is None:
            return
        if isinstance(e, UserError):
            on_refused(e.zh, e)
        else:
            on_refused(f"保存失败：{e}。请重试；如仍失败，请把日志发给技术支持。", None)

    return run_op(parent, lambda ctx: fn(), write=True, label=label,
                  on_success=on_success, on_failure=failed, changes=changes)
