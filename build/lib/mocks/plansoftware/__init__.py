"""Reference plansoftware of a bevoegd gezag: sends an omgevingsplan's opdracht to the LVBB over Digikoppeling
and keeps the verslagen it gets back (:mod:`.partij`)."""
