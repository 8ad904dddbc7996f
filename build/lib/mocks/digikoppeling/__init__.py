"""Digikoppeling ebMS2 as the mock parties speak it: receiving a message and refusing it with an ErrorList
(:mod:`.ontvangst`), reliable sending with retries and acknowledgments (:mod:`.postvak`), and the deliberate
faults of a real chain wrapped around that post (:mod:`.storingen`). Shared by every voorziening that sends or
receives over Digikoppeling."""
