"""How gunicorn serves CADS: `make demo` and `make bench-load` both start it from this file
(gunicorn reads `gunicorn.conf.py` from the directory it starts in), and a council's own
service manager can too. ADR 0026, amended: the figures that chose these are in
docs/benchmarks.md ("Load: a busy front door").

Django's pages are mostly Python work, so one process serves one core: threads in one
process take turns on one interpreter lock. Processes, then, about two a core so one is
ready while another waits on PostgreSQL, each with two threads so a request that hashes a
password (a sign-in, ~60 ms) never holds the only thread a member of the public's form
needs. WEB_CONCURRENCY and CADS_WEB_THREADS change them without editing this file.
"""

from __future__ import annotations

import os

_cores = os.cpu_count() or 1

workers = int(os.environ.get("WEB_CONCURRENCY", str(2 * _cores + 1)))
worker_class = "gthread"
threads = int(os.environ.get("CADS_WEB_THREADS", "2"))
# Long enough for the heaviest export; the worker does slow work, not the web.
timeout = 60
