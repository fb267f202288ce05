from django.apps import AppConfig


class AuditConfig(AppConfig):
    """Append-only case events (the timeline) and the access log (who viewed what)."""

    name = "cads.audit"
    label = "audit"
