"""The *Toepasbare regels aanleveren* SOAP contract (DERIVED: the real WSDL is not public).

Operation and element names live here and nowhere else; the WSDL in ``wsdl/`` uses the same names
and the mock reads them from this module.
"""

from __future__ import annotations

from pathlib import Path

WSDL_PATH = Path(__file__).parent / "wsdl" / "aanleveren-toepasbare-regels-v1.derived.wsdl"
TNS = "urn:ketentest:derived:aanleverentoepasbareregels:v1"
SERVICE = "AanleverenToepasbareRegelsService"
PORT = "AanleverenToepasbareRegelsPort"
OP_AANLEVEREN = "aanleverenToepasbareRegels"
REQUEST = "aanleverenToepasbareRegelsVerzoek"
RESPONSE = "aanleverenToepasbareRegelsAntwoord"
RESULTAAT_GEACCEPTEERD = "Geaccepteerd"
RESULTAAT_AFGEWEZEN = "Afgewezen"
