"""The project's tooling scripts: localenv.py (the local environment) and faults/ (the fault and load checks)."""
