"""The printing dialogs driven as a clerk would: preview, print to a PDF printer, save as,
batch invitations with progress and the confirmed 八个一 record, the template editor."""
import pytest
from PySide6.QtPrintSupport import QPrinter
from PySide6.QtWidgets import QMessageBox

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core.models import Activity, ActivityParticipant, Returnee
from rural_cadre_desktop.gui.documents import InvitationBatchDialog, TemplateEditorDialog, open_print_preview
from rural_cadre_desktop.reports.letters import build_letters


def _invited(year):
    return (ActivityParticipant.alive().join(Activity)
            .where((Activity.kind == "invitation") & (Activity.year == year)).count())


@pytest.fixture
def letters_pdf(demo_store, tmp_path):
    people = d.recipients()[:3]
    path = tmp_path / "l.pdf"
    build_letters(path, d.letters_for(people, 2030))
    return path


def test_preview_prints_every_page_and_saves_a_copy(qtbot, letters_pdf, tmp_path):
    dlg = open_print_preview(None, letters_pdf)
    qtbot.addWidget(dlg)
    assert dlg.document.pageCount() == 3
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(tmp_path / "printed.pdf"))
    assert dlg.print_to(printer) == 3
    assert (tmp_path / "printed.pdf").stat().st_size > 0
    assert dlg.save_as(str(tmp_path / "copy")) is True
    assert (tmp_path / "copy.pdf").read_bytes() == letters_pdf.read_bytes()


def test_batch_generates_previews_and_records_after_confirmation(qtbot, demo_store, monkeypatch):
    ids = [r.person_id for r in Returnee.alive().limit(5)]
    dlg = InvitationBatchDialog(None, ids)
    qtbot.addWidget(dlg)
    dlg.year.setValue(2034)
    monkeypatch.setattr(dlg, "ask_record", lambda n: True)       # the clerk answers 是
    dlg.generate()
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=20000)
    qtbot.addWidget(dlg.preview)
    assert dlg.preview.document.pageCount() == 5
    qtbot.waitUntil(lambda: _invited(2034) == 5, timeout=20000)


def test_batch_without_confirmation_records_nothing(qtbot, demo_store, monkeypatch, tmp_path):
    ids = [r.person_id for r in Returnee.alive().limit(4)]
    dlg = InvitationBatchDialog(None, ids)
    qtbot.addWidget(dlg)
    dlg.year.setValue(2035)
    dlg.separate.setChecked(True)
    monkeypatch.setattr(dlg, "ask_record", lambda n: False)      # the clerk answers 否
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.generate(str(tmp_path / "out"))
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 4
    assert _invited(2035) == 0


def test_template_editor_refuses_a_broken_template_and_saves_a_good_one(qtbot, store, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: warnings.append(a[2]))
    dlg = TemplateEditorDialog(None)
    qtbot.addWidget(dlg)
    dlg.editor.setPlainText("【标题】\n邀请函\n【称呼】\n尊敬的{名字}：\n【正文】\n欢迎")
    dlg.save_button.click()
    assert warnings and "名字" in warnings[0]
    assert "{名字}" not in d.invitation_template_text()
    dlg.editor.setPlainText(d.invitation_template_text().replace("邀请函\n", "恳谈会邀请函\n", 1))
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        dlg.save_button.click()
    assert "恳谈会邀请函" in d.invitation_template_text()
