"""Test-only job kinds for tests/hardening/test_faults.py, installed only in the worker subprocess
(tests/hardening/fault_settings.py): slow enough to be killed half-way, on purpose."""
