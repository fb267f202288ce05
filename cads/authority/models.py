"""The authority's configuration: one row, edited by an administrator."""

from __future__ import annotations

import datetime

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models

LA_CODE = RegexValidator(r"^\d{3}$", "Enter the DfE local authority code as 3 digits, like 938")


class AuthorityConfiguration(models.Model):
    """What a council changes without code. Demo defaults are a fictional authority; phone
    numbers are from Ofcom's range reserved for drama (03069 990xxx), so none is real."""

    singleton = models.BooleanField(default=True, unique=True, editable=False)
    authority_name = models.CharField(max_length=200, default="Wessex County Council")
    service_name = models.CharField(
        max_length=200, default="Children's Advice and Duty Service (CADS)"
    )
    la_code = models.CharField("DfE LA code", max_length=3, default="999", validators=[LA_CODE])
    public_phone = models.CharField("Public line", max_length=40, default="03069 990000")
    professionals_phone = models.CharField(
        "Professionals' line", max_length=40, default="03069 990001"
    )
    professionals_menu_option = models.CharField(
        "Professionals' menu option", max_length=40, default="option 2", blank=True
    )
    out_of_hours_phone = models.CharField(
        "Out-of-hours line", max_length=40, default="03069 990099"
    )
    # Letters name the Early Help team and its number (Working Together 2023: a referrer
    # told a case is below the threshold is told where help is); blank when a council has no
    # public Early Help line, and then no letter template may name it.
    early_help_team_name = models.CharField(
        "Early Help team's name", max_length=200, default="Early Help team"
    )
    early_help_phone = models.CharField(
        "Early Help line", max_length=40, default="03069 990002", blank=True
    )
    emergency_number = models.CharField("Emergency number", max_length=10, default="999")
    emergency_instruction = models.TextField(
        default="If a child is in immediate danger, call 999 now.",
    )
    opening_hours = models.CharField(
        max_length=200, default="Monday to Friday, 9am to 5pm (except bank holidays)"
    )
    # Office hours drive every working-hours clock (cads.core.clocks); the text above is what
    # the public is told and may say more (for example "except bank holidays").
    office_opens = models.TimeField(default=datetime.time(9, 0))
    office_closes = models.TimeField(default=datetime.time(17, 0))
    letterhead = models.TextField(
        default="Wessex County Council\nChildren's Services\nCounty Hall\nWessex\nWX1 1AA",
        help_text="Printed at the top of every letter, one line per line.",
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "authority configuration"
        verbose_name_plural = "authority configuration"

    def __str__(self) -> str:
        return f"{self.authority_name} configuration"

    def clean(self) -> None:
        if self.office_opens and self.office_closes and self.office_opens >= self.office_closes:
            raise ValidationError(
                {"office_closes": "The office must close after it opens on the same day"}
            )
