test:
	pytest -k Ã(ÿ
