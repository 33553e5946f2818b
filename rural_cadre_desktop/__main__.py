"""`python -m rural_cadre_desktop`: the same launcher as the console script (GUI or command line)."""
from rural_cadre_desktop.launcher import main

raise SystemExit(main())
