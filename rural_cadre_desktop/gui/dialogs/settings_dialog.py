"""设置: who this installation is (县, 乡镇, 区划代码) and what its letters say (填报单位, 联系人,
联系电话, 落款). On a new database it is the first thing the clerk sees.

Every value is checked here, with the reason shown next to its field, before anything is written;
the save is core.setup.save_installation (checks again, one transaction, audited like `settings`),
on the writer thread. Lists and the window title follow the "settings" data-changed notice.
"""
from __future__ import annotations

import logging

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QWidget

from rural_cadre_desktop.core import settings, setup
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.validation import (
    clean_text,
    normalise_phone,
    parse_region_code,
)
from rural_cadre_desktop.gui.crash import friendly_message
from rural_cadre_desktop.gui.forms.ui_settings_dialog import Ui_SettingsDialog
from rural_cadre_desktop.gui.operations import run_op

log = logging.getLogger("rcd.gui.settings")

# settings key -> line edit name in the form
_EDITS = {
    "county": "countyEdit", "township": "townshipEdit", "township_code": "townshipCodeEdit",
    "filing_unit": "filingUnitEdit", "contact_person": "contactPersonEdit",
    "contact_phone": "contactPhoneEdit", "seal_text": "sealTextEdit",
}
_FREE_TEXT = ("filing_unit", "contact_person", "seal_text")


def save_settings(values: dict[str, str | None], first_time: bool) -> list[str]:
    """The dialog's save (runs on the writer thread): core.setup.save_installation. After set-up
    the county and township are fixed, so only the editable keys go."""
    if not first_time:
        values = {k: v for k, v in values.items() if k in setup.EDITABLE}
    return setup.save_installation(values)


class SettingsDialog(QDialog):
    saved = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.ui = Ui_SettingsDialog()
        self.ui.setupUi(self)
        self.first_time = not setup.is_initialised()
        self._op = None
        current = settings.all_settings()
        for key, name in _EDITS.items():
            getattr(self.ui, name).setText(current.get(key) or "")
        for label in (self.ui.townshipCodeError, self.ui.contactPhoneError, self.ui.errorLabel):
            label.hide()
        if self.first_time:
            self.setWindowTitle("设置 — 首次使用")
            self.ui.introLabel.setText("首次使用，请先填写本乡镇所在的县和乡镇名称。"
                                       "县和乡镇一经设置不能更改（另一个乡镇请用新的数据库文件）。")
        else:
            for edit in (self.ui.countyEdit, self.ui.townshipEdit):
                edit.setReadOnly(True)
                edit.setToolTip("县和乡镇已设置，不能更改；另一个乡镇请用新的数据库文件")
            self.ui.introLabel.setText("县和乡镇已设置，不能更改。其余各项可随时修改，用于邀请函和报表。")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Save).setText("保存")
        self.ui.buttonBox.button(QDialogButtonBox.StandardButton.Cancel).setText("取消")
        self.ui.buttonBox.accepted.connect(self.save)
        self.ui.buttonBox.rejected.connect(self.reject)

    def _text(self, key: str) -> str:
        return clean_text(getattr(self.ui, _EDITS[key]).text())

    def _show(self, label, message: str | None) -> None:
        label.setText(message or "")
        label.setVisible(bool(message))

    def collect(self) -> dict[str, str | None] | None:
        """The values to save, or None after showing every problem next to its field."""
        values: dict[str, str | None] = {k: (self._text(k) or None) for k in _FREE_TEXT}
        values["county"], values["township"] = self._text("county"), self._text("township")
        ok = True
        try:
            values["township_code"] = parse_region_code(self._text("township_code"))
            self._show(self.ui.townshipCodeError, None)
        except UserError as e:
            self._show(self.ui.townshipCodeError, e.zh)
            ok = False
        try:
            values["contact_phone"] = normalise_phone(self._text("contact_phone"))
            self._show(self.ui.contactPhoneError, None)
        except UserError as e:
            self._show(self.ui.contactPhoneError, e.zh)
            ok = False
        missing = [label for key, label in (("county", "县"), ("township", "乡镇")) if not values[key]]
        self._show(self.ui.errorLabel, f"请填写{'和'.join(missing)}名称" if missing else None)
        return values if ok and not missing else None

    def save(self) -> None:
        values = self.collect()
        if values is None:
            return
        self.ui.buttonBox.setEnabled(False)
        first_time = self.first_time
        self._op = run_op(self, lambda ctx: save_settings(values, first_time), write=True,
                          label="正在保存设置…", on_success=self._saved, on_failure=self._failed,
                          changes={"settings", "villages"} if first_time else {"settings"})

    def _saved(self, _result) -> None:
        log.info("settings saved")
        self.ui.buttonBox.setEnabled(True)
        self.saved.emit()
        self.accept()

    def _failed(self, error: BaseException) -> None:
        self.ui.buttonBox.setEnabled(True)
        field = getattr(error, "field", None)
        beside = {"township_code": self.ui.townshipCodeError, "contact_phone": self.ui.contactPhoneError}
        if field in beside and isinstance(error, UserError):
            self._show(beside[field], error.zh)
        self._show(self.ui.errorLabel, friendly_message(error) or f"保存没有成功：{error}")
