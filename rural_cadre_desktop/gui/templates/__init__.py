"""一表通 pages for the main window: 填报表格 (fill a superior's blank form) and 自定义报表."""
from rural_cadre_desktop.gui.templates.fill_page import FillTemplatePage
from rural_cadre_desktop.gui.templates.report_page import CustomReportPage

__all__ = ["FillTemplatePage", "CustomReportPage"]
