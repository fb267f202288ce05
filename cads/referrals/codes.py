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


class ClosureReason(models.TextChoices):
    """CIN census ReasonForClosure (N00103)."""

    RC1 = "RC1", "RC1 Adopted"
    RC2 = "RC2", "RC2 Died"
    RC3 = "RC3", "RC3 Child arrangements order"
    RC4 = "RC4", "RC4 Special guardianship order"
    RC5 = "RC5", "RC5 Transferred to services of another local authority"
    RC6 = "RC6", "RC6 Transferred to adult social care services"
    RC7 = "RC7", "RC7 Services ceased for any other reason, including child no longer in need"
    RC8 = "RC8", "RC8 Case closed after assessment, no further action"
    RC9 = "RC9", "RC9 Case closed after assessment, referred to early help"


# RC8 and RC9 need an assessment on the episode (DfE rule 8825Q) and no section 47 (2990).
CLOSED_AFTER_ASSESSMENT = frozenset({ClosureReason.RC8, ClosureReason.RC9})


class AssessmentFactor(models.TextChoices):
    """CIN census factors identified at the end of assessment (AssessmentFactors, N00181)."""

    F1A = "1A", "1A Alcohol misuse: the child"
    F1B = "1B", "1B Alcohol misuse: parent or carer"
    F1C = "1C", "1C Alcohol misuse: another person in the household"
    F2A = "2A", "2A Drug misuse: the child"
    F2B = "2B", "2B Drug misuse: parent or carer"
    F2C = "2C", "2C Drug misuse: another person in the household"
    F3A = "3A", "3A Domestic abuse: the child is the subject"
    F3B = "3B", "3B Domestic abuse: parent or carer is the subject"
    F3C = "3C", "3C Domestic abuse: another person in the household is the subject"
    F4A = "4A", "4A Mental health: the child"
    F4B = "4B", "4B Mental health: parent or carer"
    F4C = "4C", "4C Mental health: another person in the household"
    F5A = "5A", "5A Learning disability: the child"
    F5B = "5B", "5B Learning disability: parent or carer"
    F5C = "5C", "5C Learning disability: another person in the household"
    F6A = "6A", "6A Physical disability or illness: the child"
    F6B = "6B", "6B Physical disability or illness: parent or carer"
    F6C = "6C", "6C Physical disability or illness: another person in the household"
    F7A = "7A", "7A Young carer"
    F8B = "8B", "8B Privately fostered: overseas child who intends to return"
    F8C = "8C", "8C Privately fostered: overseas child who intends to stay"
    F8D = "8D", "8D Privately fostered: UK child in an educational placement"
    F8E = "8E", "8E Privately fostered: UK child in an alternative family arrangement"
    F8F = "8F", "8F Privately fostered: other"
    F9A = "9A", "9A Unaccompanied asylum-seeking child"
    F10A = "10A", "10A Going or being missing"
    F11A = "11A", "11A Child sexual exploitation"
    F12A = "12A", "12A Trafficking"
    F13A = "13A", "13A Gangs"
    F14A = "14A", "14A Socially unacceptable behaviour"
    F15A = "15A", "15A Self-harm"
    F16A = "16A", "16A Neglect"
    F17A = "17A", "17A Emotional abuse"
    F18B = "18B", "18B Physical abuse: child on child"
    F18C = "18C", "18C Physical abuse: adult on child"
    F19B = "19B", "19B Sexual abuse: child on child"
    F19C = "19C", "19C Sexual abuse: adult on child"
    F20 = "20", "20 Other"
    F21 = "21", "21 No factors identified"
    F22A = "22A", "22A Female genital mutilation"
    F23A = "23A", "23A Abuse linked to faith or belief"
    F24A = "24A", "24A Child criminal exploitation"


# "Only use this if there is no evidence of any of the factors": never with others (8869).
NO_FACTORS = AssessmentFactor.F21


class Section47Outcome(models.TextChoices):
    """What the section 47 enquiry concluded (Working Together 2023, 4.5)."""

    CONFERENCE = "conference", "Concerns substantiated: initial child protection conference"
    CHILD_IN_NEED = "cin", "Concerns substantiated, no continuing risk of significant harm"
    NOT_SUBSTANTIATED = "none", "Concerns not substantiated"
