"""CIN census code lists for referrals (DfE Children in Need census, PrimaryNeedCode)."""

from __future__ import annotations

from django.db import models


class PrimaryNeed(models.TextChoices):
    """CIN census primary need (N00101). If in doubt between two, choose the higher one."""

    N1 = "N1", "N1 Abuse or neglect"
    N2 = "N2", "N2 Child's disability"
    N3 = "N3", "N3 Parental disability or illness"
    N4 = "N4", "N4 Family in acute stress"
    N5 = "N5", "N5 Family dysfunction"
    N6 = "N6", "N6 Socially unacceptable behaviour"
    N7 = "N7", "N7 Low income"
    N8 = "N8", "N8 Absent parenting"
    N9 = "N9", "N9 Cases other than children in need"
    N0 = "N0", "N0 Not stated (not yet determined)"
