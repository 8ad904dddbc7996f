"""A reference VTH system of a bevoegd gezag: receives verzoeknotificaties, fetches the verzoek and its bijlagen
from Verzoek afhandelen and keeps zaken (:mod:`.partij`), tells MijnOverheid Lopende Zaken of their status
(:mod:`.statusmelder`), and shows its zaken through a ZGW-style API (:mod:`.zgw`)."""
