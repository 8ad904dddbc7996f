"""One client per voorziening/koppelvlak. Each takes an ``httpx.Client``; none knows about mocks."""
