"""MijnOverheid Lopende Zaken (Logius): the zaakstatussen a bevoegd gezag reports, as the citizen sees them
(:mod:`.partij`)."""
