"""What every mock party stands on, whichever voorziening it imitates: route tables and the one dispatch
(:mod:`.routing`), the answers on the wire (:mod:`.antwoorden`), the ASGI binding and the server that runs it
(:mod:`.asgi`, :mod:`.server`), the forking launcher (:mod:`.partijen`), the ``/_ketentest/`` administration
(:mod:`.beheer`), temporary stores (:mod:`.opslag`) and bounded retention (:mod:`.bewaren`).

Nothing here knows a voorziening; the voorzieningen and the composition roots build on it."""
