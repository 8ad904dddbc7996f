"""STTR (DMN 1.2 + toepasbare-regels extensions): parse, build, evaluate, verify."""
