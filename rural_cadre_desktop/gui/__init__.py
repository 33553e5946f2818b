"""PySide6 user interface: main window, one module per tab, table models, dialogs, operations."""
