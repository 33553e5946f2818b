"""Printing documents in the GUI: print preview (QtPdf) with 打印 and 另存为PDF, the letter-template
editor, and the invitation batch dialog (generation off the UI thread with progress and cancel).

Entry points for the main window:
    open_print_preview(parent, pdf_path)        -> PrintPreviewDialog (shown, non-modal)
    InvitationBatchDialog(parent, person_ids)   -> QDialog; exec() or show()
    TemplateEditorDialog(parent)                -> QDialog
    generate_pdf(parent, build, on_done, label) -> builds any reports/ document off the UI thread
"""
from rural_cadre_desktop.gui.documents.batch import InvitationBatchDialog, generate_pdf
from rural_cadre_desktop.gui.documents.preview import (
           PrintPreviewDialog,
           open_print_preview,
)
from rural_cadre_desktop.gui.documents.template_editor import TemplateEditorDialog

__all__ = ["open_print_preview", "PrintPreviewDialog", "InvitationBatchDialog", "TemplateEditorDialog",
           "generate_pdf"]
