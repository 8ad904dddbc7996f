"""Offline imitations of the landelijke voorzieningen and a reference VTH system.

Each party is state plus request → response handlers (:class:`mocks.routing.MockPartij`), written once
and bound to a transport: :class:`mocks.routing.InProcessTransport` (respx routes, in-process) now,
an ASGI app for served mode later. Pushed messages go through an outbox (:mod:`mocks.bezorging`).
"""
