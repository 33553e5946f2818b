"""导入台账 wizard: pick a file → sheet/header preview → column mapping → dry run with
differences → import off the UI thread → summary. Open it with `ImportWizard(parent).exec()`."""
from rural_cadre_desktop.gui.ledgers.wizard import ImportWizard

__all__ = ["ImportWizard"]
