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
            "early_help_team_name",
            "early_help_phone",
            "emergency_number",
            "emergency_instruction",
            "opening_hours",
            "office_opens",
            "office_closes",
            "letterhead",
        ]
        labels = {
            "office_opens": "Office opens (24-hour time)",
            "office_closes": "Office closes (24-hour time)",
        }
        help_texts = {
            "early_help_phone": (
                "Printed in letters that tell people where to get Early Help. Leave it empty "
                "if there is no public line: letter templates then cannot name it"
            ),
            "office_opens": "Working-hours clocks start at this time on working days, like 09:00",
            "office_closes": "Working-hours clocks stop at this time, like 17:00",
        }
        error_messages = {
            "authority_name": {"required": "Enter the authority's name"},
            "service_name": {"required": "Enter the service name"},
            "la_code": {"required": "Enter the DfE local authority code"},
            "public_phone": {"required": "Enter the public phone number"},
            "professionals_phone": {"required": "Enter the professionals' phone number"},
            "out_of_hours_phone": {"required": "Enter the out-of-hours phone number"},
            "early_help_team_name": {"required": "Enter the Early Help team's name"},
            "emergency_number": {"required": "Enter the emergency number, like 999"},
            "emergency_instruction": {"required": "Enter the emergency instruction"},
            "opening_hours": {"required": "Enter the opening hours"},
            "office_opens": {
                "required": "Enter the time the office opens",
                "invalid": "Enter the time the office opens as hours and minutes, like 09:00",
            },
            "office_closes": {
                "required": "Enter the time the office closes",
                "invalid": "Enter the time the office closes as hours and minutes, like 17:00",
            },
            "letterhead": {"required": "Enter the letterhead"},
        }
        widgets = {
            "emergency_instruction": forms.Textarea(attrs={"rows": 2}),
            "letterhead": forms.Textarea(attrs={"rows": 5}),
            "office_opens": forms.TimeInput(
                format="%H:%M", attrs={"class": "govuk-input--width-5"}
            ),
            "office_closes": forms.TimeInput(
                format="%H:%M", attrs={"class": "govuk-input--width-5"}
            ),
        }
