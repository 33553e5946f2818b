"""Entry point of the PyInstaller bundle: the same main() as the console script (launcher: GUI
without a subcommand, else the command line)."""
import sys

from rural_cadre_desktop.launcher import main

if __name__ == "__main__":
    # The ledger import's writer process (multiprocessing, spawn) re-runs this executable.
    import multiprocessing
    multiprocessing.freeze_support()
    sys.exit(main())
