"""PySide6 user interface: main window, one module per tab, table models, dialogs, operations.

The core modules the window's first page needs are imported here, before anything imports PySide6:
once loaded, PySide6 hooks every import to read the importing module's source (its `__feature__`
check), about 25 ms of a start for these alone. They do not import Qt."""
import rural_cadre_desktop.core.returnees.display  # noqa: F401
import rural_cadre_desktop.core.returnees.query  # noqa: F401
import rural_cadre_desktop.core.returnees.services  # noqa: F401
import rural_cadre_desktop.core.reserves.services  # noqa: F401
import rural_cadre_desktop.core.setup  # noqa: F401
import rural_cadre_desktop.core.store  # noqa: F401
