"""The scenarios, one module each; SCENARIOS maps the names --only takes to them, in the order they run.

Each scenario drives a Run at a rate derived from the capacity C and appends its PASS/FAIL row(s).
"""

from __future__ import annotations

from collections.abc import Callable

from scripts.faults.run import Run
from scripts.faults.scenarios.backup import scenario_backup
from scripts.faults.scenarios.hup import scenario_hup
from scripts.faults.scenarios.kill import scenario_kill_worker
from scripts.faults.scenarios.large_article import scenario_large_article
from scripts.faults.scenarios.login_flood import scenario_login_flood
from scripts.faults.scenarios.overload import scenario_overload
from scripts.faults.scenarios.pg_crash import scenario_pg_crash
from scripts.faults.scenarios.soak import scenario_soak
from scripts.faults.scenarios.worker_killed import scenario_worker_killed

# The job scenarios come first: no worker runs in the others, whose articles' jobs (thousands in
# the soak) the worker-killed scenario would otherwise have to work through before its own.
SCENARIOS: dict[str, Callable[[Run, float], None]] = {
    "large_article": scenario_large_article,
    "worker_killed": scenario_worker_killed,
    "soak": scenario_soak,
    "overload": scenario_overload,
    "kill": scenario_kill_worker,
    "pg": scenario_pg_crash,
    "hup": scenario_hup,
    "login_flood": scenario_login_flood,
    "backup": scenario_backup,
}
