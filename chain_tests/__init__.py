"""ketentest: an end-to-end test harness for the DSO-keten.

Public surface:

- :mod:`chain_tests.keten` — the chain steps in domain words (``publiceer_regels``, ``dien_in``, …).
- :mod:`chain_tests.errors` — the two error families (``ChainTestError`` and ``KetenBevinding``).
- :mod:`chain_tests.casus` — casus data files for functioneel beheerders.
"""

from chain_tests.errors import ChainTestError, KetenBevinding

__all__ = ["ChainTestError", "KetenBevinding"]
