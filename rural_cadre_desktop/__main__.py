from rural_cadre_desktop.cli.main import main

raise SystemExit(main())
