"""ImportWizard(parent): the 导入台账 wizard the main window opens (gui/main_window.py)."""
from __future__ import annotations

from PySide6.QtWidgets import QWidget, QWizard

from rural_cadre_desktop.gui.ledgers.run_pages import PlanPage, RunPage
from rural_cadre_desktop.gui.ledgers.source_pages import (
    FilePage,
    MappingPage,
    SheetPage,
)


class State:
    """What the pages hand on: the read file with its layout, the training, the dry-run plan."""
    prep = None
    training_id = None
    plan = None


class ImportWizard(QWizard):
    def __init__(self, parent: QWidget | None = None, path: str | None = None, kind: str | None = None,
                 training_id: str | None = None):
        """`kind` and `training_id` preset the first page (导入签到表 of a class: attendance, that class)."""
        super().__init__(parent)
        self.setWindowTitle("导入台账")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnLastPage, True)
        self.setButtonText(QWizard.NextButton, "下一步(&N) >")      # Alt+N: the keyboard gets through too
        self.setButtonText(QWizard.BackButton, "< 上一步(&B)")
        self.setButtonText(QWizard.FinishButton, "完成")
        self.setButtonText(QWizard.CancelButton, "取消")
        self.setButtonText(QWizard.CommitButton, "导入(&I)")
        self.state = State()
        self.file_page = FilePage(self.state)
        self.sheet_page = SheetPage(self.state)
        self.mapping_page = MappingPage(self.state)
        self.plan_page = PlanPage(self.state)
        self.run_page = RunPage(self.state)
        for page in (self.file_page, self.sheet_page, self.mapping_page, self.plan_page, self.run_page):
            self.addPage(page)
        if path:
            self.file_page.path.setText(path)
        for combo, value in ((self.file_page.kind, kind), (self.file_page.training, training_id)):
            if value is not None and combo.findData(value) >= 0:
                combo.setCurrentIndex(combo.findData(value))
        self.resize(900, 600)

    def reject(self) -> None:
        """Closing the wizard mid-import cancels it: the transaction rolls back, nothing changes."""
        op = self.run_page.op
        if op is not None and not self.run_page.finished:
            op.cancel()
        super().reject()
