"""The reserve pool's dialogs: 一人一档 (ArchiveDialog)."""
from rural_cadre_desktop.gui.reserves.archive_dialog import ArchiveDialog

__all__ = ["ArchiveDialog"]
