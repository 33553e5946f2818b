"""Print preview of a PDF we made: QPdfView over QPdfDocument; 打印 renders each page at the
printer's resolution onto a QPrinter (what the clerk sees is what prints); 另存为PDF copies the file
atomically."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter
from PySide6.QtPdf import QPdfDocument
from PySide6.QtPdfWidgets import QPdfView
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import (QDialog, QFileDialog, QHBoxLayout, QLabel, QMessageBox, QPushButton,
                               QVBoxLayout, QWidget)

from rural_cadre_desktop.core.errors import UserError
from rural_cadre_desktop.core.outputs import save_atomic


class PrintPreviewDialog(QDialog):
    def __init__(self, parent: QWidget | None, pdf_path: str | os.PathLike, title: str = "打印预览"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.resize(900, 1000)
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
        self.print_button.clicked.connect(self.print_document)
        self.save_button.clicked.connect(self.save_as)
        close.clicked.connect(self.close)
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
        if not self.print_to(printer, first, last):
            QMessageBox.warning(self, "打印", "打印机没有就绪，请检查打印机后重试。")

    def save_as(self, target: str | None = None) -> bool:
        if target is None:
            target, _ = QFileDialog.getSaveFileName(self, "另存为PDF", str(Path.home() / self.pdf_path.name),
                                                    "PDF 文件 (*.pdf)")
            if not target:
                return False
        target = Path(target if str(target).lower().endswith(".pdf") else f"{target}.pdf")
        try:
            save_atomic(lambda tmp: shutil.copyfile(self.pdf_path, tmp), target)
        except UserError as e:
            QMessageBox.warning(self, "另存为PDF", e.zh)
            return False
        return True


def open_print_preview(parent: QWidget | None, pdf_path, title: str = "打印预览") -> PrintPreviewDialog:
    dlg = PrintPreviewDialog(parent, pdf_path, title)
    dlg.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dlg.show()
    return dlg
