"""The administrator's form for the authority configuration."""

from django import forms

from cads.authority.models import AuthorityConfiguration


class AuthorityConfigurationForm(forms.ModelForm):
    class Meta:
        model = AuthorityConfiguration
        fields = [
            "authority_name",
            "service_name",
            "la_code",
            "public_phone",
            "professionals_phone",
            "professionals_menu_option",
            "out_of_hours_phone",
            "emergency_instruction",
            "opening_hours",
            "letterhead",
        ]
        error_messages = {
            "authority_name": {"required": "Enter the authority's name"},
            "service_name": {"required": "Enter the service name"},
            "la_code": {"required": "Enter the DfE local authority code"},
            "public_phone": {"required": "Enter the public phone number"},
            "professionals_phone": {"required": "Enter the professionals' phone number"},
            "out_of_hours_phone": {"required": "Enter the out-of-hours phone number"},
            "emergency_instruction": {"required": "Enter the emergency instruction"},
            "opening_hours": {"required": "Enter the opening hours"},
            "letterhead": {"required": "Enter the letterhead"},
        }
        widgets = {
            "emergency_instruction": forms.Textarea(attrs={"rows": 2}),
            "letterhead": forms.Textarea(attrs={"rows": 5}),
        }
