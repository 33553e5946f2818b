"""Print preview of a PDF we made: QPdfView over QPdfDocument; 打印 renders each page at the
printer's resolution onto a QPrinter (what the clerk sees is what prints); 另存为PDF asks where and
copies the file atomically. `printed(pages)` and `saved(path)` tell whoever opened the preview that
the document actually went out (the letters batch asks about the 八个一 record only then).

Buttons connect to slots that take no argument: `clicked(bool)` would otherwise fill the first
optional parameter (it once made `save_as(False)` write "False.pdf" without asking)."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt, Signal
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import save_atomic
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.screen_fit import fit


class PrintPreviewDialog(QDialog):
    printed = Signal(int)       # pages sent to the printer
    saved = Signal(str)         # where 另存为PDF wrote the copy

    def __init__(self, parent: QWidget | None, pdf_path: str | os.PathLike, title: str = "打印预览"):
        super().__init__(parent)
        self.setWindowTitle(title)
        fit(self, 900, 1000)          # a 1024×768 screen gets what fits
        self.pdf_path = Path(pdf_path)
        self.document = QPdfDocument(self)
        error = self.document.load(str(self.pdf_path))
        self.view = QPdfView(self)
        self.view.setPageMode(QPdfView.PageMode.MultiPage)
        self.view.setZoomMode(QPdfView.ZoomMode.FitToWidth)
        self.view.setDocument(self.document)
        self.pages_label = QLabel(f"共 {self.document.pageCount()} 页")
        self.print_button = QPushButton("打印…")
        self.save_button = QPushButton("另存为PDF…")
        close = QPushButton("关闭")
        self.print_button.clicked.connect(lambda: self.print_document())
        self.save_button.clicked.connect(lambda: self.save_as())
        close.clicked.connect(lambda: self.close())
        bar = QHBoxLayout()
        bar.addWidget(self.pages_label)
        bar.addStretch(1)
        for b in (self.print_button, self.save_button, close):
            bar.addWidget(b)
        lay = QVBoxLayout(self)
        lay.addLayout(bar)
        lay.addWidget(self.view, 1)
        if error != QPdfDocument.Error.None_:
            self.pages_label.setText("无法打开这个 PDF 文件")
            self.print_button.setEnabled(False)

    def print_to(self, printer: QPrinter, first: int = 1, last: int = 0) -> int:
        """Render pages first..last (1-based; 0 = to the end) onto the printer; returns pages sent."""
        count = self.document.pageCount()
        last = last or count
        painter = QPainter()
        if not painter.begin(printer):
            return 0
        sent = 0
        try:
            dpi = printer.resolution()
            for i in range(first - 1, min(last, count)):
                if sent:
                    printer.newPage()
                pts = self.document.pagePointSize(i)
                size = QSize(int(pts.width() / 72 * dpi), int(pts.height() / 72 * dpi))
                image = self.document.render(i, size)
                target = QRectF(printer.pageLayout().paintRectPixels(dpi))
                # whole page (margins already in the PDF): scale into the printable area, keep aspect
                scale = min(target.width() / size.width(), target.height() / size.height())
                w, h = size.width() * scale, size.height() * scale
                painter.drawImage(QRectF(0, 0, w, h), image)
                sent += 1
        finally:
            painter.end()
        return sent

    def print_document(self) -> None:
        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setFullPage(True)
        dlg = QPrintDialog(printer, self)
        dlg.setWindowTitle("打印")
        dlg.setMinMax(1, max(1, self.document.pageCount()))
        if dlg.exec() != QDialog.DialogCode.Accepted:
            return
        first, last = (printer.fromPage(), printer.toPage()) if printer.fromPage() else (1, 0)
        sent = self.print_to(printer, first, last)
        if not sent:
            QMessageBox.warning(self, "打印", "打印机没有就绪，请检查打印机后重试。")
            return
        self.printed.emit(sent)

    def save_as(self) -> bool:
        """另存为PDF…: ask where (cancel writes nothing), then copy there."""
        target, _ = file_dialogs.save_file_name(self, "另存为PDF", str(Path.home() / self.pdf_path.name),
                                                "PDF 文件 (*.pdf)")
        if not target:
            return False
        return self.save_to(target)

    def save_to(self, target: str | os.PathLike) -> bool:
        """Copy the PDF to `target` (".pdf" added when missing); a refusal is shown, not raised."""
        if not isinstance(target, (str, os.PathLike)) or not str(target):
            raise TypeError(f"save_to needs a path, not {target!r}")
        target = Path(target if str(target).lower().endswith(".pdf") else f"{target}.pdf")
        try:
            save_atomic(lambda tmp: shutil.copyfile(self.pdf_path, tmp), target)
        except UserError as e:
            QMessageBox.warning(self, "另存为PDF", e.zh)
            return False
        self.saved.emit(str(target))
        return True


def open_print_preview(parent: QWidget | None, pdf_path, title: str = "打印预览") -> PrintPreviewDialog:
    dlg = PrintPreviewDialog(parent, pdf_path, title)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg
