"""`python -m auditoria_calidad` runs the command line (the window when no sub-command)."""

from auditoria_calidad.launcher import main

raise SystemExit(main())
