"""归雁计划 services: the returnee registry (query, card, form saves), the yearly "八个一" log,
the grid, duplicates and merges with undo, and turning a returnee into a reserve candidate.
Qt-free: the GUI tab and `cli/returnees.py` share everything here."""
