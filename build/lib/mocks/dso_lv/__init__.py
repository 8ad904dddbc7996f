"""DSO-LV, the landelijke voorziening: the Omgevingsloket (:mod:`.loket`), the RTR (:mod:`.rtr`), OZON
(:mod:`.ozon`), verzoeksroutering (:mod:`.routering`), Verzoek afhandelen (:mod:`.afhandelen`), the delivery of
verzoeknotificaties (:mod:`.bezorging`), samenwerken (:mod:`.samenwerken`) and the register of verzoeken they
share (:mod:`.verzoeken`), assembled as one party in :mod:`.partij`."""
