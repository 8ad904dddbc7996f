"""The LVBB's bronhouderkoppelvlak: leveringen over Digikoppeling, validated (:mod:`.validatie`), published and
passed to OZON (:mod:`.partij`)."""
