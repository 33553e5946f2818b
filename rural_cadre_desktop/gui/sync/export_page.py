"""导出到U盘: a folder (the stick), what to put in the package, the passphrase twice."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.sync import service, vectors
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.operations import run_op
from rural_cadre_desktop.gui.sync.common import error_label, message, passphrase_field

WHOLE_COUNTY = "（全部乡镇）"


class ExportPage(QWidget):
    finished_op = Signal()           # an export finished, either way (tests wait on it)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        inst = service.installation()
        self.folder = QLineEdit(self)
        self.folder.setPlaceholderText("选择U盘（或其中的文件夹）")
        self.choose_button = QPushButton("选择文件夹…", self)
        self.choose_button.clicked.connect(lambda: self.choose())
        where = QHBoxLayout()
        where.addWidget(self.folder, 1)
        where.addWidget(self.choose_button)
        self.full = QRadioButton("全部数据（对方第一次接收，或不确定对方有什么时）", self)
        self.delta = QRadioButton("只含对方还没有的数据：", self)
        self.full.setChecked(True)
        self.peer = QComboBox(self)
        self.peers = vectors.peers()
        for node, info in self.peers.items():
            self.peer.addItem(f"{info.get('name') or node}（{node}）", node)
        if not self.peers:
            self.delta.setEnabled(False)
            self.delta.setToolTip("还没有导入过对方的同步包，不知道对方已有哪些数据")
        self.peer.setEnabled(False)
        self.delta.toggled.connect(lambda on: self.peer.setEnabled(on))
        delta_row = QHBoxLayout()
        delta_row.addWidget(self.delta)
        delta_row.addWidget(self.peer, 1)
        self.township = QComboBox(self)
        self.township.addItem(WHOLE_COUNTY, None)
        if inst["role"] == "county":
            for name in service.townships():
                self.township.addItem(name, name)
        else:
            self.township.hide()
        self.passphrase = passphrase_field(self, "县委组织部统一规定的同步口令")
        self.again = passphrase_field(self, "再输入一次")
        form = QFormLayout()
        form.addRow("保存到：", where)
        form.addRow("内容：", self.full)
        form.addRow("", delta_row)
        if inst["role"] == "county":
            form.addRow("乡镇：", self.township)
        form.addRow("口令：", self.passphrase)
        form.addRow("再输入一次：", self.again)
        hint = QLabel("同步包经过加密，U盘丢失也看不到其中的身份证号。对方导入时需要同一口令。", self)
        hint.setWordWrap(True)
        self.error = error_label(self)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.export_button = QPushButton("导出同步包", self)
        self.export_button.clicked.connect(lambda: self.start())
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        lay = QVBoxLayout(self)
        lay.addLayout(form)
        lay.addWidget(hint)
        lay.addWidget(self.error)
        lay.addWidget(self.result)
        lay.addStretch(1)
        lay.addLayout(buttons)
        self.op = None
        self.written: Path | None = None

    def choose(self) -> None:
        folder = file_dialogs.existing_directory(self, "选择U盘或文件夹")
        if folder:
            self.folder.setText(folder)

    def _refusal(self) -> str | None:
        folder = self.folder.text().strip()
        if not folder:
            return "请先选择保存同步包的U盘或文件夹"
        if not Path(folder).is_dir():
            return f"文件夹“{folder}”不存在，请重新选择"
        if not self.passphrase.text():
            return "请输入同步口令"
        if self.passphrase.text() != self.again.text():
            return "两次输入的口令不一致，请重新输入"
        return None

    def start(self) -> None:
        refusal = self._refusal()
        self.error.setText(refusal or "")
        if refusal:
            return
        target = Path(self.folder.text().strip()) / service.default_file_name()
        passphrase = self.passphrase.text()
        to = self.peer.currentData() if self.delta.isChecked() else None
        township = self.township.currentData()

        def work(ctx):
            return service.export_package(target, passphrase, to=to, township=township,
                                          progress=lambda text: ctx.progress(0, 0, text))
        self.export_button.setEnabled(False)
        self.result.setText("")
        self.op = run_op(self, work, write=True, label="正在导出同步包…",
                         on_success=lambda done: self._done(done), on_failure=lambda e: self._failed(e))

    def _done(self, done: dict) -> None:
        self.written = Path(done["file"])
        self.export_button.setEnabled(True)
        self.result.setText(f"已导出到 {done['file']}：共 {done['rows']} 条记录。请把U盘交给对方，"
                            "对方在“同步(U盘)”里选择这个文件导入。")
        self.finished_op.emit()

    def _failed(self, error: BaseException) -> None:
        self.export_button.setEnabled(True)
        self.error.setText(message(error))
        self.finished_op.emit()
