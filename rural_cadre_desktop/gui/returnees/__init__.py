"""返乡人员 tab (归雁计划): registry list, card dialog, "八个一" activities and the yearly grid."""
from rural_cadre_desktop.gui.returnees.tab import ReturneesTab

__all__ = ["ReturneesTab"]
