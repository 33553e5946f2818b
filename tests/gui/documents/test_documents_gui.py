"""The printing dialogs driven as a clerk would, through their real buttons: preview, print, 另存为PDF
(asks where; cancel writes nothing), batch invitations (在外 by default, 已返乡 on request, the
letter's date and its Spring Festival year, the 八个一 record asked only after printing or saving),
the template editor."""
import datetime as dt

import pdfplumber
import pytest
from PySide6.QtCore import QDate
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QMessageBox

from rural_cadre_desktop.core import documents as d
from rural_cadre_desktop.core.models import Activity, ActivityParticipant, Returnee
from rural_cadre_desktop.gui import file_dialogs
from rural_cadre_desktop.gui.documents import (
    InvitationBatchDialog,
    TemplateEditorDialog,
    open_print_preview,
)
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


@pytest.fixture
def in_tmp_cwd(tmp_path, monkeypatch):
    """The working folder is an empty folder of its own: nothing may appear in it."""
    cwd = tmp_path / "cwd"
    cwd.mkdir()
    monkeypatch.chdir(cwd)
    return cwd


@pytest.fixture
def pdf_printer(monkeypatch, tmp_path):
    """The print dialog, accepted with a PDF printer (there is no real printer here)."""
    out = tmp_path / "printed.pdf"

    def accept(self):
        self.printer().setOutputFormat(QPrinter.OutputFormat.PdfFormat)
        self.printer().setOutputFileName(str(out))
        return QDialog.DialogCode.Accepted
    monkeypatch.setattr(QPrintDialog, "exec", accept)
    return out


def test_print_button_prints_every_page(qtbot, driver, letters_pdf, pdf_printer):
    dlg = open_print_preview(None, letters_pdf)
    qtbot.addWidget(dlg)
    assert dlg.document.pageCount() == 3
    with qtbot.waitSignal(dlg.printed, timeout=10000) as sent:
        driver.click(dlg.print_button)
    assert sent.args == [3]
    assert pdf_printer.stat().st_size > 0


def test_save_as_button_asks_where_and_writes_there(qtbot, driver, letters_pdf, tmp_path, in_tmp_cwd,
                                                    monkeypatch):
    asked = []
    target = tmp_path / "saved" / "邀请函副本"
    target.parent.mkdir()

    def ask(*a, **k):
        asked.append(a)
        return str(target), "PDF 文件 (*.pdf)"
    monkeypatch.setattr(file_dialogs, "save_file_name", ask)
    dlg = open_print_preview(None, letters_pdf)
    qtbot.addWidget(dlg)
    saved = []
    if hasattr(dlg, "saved"):
        dlg.saved.connect(saved.append)
    driver.click(dlg.save_button)
    assert list(in_tmp_cwd.iterdir()) == []          # no False.pdf in the working folder
    assert asked, "另存为PDF must ask where to save"
    written = target.with_name("邀请函副本.pdf")
    assert written.read_bytes() == letters_pdf.read_bytes()
    assert saved == [str(written)]


def test_save_as_cancelled_writes_nothing(qtbot, driver, letters_pdf, tmp_path, in_tmp_cwd, monkeypatch):
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: ("", ""))
    before = set(tmp_path.rglob("*"))
    dlg = open_print_preview(None, letters_pdf)
    qtbot.addWidget(dlg)
    saved = []
    if hasattr(dlg, "saved"):
        dlg.saved.connect(saved.append)
    driver.click(dlg.save_button)
    assert list(in_tmp_cwd.iterdir()) == []
    assert set(tmp_path.rglob("*")) == before and saved == []


# -- the letters batch --------------------------------------------------------------------------

def _people(away: int, returned: int) -> list[str]:
    a = [r.person_id for r in Returnee.alive().where(Returnee.status == "away").limit(away)]
    b = [r.person_id for r in Returnee.alive().where(Returnee.status == "returned").limit(returned)]
    return a + b


@pytest.fixture
def batch(qtbot, demo_store):
    from rural_cadre_desktop.gui.documents.batch import Recipients

    def make(away=3, returned=2, today=dt.date(2030, 6, 1)):
        ids = _people(away, returned)
        dlg = InvitationBatchDialog(None, [Recipients.of_people(f"选中的 {len(ids)} 人", ids)], today=today)
        qtbot.addWidget(dlg)
        dlg.show()
        return dlg
    return make


def test_batch_takes_people_still_away_and_offers_the_returned(qtbot, driver, batch):
    dlg = batch(away=3, returned=2)
    assert dlg.include_returned.isVisible() and not dlg.include_returned.isChecked()
    assert dlg.include_returned.text() == "也给已返乡的 2 人"
    assert "将生成 3 封" in dlg.count_label.text()
    driver.click(dlg.include_returned)
    assert "将生成 5 封" in dlg.count_label.text()


def test_batch_when_everyone_has_returned_makes_nothing_by_default(qtbot, driver, batch):
    dlg = batch(away=0, returned=2)
    assert "都已返乡" in dlg.count_label.text() and not dlg.generate_button.isEnabled()
    driver.click(dlg.include_returned)
    assert dlg.generate_button.isEnabled() and "将生成 2 封" in dlg.count_label.text()


def test_letter_date_sets_the_festival_year(qtbot, batch):
    dlg = batch(today=dt.date(2030, 6, 1))
    assert dlg.year.value() == d.festival_year(dt.date(2030, 6, 1))
    dlg.date.setDate(QDate(2026, 12, 1))           # after 2026's Spring Festival: invites for 2027's
    assert dlg.year.value() == 2027 and "2027" in dlg.festival.text()
    dlg.date.setDate(QDate(2026, 1, 10))           # before it: 2026's
    assert dlg.year.value() == 2026


def test_record_is_asked_only_after_the_letters_were_saved(qtbot, batch, driver, tmp_path, monkeypatch):
    dlg = batch(away=3, returned=2)
    dlg.date.setDate(QDate(2031, 12, 1))
    dlg.year.setValue(2034)                        # the 八个一 year may differ from the festival's
    driver.answer("否")                            # were a question shown when the preview opens
    driver.click(dlg.generate_button)
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=20000)
    qtbot.addWidget(dlg.preview)
    qtbot.wait(300)
    assert driver.boxes == [], "nothing went out yet: no question about the 八个一 record"
    assert dlg.preview.document.pageCount() == 3   # the 3 away, not the 2 returned
    text = pdfplumber.open(str(dlg.preview.pdf_path)).pages[0].extract_text()
    assert "2032年春节" in text.replace(" ", "") and "2031年12月1日" in text.replace(" ", "")
    assert _invited(2034) == 0
    driver.stop()

    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(tmp_path / "letters.pdf"), ""))
    driver.boxes.clear()
    driver.answer("是")
    driver.click(dlg.preview.save_button)
    qtbot.waitUntil(lambda: _invited(2034) == 3, timeout=20000)
    assert len(driver.boxes) == 1 and "3" in driver.boxes[0]
    assert (tmp_path / "letters.pdf").exists()
    dates = {a.date for a in Activity.select().where((Activity.kind == "invitation") & (Activity.year == 2034))}
    assert {str(x) for x in dates} == {"2031-12-01"}


def test_record_asked_after_printing_and_only_once(qtbot, batch, driver, pdf_printer, tmp_path, monkeypatch):
    dlg = batch(away=2, returned=0)
    dlg.year.setValue(2036)
    driver.click(dlg.generate_button)
    qtbot.waitUntil(lambda: dlg.preview is not None, timeout=20000)
    qtbot.addWidget(dlg.preview)
    driver.answer("是")
    driver.click(dlg.preview.print_button)
    qtbot.waitUntil(lambda: _invited(2036) == 2, timeout=20000)
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(tmp_path / "again.pdf"), ""))
    driver.boxes.clear()
    driver.answer("是")
    driver.click(dlg.preview.save_button)
    qtbot.wait(300)
    assert driver.boxes == []                      # asked once per batch of letters


def test_separate_files_then_no_record_when_the_clerk_says_no(qtbot, batch, driver, tmp_path, monkeypatch):
    dlg = batch(away=4, returned=1)
    dlg.year.setValue(2035)
    dlg.separate.setChecked(True)
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a, **k: str(tmp_path / "out"))
    driver.answer("否")
    with qtbot.waitSignal(dlg.accepted, timeout=20000):
        driver.click(dlg.generate_button)
    assert len(list((tmp_path / "out").glob("*.pdf"))) == 4
    assert len(driver.boxes) == 1                  # asked after the files were written
    assert _invited(2035) == 0


def test_separate_files_cancelled_folder_writes_nothing(qtbot, batch, driver, monkeypatch):
    dlg = batch()
    dlg.separate.setChecked(True)
    monkeypatch.setattr(file_dialogs, "existing_directory", lambda *a, **k: "")
    driver.click(dlg.generate_button)
    assert dlg.op is None and dlg.isVisible()


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
