"""Letter templates are configuration the Administrator edits here. Saving never changes a
version: it makes a new one (sent letters keep the version they used)."""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from cads.letters import rendering
from cads.letters.models import LetterSettings, LetterTemplate
from cads.letters.services import letter_template_revise


class LetterTemplateForm(forms.ModelForm):
    class Meta:
        model = LetterTemplate
        fields = ("kind", "title", "body")

    def clean_body(self) -> str:
        body: str = self.cleaned_data["body"]
        try:
            rendering.check_body(body, self.cleaned_data.get("kind") or self.instance.kind)
        except ValidationError as exc:
            raise forms.ValidationError(exc.messages) from exc
        return body


@admin.register(LetterTemplate)
class LetterTemplateAdmin(admin.ModelAdmin):
    form = LetterTemplateForm
    list_display = ("kind", "version", "title", "created_at", "created_by")
    list_filter = ("kind",)
    readonly_fields = ("version", "created_at", "created_by")

    def get_readonly_fields(self, request: HttpRequest, obj: Any = None) -> tuple[str, ...]:
        fields: tuple[str, ...] = ("version", "created_at", "created_by")
        return (*fields, "kind") if obj else fields

    def save_model(self, request: HttpRequest, obj: Any, form: Any, change: bool) -> None:
        template = letter_template_revise(
            actor=request.user,  # type: ignore[arg-type]
            kind=obj.kind,
            title=obj.title,
            body=obj.body,
        )
        obj.pk = template.pk
        obj.version = template.version

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False


@admin.register(LetterSettings)
class LetterSettingsAdmin(admin.ModelAdmin):
    """One row: the schools' same-day feedback time, due days, other support text."""

    list_display = ("__str__", "school_feedback_by", "outcome_letter_working_days")

    def has_add_permission(self, request: HttpRequest) -> bool:
        return super().has_add_permission(request) and not LetterSettings.objects.exists()

    def has_delete_permission(self, request: HttpRequest, obj: object = None) -> bool:
        return False
