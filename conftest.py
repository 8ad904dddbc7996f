"""Wiring only. The ketentest plugin is registered through its pytest11 entry point
(chain_tests.plugin); this file exists so the rootdir is the project root."""
