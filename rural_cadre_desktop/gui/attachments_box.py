"""AttachmentsBox: the 附件 of one record (a person's archive, a training), over core/attachments.

    box = AttachmentsBox("person", person_id, attachments.ARCHIVE_KINDS, parent)

A table (类型, 名称, 文件, 大小, 添加时间) and the buttons 添加附件… (the type chosen in the combo
beside it; the file through gui/file_dialogs), 打开 (a private copy opened with the system viewer;
double-click or Enter on a row does the same), 另存为…, 重命名…, 删除 (asks first). Each change is
written at once on the writer thread (not with the dialog's 保存), and the box reloads itself;
a refusal shows core's sentence and changes nothing. `changed` fires after each committed change.
"""
from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core import attachments
from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.gui import file_dialogs, operations
from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.table_views import table_view

HEADERS = ["类型", "名称", "文件", "大小", "添加时间"]
FILTER = "PDF 或图片 (*.pdf *.jpg *.jpeg *.png *.tif *.tiff *.bmp);;所有文件 (*)"


class AttachmentsBox(QWidget):
    changed = Signal()

    def __init__(self, owner_table: str, owner_id: str, kinds: dict[str, str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("attachments_box")
        self.owner_table, self.owner_id, self.kinds = owner_table, owner_id, dict(kinds)
        self.items: list[attachments.AttachmentInfo] = []
        self.op = None                                       # the write under way
        self.kind = QComboBox(self, objectName="attachment_kind")
        for key, label in self.kinds.items():
            self.kind.addItem(label, key)
        self.add_button = QPushButton("添加附件(&J)…", self, objectName="attachment_add")
        self.open_button = QPushButton("打开(&O)", self, objectName="attachment_open")
        self.save_button = QPushButton("另存为(&E)…", self, objectName="attachment_save")
        self.rename_button = QPushButton("重命名(&N)…", self, objectName="attachment_rename")
        self.delete_button = QPushButton("删除(&X)", self, objectName="attachment_delete")
        bar = QHBoxLayout()
        label = QLabel("类型(&K)：", self)
        label.setBuddy(self.kind)
        bar.addWidget(label)
        bar.addWidget(self.kind)
        for b in (self.add_button, self.open_button, self.save_button, self.rename_button, self.delete_button):
            bar.addWidget(b)
        bar.addStretch(1)
        self.model = RowsModel(HEADERS, [], centered=(3,))
        self.view = table_view(self.model, "attachments_view")
        self.view.setSelectionMode(self.view.SelectionMode.SingleSelection)
        self.view.doubleClicked.connect(lambda _index: self.open_selected())
        self.view.installEventFilter(self)
        self.message = QLabel(self, objectName="attachment_message")
        self.message.setWordWrap(True)
        hint = QLabel(f"可添加 PDF 或图片（JPEG、PNG、TIFF、BMP），每个不超过 "
                      f"{attachments.MAX_BYTES // 1024 // 1024} MB；添加、重命名、删除立即保存。", self)
        hint.setStyleSheet("color: #555;")
        layout = QVBoxLayout(self)
        layout.addLayout(bar)
        layout.addWidget(self.view, 1)
        layout.addWidget(hint)
        layout.addWidget(self.message)
        self.add_button.clicked.connect(lambda: self.add())
        self.open_button.clicked.connect(lambda: self.open_selected())
        self.save_button.clicked.connect(lambda: self.save_selected())
        self.rename_button.clicked.connect(lambda: self.rename_selected())
        self.delete_button.clicked.connect(lambda: self.delete_selected())
        self.load()

    # -- contents ---------------------------------------------------------------------------------
    def load(self) -> None:
        self.items = attachments.list_for(self.owner_table, self.owner_id)
        self.model.set_rows([(i.kind_label, i.title, i.file_name, attachments.human_size(i.size), i.created_at)
                             for i in self.items])
        self.view.resizeColumnsToContents()
        has = bool(self.items)
        for b in (self.open_button, self.save_button, self.rename_button, self.delete_button):
            b.setEnabled(has)
        if has and not self.view.currentIndex().isValid():
            self.view.selectRow(0)

    def current(self) -> attachments.AttachmentInfo | None:
        index = self.view.currentIndex()
        if not index.isValid() or index.row() >= len(self.items):
            self.message.setText("请先在列表中选中一个附件")
            return None
        return self.items[index.row()]

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        if obj is self.view and event.type() == QEvent.Type.KeyPress and \
                event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.open_selected()
            return True
        return super().eventFilter(obj, event)

    # -- writes ---------------------------------------------------------------------------------
    def _write(self, fn, done_text: str) -> None:
        if self.op is not None:
            return
        self.message.setText("正在保存…")

        def ok(_result) -> None:
            self.op = None
            self.message.setText(done_text)
            self.load()
            self.changed.emit()

        def failed(e: BaseException) -> None:
            self.op = None
            self.message.setText(e.zh if isinstance(e, UserError) else f"保存失败：{e}。请重试。")
            if isinstance(e, UserError):
                QMessageBox.warning(self, "附件", e.zh)
        self.op = operations.run_op(self, lambda ctx: fn(), write=True, label="正在保存附件…",
                                    on_success=ok, on_failure=failed)

    def add(self) -> None:
        path, _ = file_dialogs.open_file_name(self, "添加附件", "", FILTER)
        if not path:
            return
        kind = self.kind.currentData()
        owner, oid = self.owner_table, self.owner_id
        self._write(lambda: attachments.add_file(owner, oid, path, kind=kind), "已添加附件。")

    def rename_selected(self) -> None:
        item = self.current()
        if item is None:
            return
        title, ok = QInputDialog.getText(self, "重命名附件", "附件名称：", text=item.title)
        if ok:
            self._write(lambda: attachments.rename(item.id, title), "已重命名。")

    def delete_selected(self) -> None:
        item = self.current()
        if item is None:
            return
        answer = QMessageBox.question(self, "删除附件", f"删除附件“{item.title}”（{item.file_name}）？\n"
                                      "删除后不再显示，历史记录中保留。")
        if answer == QMessageBox.StandardButton.Yes:
            self._write(lambda: attachments.delete(item.id), "已删除附件。")

    # -- reads ----------------------------------------------------------------------------------
    def open_selected(self) -> None:
        item = self.current()
        if item is None:
            return

        def opened(path) -> None:
            self.message.setText(f"已打开“{item.title}”。")
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))
        operations.run_op(self, lambda ctx: attachments.open_copy_path(item.id), label="正在打开附件…",
                          on_success=opened, on_failure=self._read_failed)

    def save_selected(self) -> None:
        item = self.current()
        if item is None:
            return
        name = attachments.safe_name(item.file_name, item.mime)
        ext = name.rsplit(".", 1)[-1] if "." in name else ""
        path, _ = file_dialogs.save_file_name(self, "附件另存为", name, f"{ext.upper()} 文件 (*.{ext})" if ext else "")
        if not path:
            return
        operations.run_op(self, lambda ctx: attachments.save_copy(item.id, path), label="正在另存…",
                          on_success=lambda p: self.message.setText(f"已另存为 {p}"),
                          on_failure=self._read_failed, audit=("attachment-save", item.id))

    def _read_failed(self, e: BaseException) -> None:
        text = e.zh if isinstance(e, UserError) else f"操作失败：{e}。请重试。"
        self.message.setText(text)
        QMessageBox.warning(self, "附件", text)
