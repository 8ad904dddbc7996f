"""Report wiring: Allure steps and attachments, the findings register and workbook."""
