from django.apps import AppConfig


class ImportExportConfig(AppConfig):
    name = "faqbase.importexport"
    label = "importexport"
    verbose_name = "Import and export"
