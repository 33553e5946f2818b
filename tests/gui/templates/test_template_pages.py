"""The 填报表格 and 自定义报表 pages, driven as a clerk would on demo data."""
from __future__ import annotations

import pytest
from openpyxl import Workbook, load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from rural_cadre_desktop.core.kinds import export_records
from rural_cadre_desktop.core.models import Setting
from rural_cadre_desktop.gui import file_dialogs


def _form(path):
    wb = Workbook()
    ws = wb.active
    ws.append(["返乡人员花名册"])
    ws.append(["序号", "姓名", "基本情况", None, "鞋码"])
    ws.append([None, None, "公民身份号码", "村别", None])
    for rng in ("A2:A3", "B2:B3", "C2:D2", "E2:E3"):
        ws.merge_cells(rng)
    wb.save(path)
    return path


@pytest.fixture
def warnings(monkeypatch):
    seen = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text, *a: seen.append(text))
    return seen


@pytest.fixture
def fill_page(qtbot, demo_store):
    from rural_cadre_desktop.gui.templates import FillTemplatePage
    page = FillTemplatePage()
    qtbot.addWidget(page)
    page.show()
    return page


def test_fill_a_form_fixing_the_mapping_and_it_is_remembered(qtbot, fill_page, tmp_path, monkeypatch, warnings):
    page = fill_page
    tpl = _form(tmp_path / "form.xlsx")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(tpl), ""))
    qtbot.mouseClick(page.open_button, Qt.MouseButton.LeftButton)
    m = page.mapping
    assert m.rowCount() == 5
    assert [m.data(m.index(r, 1)) for r in range(5)] == ["序号", "姓名", "基本情况/公民身份号码",
                                                                  "基本情况/村别", "鞋码"]
    assert page.combo("基本情况/公民身份号码").currentText() == "身份证号"
    assert page.combo("鞋码").currentText() == "（不填，留空）" and "未对应（将留空）：鞋码" in page.summary.text()
    assert m.data(m.index(4, 1), Qt.ItemDataRole.BackgroundRole).color().name() == "#fde2e1"
    assert m.data(m.index(1, 1), Qt.ItemDataRole.BackgroundRole) is None

    page.combo("鞋码").setCurrentIndex(page.combo("鞋码").findText("流向（务工地点）"))
    assert "未对应" not in page.summary.text()
    village = export_records("villages")[0]["name"]
    page.filters.village.setCurrentIndex(page.filters.village.findText(village))
    out = tmp_path / "filled.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(page.finished, timeout=20000):
        qtbot.mouseClick(page.generate_button, Qt.MouseButton.LeftButton)
    expected = [r for r in export_records("returnees") if r["village"] == village]
    rows = list(load_workbook(out).active.iter_rows(min_row=4, values_only=True))
    assert len(rows) == len(expected) == page.result.rows > 0
    assert sorted((r[1], r[4] or None) for r in rows) == sorted((e["name"], e["work_place"]) for e in expected)
    assert all("*" in r[2] for r in rows if r[2]) and {r[3] for r in rows} == {village}
    assert "已部分隐藏" in page.status.text() and page.folder_button.isEnabled()
    assert not warnings

    # next time the same header comes in, the correction is already there
    from rural_cadre_desktop.gui.templates import FillTemplatePage
    again = FillTemplatePage()
    qtbot.addWidget(again)
    assert again.load_template(_form(tmp_path / "form2.xlsx"))
    assert again.combo("鞋码").currentText() == "流向（务工地点）" and "沿用上次的对应" in again.file_label.text()


def test_a_form_that_cannot_be_used_is_explained(qtbot, fill_page, tmp_path, monkeypatch, warnings):
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a spreadsheet")
    monkeypatch.setattr(file_dialogs, "open_file_name", lambda *a, **k: (str(bad), ""))
    qtbot.mouseClick(fill_page.open_button, Qt.MouseButton.LeftButton)
    assert warnings and "无法读取表格" in warnings[0] and "无法读取表格" in fill_page.status.text()
    assert not fill_page.generate_button.isEnabled() and fill_page.mapping.rowCount() == 0
    wb = Workbook()
    wb.active.append(["品名", "数量"])
    wb.save(tmp_path / "nohead.xlsx")
    assert not fill_page.load_template(tmp_path / "nohead.xlsx")
    assert "没有找到表头" in warnings[-1]


@pytest.fixture
def report_page(qtbot, demo_store):
    from rural_cadre_desktop.gui.templates import CustomReportPage
    page = CustomReportPage()
    qtbot.addWidget(page)
    page.show()
    return page


def _pick(page, label):
    item = page.available.findItems(label, Qt.MatchFlag.MatchExactly)[0]
    page.available.setCurrentItem(item)
    page.available.clearSelection()
    item.setSelected(True)
    page.findChild(type(page.save_button), "addColumn").click()


def test_build_save_and_run_a_custom_report(qtbot, report_page, tmp_path, monkeypatch, warnings):
    page = report_page
    page.kind.setCurrentIndex(page.kind.findData("reserves"))
    for label in ("姓名", "村(社区)", "年龄", "后备类别"):
        _pick(page, label)
    page.chosen.item(2).setText("年龄（岁）")          # renamed by the clerk
    page.chosen.setCurrentRow(1)
    page.findChild(type(page.save_button), "moveUp").click()      # 村(社区) first
    page.name.setText("书记后备名册")
    page.report_title.setText("村党组织书记后备人选名册")
    page.filters.track.setCurrentIndex(page.filters.track.findData("secretary"))
    page.filters.sort.setCurrentIndex(page.filters.sort.findData("village"))
    qtbot.mouseClick(page.save_button, Qt.MouseButton.LeftButton)
    assert [page.saved.item(i).text() for i in range(page.saved.count())] == ["书记后备名册"]
    assert Setting.get_or_none(Setting.key == "custom_report.书记后备名册") is not None

    out = tmp_path / "r.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(page.finished, timeout=20000):
        qtbot.mouseClick(page.run_xlsx, Qt.MouseButton.LeftButton)
    rows = list(load_workbook(out).active.iter_rows(values_only=True))
    secretaries = [r for r in export_records("reserves") if r["track"] == "secretary"]
    assert rows[0][0] == "村党组织书记后备人选名册"
    assert rows[2] == ("村(社区)", "姓名", "年龄（岁）", "后备类别")
    assert len(rows) == 3 + len(secretaries) + 1
    assert {r[3] for r in rows[3:-1]} == {"村党组织书记后备人选"}

    # the PDF: core hands over the table, the page renders it with the shared ledger layout
    pdf = tmp_path / "r.pdf"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(pdf), ""))
    with qtbot.waitSignal(page.finished, timeout=20000):
        qtbot.mouseClick(page.run_pdf, Qt.MouseButton.LeftButton)
    import pdfplumber
    with pdfplumber.open(pdf) as doc:
        text = "".join(p.extract_text() or "" for p in doc.pages)
    assert "村党组织书记后备人选名册" in text and secretaries[0]["name"] in text

    # one click on the saved report brings it all back
    page.kind.setCurrentIndex(page.kind.findData("returnees"))
    page.saved.setCurrentRow(0)
    assert page.kind_key == "reserves" and page.name.text() == "书记后备名册"
    assert [page.chosen.item(i).text() for i in range(page.chosen.count())] == ["村(社区)", "姓名", "年龄（岁）",
                                                                               "后备类别"]
    assert page.filters.track.currentData() == "secretary" and not warnings


def test_a_report_without_columns_is_not_saved(qtbot, report_page):
    report_page.name.setText("空报表")
    qtbot.mouseClick(report_page.save_button, Qt.MouseButton.LeftButton)
    assert "至少要选一个栏目" in report_page.status.text()
    assert report_page.saved.count() == 0
    assert Setting.select().where(Setting.key.startswith("custom_report.")).count() == 0


def test_cancel_before_the_fill_starts_writes_nothing(qtbot, fill_page, tmp_path, warnings):
    import threading

    from rural_cadre_desktop.gui.operations import run_op
    page = fill_page
    assert page.load_template(_form(tmp_path / "form.xlsx"))
    gate = threading.Event()
    blocker = run_op(page, lambda ctx: gate.wait(30), write=True, progress=False)   # the writer is busy
    out = tmp_path / "out.xlsx"
    page.generate(str(out))
    with qtbot.waitSignal(page.op.cancelled, timeout=20000):
        page.op.cancel()                 # the clerk presses 取消 while it waits
        gate.set()
    assert blocker is not None and not out.exists() and not list(tmp_path.glob("*.part"))
    assert page.result is None and page.generate_button.isEnabled() and page.status.text() == "已取消，没有生成文件。"


def test_a_report_run_audits_on_the_writer_thread(qtbot, report_page, tmp_path, monkeypatch):
    """The report is built on a reader thread; its audit row, the same as `report run` writes on
    the command line, comes from the writer thread after the file is saved."""
    import threading
    from rural_cadre_desktop.core import store as store_mod
    from rural_cadre_desktop.core.models import AuditLog
    from rural_cadre_desktop.gui.operations import writer
    page = report_page
    _pick(page, "姓名")
    page.name.setText("花名册")
    seen = []
    real = store_mod.audit
    monkeypatch.setattr(store_mod, "audit", lambda action, detail=None: (
        seen.append((action, writer.is_writer_thread(), threading.current_thread().name)), real(action, detail))[1])
    out = tmp_path / "r.xlsx"
    monkeypatch.setattr(file_dialogs, "save_file_name", lambda *a, **k: (str(out), ""))
    with qtbot.waitSignal(page.finished, timeout=20000):
        qtbot.mouseClick(page.run_xlsx, Qt.MouseButton.LeftButton)
    assert out.exists()
    assert [(a, w) for a, w, _ in seen] == [("report run", True)]
    last = AuditLog.select().order_by(AuditLog.seq.desc()).first()
    assert last.action == "report run" and last.detail.startswith("花名册 → r.xlsx ") and last.detail.endswith("masked")
