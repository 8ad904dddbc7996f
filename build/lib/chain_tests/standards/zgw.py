"""Paths of the ZGW APIs (Zaken, Documenten) as the ZGW adapter reads them (VNG's ZGW standard)."""

ZAKEN = "/zgw/zaken/api/v1/zaken"
ZAAKINFORMATIEOBJECTEN = "/zgw/zaken/api/v1/zaakinformatieobjecten"
ZAAKEIGENSCHAPPEN = "/zgw/zaken/api/v1/zaken/{uuid}/zaakeigenschappen"
INFORMATIEOBJECT = "/zgw/documenten/api/v1/enkelvoudiginformatieobjecten/{uuid}"
