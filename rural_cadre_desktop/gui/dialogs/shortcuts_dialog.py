"""帮助 → 快捷键: every key the program answers, in one table (issue 16: clerks who type from
paper all day should never need the mouse, and should be able to find out how)."""
from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QHeaderView, QLabel, QVBoxLayout, QWidget

from rural_cadre_desktop.gui.rows_model import RowsModel
from rural_cadre_desktop.gui.screen_fit import fit
from rural_cadre_desktop.gui.table_views import table_view

SHORTCUTS: list[tuple[str, str, str]] = [
    ("全局", "Ctrl+1 … Ctrl+5", "切换到 返乡人员 / 后备干部 / 培训记录 / 填报表格 / 自定义报表"),
    ("全局", "Ctrl+F", "到当前列表的查找框"),
    ("全局", "Ctrl+I", "导入台账"),
    ("全局", "Ctrl+E", "把当前列表导出为 Excel 台账"),
    ("全局", "Ctrl+L", "打印邀请函"),
    ("全局", "Ctrl+P", "打印选中人员的档案表"),
    ("全局", "F1", "本表：所有快捷键"),
    ("全局", "Ctrl+Q", "退出"),
    ("全局", "Alt+F / Alt+S / Alt+P / Alt+H", "打开 文件 / 设置 / 打印 / 帮助 菜单"),
    ("列表", "Enter", "打开（修改）选中的一条"),
    ("列表", "Delete", "删除选中的（先确认）"),
    ("列表", "Ctrl+N 或 Insert", "新增"),
    ("列表", "菜单键 或 Shift+F10", "在当前行打开右键菜单"),
    ("列表", "Tab / Shift+Tab", "离开列表，到下一个 / 上一个按钮或输入框"),
    ("列表", "↑ ↓ PgUp PgDn Home End", "在列表中移动"),
    ("页面", "Ctrl+PgDn / Ctrl+PgUp", "切换到下一个 / 上一个分页（如 台账、“八个一”年度落实、活动记录）"),
    ("表单", "Tab / Shift+Tab", "下一项 / 上一项；离开一项时检查所填内容"),
    ("表单", "Enter", "保存（在多行文字中为换行）"),
    ("表单", "Esc", "关闭；已填写的内容会先询问是否放弃"),
    ("导入向导", "Alt+N / Alt+B", "下一步 / 上一步"),
    ("导入向导", "Alt+I", "开始导入"),
]


class ShortcutsDialog(QDialog):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("ShortcutsDialog")
        self.setWindowTitle("快捷键")
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("不用鼠标也能完成日常工作。以下按键在对应的地方有效：", self))
        self.model = RowsModel(["在哪里", "按键", "作用"], SHORTCUTS, parent=self)
        self.table = table_view(self.model, "shortcuts")
        head = self.table.horizontalHeader()
        head.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        head.setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        layout.addWidget(self.table, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.button(QDialogButtonBox.StandardButton.Close).setText("关闭")
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        fit(self, 760, 560)
