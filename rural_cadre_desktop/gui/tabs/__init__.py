"""The main window's tabs, one module each (a tab may later grow into a package of its own)."""
