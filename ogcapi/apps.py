from django.apps import AppConfig


class OgcapiConfig(AppConfig):
    name = "ogcapi"
    verbose_name = "OGC API - Features"
