"""The 培训记录 tab's parts (gui/tabs/trainings.py assembles them): the class dialog, the attendance
pane with its people picker and row editor, and the 达标情况 page of the yearly rules."""
from rural_cadre_desktop.gui.trainings.attendance_pane import AttendancePane
from rural_cadre_desktop.gui.trainings.class_dialog import ClassDialog
from rural_cadre_desktop.gui.trainings.rules_page import RulesPage

__all__ = ["AttendancePane", "ClassDialog", "RulesPage"]
