"""Imitations of the landelijke voorzieningen and of the parties around them, one package per voorziening.

- :mod:`mocks.dso_lv` — DSO-LV (Omgevingsloket, RTR, OZON, verzoeksroutering, Verzoek afhandelen, samenwerken);
- :mod:`mocks.lvbb` — the LVBB; :mod:`mocks.plansoftware` — a reference plansoftware;
- :mod:`mocks.vth` — a reference VTH system per organisation; :mod:`mocks.lopendezaken` — MijnOverheid Lopende
  Zaken;
- :mod:`mocks.digikoppeling` — ebMS2 as these parties speak it (receiving, the reliable post, injected faults);
- :mod:`mocks._infra` — what every party stands on: route tables and the one dispatch, the ASGI binding and the
  server, the launcher, the ``/_ketentest/`` administration, stores.

Each party is state plus request → response handlers, bound by operation of the one endpoint table
(:mod:`chain_tests.standards.operaties`) in a :class:`mocks._infra.routing.MockPartij`, written once and served by
two bindings that answer the same (:func:`mocks._infra.routing.behandel`): in-process through respx (used by
:mod:`chain_tests.offline`) and over HTTPS with mutual TLS as ASGI apps under uvicorn. The two composition roots
assemble the parties: :mod:`mocks.keten` in-process for the harness, :mod:`mocks.serve` (``python -m mocks
serve``) as servers.
"""
