"""Qt-free core: storage, domain services, validation, import/export, sync.

Nothing under this package may import PySide6 (tests/unit/test_layers.py enforces it), so the
command line, the tests and a county server can use it alone.
"""
