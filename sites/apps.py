from django.apps import AppConfig


class SitesConfig(AppConfig):
    name = "sites"
    verbose_name = "Asset register"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from .spatial_index import repair_after_migrate

        # SQLite table rebuilds (later migrations) drop the spatial index triggers: put them back.
        post_migrate.connect(repair_after_migrate, sender=self, dispatch_uid="sites_spatial_index_repair")
