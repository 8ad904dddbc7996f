"""The reference VTH's ZGW face: its zaken as a zaaksysteem shows them through the Zaken API 1.5, the Documenten
API 1.4 and the Catalogi API 1.3, at open-zaak's API roots under the VTH's URL.

It behaves as a real ZRC/DRC/ZTC does, so that passing against it says something about a real one: a JWT per
call, checked against the client's secret and scopes (401, 403), the CRS headers on zaken (412), the filters and
pagination of the specifications, ``application/problem+json`` errors, and statussen and resultaten that move the
zaak on (as the behandelaar does in the VTH). Every field the specifications require is filled. What is served:
:data:`mocks.vth.zgw.gezicht.ROUTES`; what a DSO verzoek looks like as a zaak: :mod:`chain_tests.standards.zgw`.
"""

from mocks.vth.zgw.bron import ZaakBron
from mocks.vth.zgw.gezicht import ZgwGezicht

__all__ = ["ZaakBron", "ZgwGezicht"]
