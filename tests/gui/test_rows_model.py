"""RowsModel, the in-memory table model behind the import wizard's lists: headers, display text,
tooltips, check boxes (ticked by model calls and by the keyboard in a view), resets; and a
50,000-row refused list on the wizard's dry-run page shown in a plain QTableView."""
from __future__ import annotations

import csv

from PySide6.QtCore import QModelIndex, Qt
from PySide6.QtWidgets import QTableView, QTableWidget, QWizard

from rural_cadre_desktop.core import regions
from rural_cadre_desktop.core.models import Person
from rural_cadre_desktop.gui.ledgers import ImportWizard
from rural_cadre_desktop.gui.rows_model import RowsModel

D, TIP, CHECK = Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.CheckStateRole
ROWS = [(4, "张三", None), (7, "王䶮", "号码校验位不对，请核对身份证号")]


def cell(model, row, col, role=D):
    return model.index(row, col).data(role)


def test_headers_display_and_tooltips(qtbot):
    model = RowsModel(["原表行号", "姓名", "原因"], ROWS, tooltips=True)
    assert (model.rowCount(), model.columnCount()) == (2, 3)
    assert [model.headerData(c, Qt.Orientation.Horizontal) for c in range(3)] == ["原表行号", "姓名", "原因"]
    assert model.headerData(1, Qt.Orientation.Vertical) == "2"
    assert cell(model, 0, 0) == "4" and cell(model, 1, 1) == "王䶮" and cell(model, 0, 2) == ""
    assert cell(model, 1, 2, TIP) == "号码校验位不对，请核对身份证号"
    assert model.row(1) == ROWS[1]
    for role in (Qt.ItemDataRole.DecorationRole, Qt.ItemDataRole.FontRole, CHECK, Qt.ItemDataRole.UserRole):
        assert cell(model, 0, 0, role) is None          # roles it does not handle: Qt's default
    assert model.data(QModelIndex()) is None
    assert RowsModel(["a"], [("x",)]).index(0, 0).data(TIP) is None       # tooltips are opt-in
    short = RowsModel(["a", "b"], [("only",)])
    assert cell(short, 0, 1) == ""                      # a short row shows empty cells


def test_check_states(qtbot):
    model = RowsModel(["行", "姓名"], ROWS, checkable=True)
    assert model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsUserCheckable
    assert not model.flags(model.index(0, 1)) & Qt.ItemFlag.ItemIsUserCheckable
    assert cell(model, 0, 0, CHECK) == Qt.CheckState.Unchecked and cell(model, 0, 1, CHECK) is None
    with qtbot.waitSignal(model.dataChanged):
        assert model.setData(model.index(1, 0), Qt.CheckState.Checked.value, CHECK)    # as a view sends it
    assert model.checked_rows() == [1] and cell(model, 1, 0, CHECK) == Qt.CheckState.Checked
    assert not model.setData(model.index(1, 1), Qt.CheckState.Checked.value, CHECK)
    model.set_checked(1, False)
    model.set_checked(0, True)
    assert model.checked_rows() == [0]
    model.set_all(True)
    assert model.checked_rows() == [0, 1]
    model.set_all(False)
    assert model.checked_rows() == []
    plain = RowsModel(["行"], [(1,)])
    assert not plain.setData(plain.index(0, 0), Qt.CheckState.Checked.value, CHECK)


def test_ticking_in_a_view_with_the_keyboard(qtbot):
    model = RowsModel(["行", "姓名"], ROWS, checkable=True)
    view = QTableView()
    qtbot.addWidget(view)
    view.setModel(model)
    view.show()
    view.setCurrentIndex(model.index(1, 0))
    qtbot.keyClick(view, Qt.Key_Space)
    assert model.checked_rows() == [1]
    qtbot.keyClick(view, Qt.Key_Space)
    assert model.checked_rows() == []


def test_set_rows_resets(qtbot):
    model = RowsModel(["行", "姓名"], ROWS, checkable=True)
    model.set_checked(0, True)
    with qtbot.waitSignals([model.modelAboutToBeReset, model.modelReset]):
        model.set_rows([(9, "李四"), (10, "赵五"), (11, "钱六")], checked=[False, True, False])
    assert model.rowCount() == 3 and cell(model, 2, 1) == "钱六"
    assert model.checked_rows() == [1]                  # the old ticks went with the old rows
    model.set_rows([(1, "甲")], headers=["序号", "名", "备注"])
    assert model.columnCount() == 3 and model.headerData(2, Qt.Orientation.Horizontal) == "备注"
    assert model.checked_rows() == []


def test_fifty_thousand_refused_rows_on_the_dry_run_page(qtbot, store, tmp_path):
    """Every name has digits in it (张0 … 张49999): the preview refuses all 50,000 and lists them."""
    regions.add_village("石门村")
    path = tmp_path / "big.csv"
    with open(path, "w", newline="", encoding="utf-8") as f:
        out = csv.writer(f)
        out.writerow(["序号", "村别", "姓名", "联系电话"])
        out.writerows([i + 1, "石门", f"张{i}", ""] for i in range(50_000))
    w = ImportWizard(path=str(path))
    qtbot.addWidget(w)
    w.show()
    for _ in range(3):                                   # file → sheet → mapping → dry run
        qtbot.mouseClick(w.button(QWizard.NextButton), Qt.LeftButton)
    page = w.plan_page
    qtbot.waitUntil(page.isComplete, timeout=60000)
    assert "未导入 50000 行" in page.summary.text() and Person.alive().count() == 0

    view = page.refused
    assert isinstance(view, QTableView) and not isinstance(view, QTableWidget)
    model = view.model()
    assert isinstance(model, RowsModel) and model.rowCount() == 50_000
    page.tabs.setCurrentWidget(view)
    last = model.index(49_999, 1)
    assert not view.viewport().rect().intersects(view.visualRect(last))
    view.scrollToBottom()
    view.grab()                                          # paint: data() for every visible cell
    assert view.viewport().rect().intersects(view.visualRect(last))
    assert cell(model, 49_999, 0) == "50001"             # the sheet row under the header
    assert "张49999" in cell(model, 49_999, 1) and "张49999" in cell(model, 49_999, 1, TIP)
