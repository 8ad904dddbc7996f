"""Imitations of the landelijke voorzieningen (DSO-LV) and a reference VTH system.

Each party is state plus request → response handlers, bound by operation of the one endpoint table
(:mod:`chain_tests.standards.operaties`) in a :class:`mocks.routing.MockPartij`, written once and served by
two bindings that answer the same (:func:`mocks.routing.behandel`): in-process through respx
(:class:`mocks.routing.InProcessTransport`, used by :mod:`chain_tests.offline`) and over HTTPS with mutual
TLS as ASGI apps under uvicorn (:mod:`mocks.asgi`, :mod:`mocks.serve`, ``python -m mocks serve``).
Pushed messages go through an outbox (:mod:`mocks.bezorging`). :mod:`mocks.keten` assembles every party
of one keten for the harness.
"""
