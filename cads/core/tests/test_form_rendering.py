"""GOV.UK form rendering: what a user, and a screen reader, get from every Django form.

Forms render through `cads.core.forms.GovukFormRenderer` (FORM_RENDERER), so these tests
render a small form with one field of each kind and read the HTML as a browser would:
labels and legends tied to their controls, hints and errors announced through
aria-describedby, the error summary linking to controls that exist, and nothing the user
typed lost or left unescaped when the page comes back with errors.
"""

from __future__ import annotations

import datetime
from typing import Any

import pytest
from bs4 import BeautifulSoup, Tag
from django import forms
from django.http import QueryDict
from django.template.loader import render_to_string
from django.utils import timezone

from cads.core.form_fields import GovukDateField

CONTACT = [("phone", "Phone"), ("email", "Email"), ("letter", "Letter")]
NEEDS = [("interpreter", "Interpreter"), ("advocate", "Advocate"), ("bsl", "BSL signer")]
TEAMS = [("", "Choose a team"), ("north", "North"), ("south", "South")]


class ReferralForm(forms.Form):
    name = forms.CharField(
        label="Full name",
        help_text="As it appears on official documents",
        error_messages={"required": "Enter the child's full name"},
    )
    summary = forms.CharField(
        label="Summary of concerns",
        widget=forms.Textarea,
        max_length=50,
        help_text="Do not include the names of other children",
        error_messages={"required": "Enter a summary of concerns"},
    )
    contact = forms.ChoiceField(
        label="How should we contact the referrer?",
        choices=CONTACT,
        widget=forms.RadioSelect,
        help_text="Choose one option",
        error_messages={"required": "Select how we should contact the referrer"},
    )
    needs = forms.MultipleChoiceField(
        label="Communication needs",
        choices=NEEDS,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Select at least one communication need"},
    )
    consent = forms.BooleanField(
        label="The family has consented to this referral",
        error_messages={"required": "Confirm the family has consented"},
    )
    team = forms.ChoiceField(
        label="Team",
        choices=TEAMS,
        error_messages={"required": "Select a team"},
    )
    date_of_birth = GovukDateField(
        subject="date of birth",
        must_be_past=True,
        label="Date of birth",
        help_text="For example, 27 3 2007",
    )


# Field name -> where the error summary must send the user (first radio, day box, etc.).
FIRST_INPUT = {
    "name": "name",
    "summary": "summary",
    "contact": "contact_0",
    "needs": "needs_0",
    "consent": "consent",
    "team": "team",
    "date_of_birth": "date_of_birth_day",
}

REQUIRED_MESSAGES = {
    "name": "Enter the child's full name",
    "summary": "Enter a summary of concerns",
    "contact": "Select how we should contact the referrer",
    "needs": "Select at least one communication need",
    "consent": "Confirm the family has consented",
    "team": "Select a team",
    "date_of_birth": "Enter the date of birth",
}

VALID_DATA = {
    "name": "Sam Smith",
    "summary": "Bruising seen at school",
    "contact": "email",
    "needs": ["interpreter", "bsl"],
    "consent": "on",
    "team": "north",
    "date_of_birth_day": "5",
    "date_of_birth_month": "11",
    "date_of_birth_year": "2015",
}


def post(data: dict[str, Any]) -> QueryDict:
    """Form data as a browser posts it: repeated names for ticked checkboxes."""
    query = QueryDict(mutable=True)
    for name, value in data.items():
        query.setlist(name, value if isinstance(value, list) else [value])
    return query


def parse(html: str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def render(form: forms.Form) -> BeautifulSoup:
    return parse(str(form))


def by_id(page: BeautifulSoup, id_: Any) -> Any:
    element = page.find(id=str(id_))
    assert isinstance(element, Tag), f"no element with id {id_!r}"
    return element


def form_group(element: Any) -> Any:
    """The field's own (outermost) `.govuk-form-group`: date boxes each sit in an inner one."""
    groups = element.find_parents("div", class_="govuk-form-group")
    assert groups, "control is not inside a govuk-form-group"
    return groups[-1]


def described_by(element: Any) -> list[str]:
    return str(element.get("aria-describedby", "")).split()


def classes(element: Any) -> list[str]:
    return list(element.get("class") or [])


def label_text(page: BeautifulSoup, control_id: Any) -> str:
    label = page.find("label", attrs={"for": str(control_id)})
    assert isinstance(label, Tag), f"no label for {control_id!r}"
    return label.get_text(strip=True)


def error_summary(form: forms.Form) -> BeautifulSoup:
    return parse(render_to_string("components/error_summary.html", {"form": form}))


# --- Unbound: labels, hints, fieldsets -----------------------------------------------------


def test_every_label_and_description_points_at_something_on_the_page() -> None:
    page = render(ReferralForm())

    for label in page.find_all("label"):
        control = by_id(page, label["for"])
        assert control.name in ("input", "select", "textarea")
    for element in page.select("[aria-describedby]"):
        for id_ in described_by(element):
            by_id(page, id_)
    ids = [element["id"] for element in page.find_all(id=True)]
    assert len(ids) == len(set(ids)), "ids must be unique"


def test_text_input_has_label_hint_and_govuk_class() -> None:
    page = render(ReferralForm())

    field = by_id(page, "id_name")
    assert field["type"] == "text"
    assert field["name"] == "name"
    assert "govuk-input" in classes(field)
    assert "govuk-input--error" not in classes(field)
    assert label_text(page, "id_name") == "Full name"
    assert "govuk-label" in classes(page.find("label", attrs={"for": "id_name"}))
    hint = by_id(page, "id_name-hint")
    assert "govuk-hint" in classes(hint)
    assert hint.get_text(strip=True) == "As it appears on official documents"
    assert described_by(field) == ["id_name-hint"]
    assert "govuk-form-group--error" not in classes(form_group(field))


def test_textarea_with_max_length_gets_a_working_character_count() -> None:
    page = render(ReferralForm())

    textarea = by_id(page, "id_summary")
    assert textarea.name == "textarea"
    assert label_text(page, "id_summary") == "Summary of concerns"
    group = form_group(textarea)
    assert "govuk-character-count" in classes(group)
    assert group["data-module"] == "govuk-character-count"
    assert group["data-maxlength"] == "50"
    # GOV.UK Frontend's JavaScript finds the textarea by this class and the message by id.
    assert "govuk-textarea" in classes(textarea)
    assert "govuk-js-character-count" in classes(textarea)
    message = by_id(page, "id_summary-info")
    assert "govuk-character-count__message" in classes(message)
    assert message.get_text(strip=True) == "You can enter up to 50 characters"
    assert described_by(textarea) == ["id_summary-info", "id_summary-hint"]
    # A hard maxlength would silently cut off pasted text when JavaScript is unavailable.
    assert not textarea.has_attr("maxlength")


def test_textarea_without_max_length_has_no_character_count() -> None:
    class NotesForm(forms.Form):
        notes = forms.CharField(widget=forms.Textarea)

    page = render(NotesForm())

    textarea = by_id(page, "id_notes")
    assert "govuk-textarea" in classes(textarea)
    assert "govuk-js-character-count" not in classes(textarea)
    assert "govuk-character-count" not in classes(form_group(textarea))
    assert page.find(id="id_notes-info") is None


def test_radios_are_a_fieldset_with_legend_and_govuk_radios() -> None:
    page = render(ReferralForm())

    first = by_id(page, "id_contact_0")
    fieldset = first.find_parent("fieldset")
    assert "govuk-fieldset" in classes(fieldset)
    legend = fieldset.find("legend")
    assert "govuk-fieldset__legend" in classes(legend)
    assert legend.get_text(strip=True) == "How should we contact the referrer?"
    assert described_by(fieldset) == ["id_contact-hint"]
    assert by_id(page, "id_contact-hint").get_text(strip=True) == "Choose one option"
    radios = fieldset.find("div", class_="govuk-radios")
    assert radios["data-module"] == "govuk-radios"

    inputs = radios.find_all("input")
    assert [(i["type"], i["name"], i["value"]) for i in inputs] == [
        ("radio", "contact", value) for value, _ in CONTACT
    ]
    assert [i["id"] for i in inputs] == ["id_contact_0", "id_contact_1", "id_contact_2"]
    assert all("govuk-radios__input" in classes(i) for i in inputs)
    assert all(i.find_parent("div")["class"] == ["govuk-radios__item"] for i in inputs)
    assert [label_text(page, i["id"]) for i in inputs] == [label for _, label in CONTACT]
    assert not any(i.has_attr("checked") for i in inputs)


def test_checkboxes_are_a_fieldset_with_legend_and_govuk_checkboxes() -> None:
    page = render(ReferralForm())

    fieldset = by_id(page, "id_needs_0").find_parent("fieldset")
    assert fieldset.find("legend").get_text(strip=True) == "Communication needs"
    assert not fieldset.has_attr("aria-describedby")  # no hint, no error: nothing to describe
    checkboxes = fieldset.find("div", class_="govuk-checkboxes")
    assert checkboxes["data-module"] == "govuk-checkboxes"

    inputs = checkboxes.find_all("input")
    assert [(i["type"], i["name"], i["value"]) for i in inputs] == [
        ("checkbox", "needs", value) for value, _ in NEEDS
    ]
    assert all("govuk-checkboxes__input" in classes(i) for i in inputs)
    assert [label_text(page, i["id"]) for i in inputs] == [label for _, label in NEEDS]
    assert not any(i.has_attr("checked") for i in inputs)


def test_single_checkbox_is_labelled_and_unticked() -> None:
    page = render(ReferralForm())

    checkbox = by_id(page, "id_consent")
    assert checkbox["type"] == "checkbox"
    assert checkbox["name"] == "consent"
    assert "govuk-checkboxes__input" in classes(checkbox)
    assert not checkbox.has_attr("checked")
    assert label_text(page, "id_consent") == "The family has consented to this referral"
    assert checkbox.find_parent("div", class_="govuk-checkboxes")["data-module"] == (
        "govuk-checkboxes"
    )
    assert checkbox.find_parent("fieldset") is None


def test_select_is_labelled_with_govuk_class_and_options() -> None:
    page = render(ReferralForm())

    select = by_id(page, "id_team")
    assert select.name == "select"
    assert "govuk-select" in classes(select)
    assert label_text(page, "id_team") == "Team"
    options = select.find_all("option")
    assert [(o["value"], o.get_text(strip=True)) for o in options] == TEAMS


def test_date_input_is_a_group_of_labelled_day_month_year_boxes() -> None:
    page = render(ReferralForm())

    date_input = by_id(page, "id_date_of_birth")
    assert "govuk-date-input" in classes(date_input)
    fieldset = date_input.find_parent("fieldset")
    assert fieldset["role"] == "group"
    assert fieldset.find("legend").get_text(strip=True) == "Date of birth"
    assert described_by(fieldset) == ["id_date_of_birth-hint"]
    assert by_id(page, "id_date_of_birth-hint").get_text(strip=True) == "For example, 27 3 2007"

    boxes = date_input.find_all("input")
    assert [(b["id"], b["name"]) for b in boxes] == [
        ("id_date_of_birth_day", "date_of_birth_day"),
        ("id_date_of_birth_month", "date_of_birth_month"),
        ("id_date_of_birth_year", "date_of_birth_year"),
    ]
    assert [label_text(page, b["id"]) for b in boxes] == ["Day", "Month", "Year"]
    assert all(b["type"] == "text" and b["inputmode"] == "numeric" for b in boxes)
    assert all("govuk-date-input__input" in classes(b) for b in boxes)
    assert [c for b in boxes for c in classes(b) if c.startswith("govuk-input--width")] == [
        "govuk-input--width-2",
        "govuk-input--width-2",
        "govuk-input--width-4",
    ]
    assert not any(b.has_attr("value") for b in boxes)


def test_date_box_labels_do_not_depend_on_the_field_name() -> None:
    class ShiftForm(forms.Form):
        first_day = GovukDateField(subject="first day")
        month_end = GovukDateField(subject="month end")

    page = render(ShiftForm())

    for name in ("first_day", "month_end"):
        boxes = by_id(page, f"id_{name}").find_all("input")
        assert [label_text(page, b["id"]) for b in boxes] == ["Day", "Month", "Year"]
        assert [b["name"] for b in boxes] == [f"{name}_day", f"{name}_month", f"{name}_year"]


def test_widget_classes_are_kept_alongside_govuk_classes() -> None:
    class CodeForm(forms.Form):
        code = forms.CharField(
            widget=forms.TextInput(attrs={"class": "govuk-input--width-5"}),
            error_messages={"required": "Enter the code"},
        )

    unbound = by_id(render(CodeForm()), "id_code")
    invalid = by_id(render(CodeForm(data={})), "id_code")

    assert classes(unbound) == ["govuk-input", "govuk-input--width-5"]
    assert classes(invalid) == ["govuk-input", "govuk-input--width-5", "govuk-input--error"]


def test_initial_values_are_shown() -> None:
    form = ReferralForm(
        initial={
            "name": "Sam",
            "contact": "letter",
            "needs": ["advocate"],
            "consent": True,
            "team": "south",
            "date_of_birth": datetime.date(2012, 3, 9),
        }
    )
    page = render(form)

    assert by_id(page, "id_name")["value"] == "Sam"
    assert [i.get("value", "on") for i in page.find_all("input", checked=True)] == [
        "letter",
        "advocate",
        by_id(page, "id_consent").get("value", "on"),
    ]
    assert by_id(page, "id_team").find("option", selected=True)["value"] == "south"
    assert [
        by_id(page, f"id_date_of_birth_{part}")["value"] for part in ("day", "month", "year")
    ] == ["9", "3", "2012"]


# --- Bound with errors ---------------------------------------------------------------------


@pytest.mark.parametrize("field_name", list(FIRST_INPUT))
def test_field_with_an_error_is_marked_and_announced(field_name: str) -> None:
    form = ReferralForm(data={})
    assert not form.is_valid()
    page = render(form)

    first_input = by_id(page, f"id_{FIRST_INPUT[field_name]}")
    group = form_group(first_input)
    assert "govuk-form-group--error" in classes(group)
    error = by_id(page, f"id_{field_name}-error")
    assert error.name == "p"
    assert "govuk-error-message" in classes(error)
    assert group in error.find_parents("div")
    prefix = error.find("span", class_="govuk-visually-hidden")
    assert prefix.get_text(strip=True) == "Error:"
    assert error.get_text(" ", strip=True) == f"Error: {REQUIRED_MESSAGES[field_name]}"
    # Screen readers hear the error with the control (or its fieldset for grouped inputs).
    fieldset = first_input.find_parent("fieldset")
    described = fieldset if fieldset is not None else first_input
    assert f"id_{field_name}-error" in described_by(described)


def test_hint_stays_in_aria_describedby_beside_the_error() -> None:
    page = render(ReferralForm(data={}))

    assert described_by(by_id(page, "id_name")) == ["id_name-hint", "id_name-error"]
    assert described_by(by_id(page, "id_summary")) == [
        "id_summary-info",
        "id_summary-hint",
        "id_summary-error",
    ]
    assert described_by(by_id(page, "id_team")) == ["id_team-error"]


@pytest.mark.parametrize(
    ("control_id", "error_class"),
    [
        ("id_name", "govuk-input--error"),
        ("id_summary", "govuk-textarea--error"),
        ("id_team", "govuk-select--error"),
        ("id_date_of_birth_day", "govuk-input--error"),
        ("id_date_of_birth_month", "govuk-input--error"),
        ("id_date_of_birth_year", "govuk-input--error"),
    ],
)
def test_controls_with_errors_get_the_govuk_error_modifier(
    control_id: str, error_class: str
) -> None:
    page = render(ReferralForm(data={}))

    assert error_class in classes(by_id(page, control_id))


def test_only_fields_with_errors_are_marked() -> None:
    data = {**VALID_DATA}
    del data["team"]
    form = ReferralForm(data=post(data))
    assert set(form.errors) == {"team"}
    page = render(form)

    marked = page.find_all("div", class_="govuk-form-group--error")
    assert marked == [form_group(by_id(page, "id_team"))]
    assert [p["id"] for p in page.find_all(class_="govuk-error-message")] == ["id_team-error"]
    assert page.find(class_="govuk-input--error") is None
    assert "id_name-error" not in described_by(by_id(page, "id_name"))


def test_a_field_with_several_errors_shows_them_all() -> None:
    class PasswordForm(forms.Form):
        password = forms.CharField()

        def clean_password(self) -> str:
            raise forms.ValidationError(
                [
                    forms.ValidationError("Password must be 12 characters or more"),
                    forms.ValidationError("Password must include a number"),
                ]
            )

    page = render(PasswordForm(data={"password": "short"}))

    error = by_id(page, "id_password-error")
    assert [s.get_text(strip=True) for s in error.find_all("span")] == ["Error:", "Error:"]
    text = error.get_text(" ", strip=True)
    assert "Password must be 12 characters or more" in text
    assert "Password must include a number" in text


# --- Error summary -------------------------------------------------------------------------


@pytest.mark.parametrize("prefix", [None, "referral"])
def test_error_summary_links_every_error_to_the_first_control_of_its_field(
    prefix: str | None,
) -> None:
    form = ReferralForm(data={}, prefix=prefix)
    assert not form.is_valid()
    page = render(form)
    summary = error_summary(form)

    box = summary.find("div", class_="govuk-error-summary")
    assert box["data-module"] == "govuk-error-summary"
    assert box.select_one('[role="alert"]') is not None
    assert box.find("h2", class_="govuk-error-summary__title").get_text(strip=True) == (
        "There is a problem"
    )
    links = box.select("ul.govuk-error-summary__list li a")
    assert [a.get_text(strip=True) for a in links] == list(REQUIRED_MESSAGES.values())
    id_prefix = f"id_{prefix}-" if prefix else "id_"
    assert [a["href"] for a in links] == [f"#{id_prefix}{i}" for i in FIRST_INPUT.values()]
    for a in links:
        target = by_id(page, a["href"].removeprefix("#"))
        assert target.name in ("input", "select", "textarea")


def test_error_summary_lists_only_the_fields_with_errors() -> None:
    data = {**VALID_DATA, "date_of_birth_month": ""}
    del data["contact"]
    form = ReferralForm(data=post(data))
    summary = error_summary(form)

    links = summary.select(".govuk-error-summary__list a")
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("#id_contact_0", "Select how we should contact the referrer"),
        ("#id_date_of_birth_day", "Date of birth must include a month"),
    ]


def test_no_error_summary_without_errors() -> None:
    assert error_summary(ReferralForm()).find(class_="govuk-error-summary") is None
    valid = ReferralForm(data=post(VALID_DATA))
    assert valid.is_valid(), valid.errors
    assert error_summary(valid).find(class_="govuk-error-summary") is None


def test_error_summary_shows_errors_not_tied_to_a_visible_field() -> None:
    class ChangeForm(forms.Form):
        version = forms.IntegerField(
            widget=forms.HiddenInput, error_messages={"required": "Reload the page"}
        )
        name = forms.CharField(required=False)

        def clean(self) -> dict[str, Any]:
            raise forms.ValidationError("Someone else changed this record")

    form = ChangeForm(data={"name": "Sam"})
    assert not form.is_valid()
    summary = error_summary(form)

    links = summary.select(".govuk-error-summary__list a")
    assert [(a["href"], a.get_text(strip=True)) for a in links] == [
        ("#id_name", "Someone else changed this record"),
        ("#id_name", "Reload the page"),
    ]


# --- Date field: GOV.UK error wording and values -------------------------------------------


class DateForm(forms.Form):
    date_of_birth = GovukDateField(subject="date of birth", must_be_past=True)


def date_form(day: str, month: str, year: str) -> DateForm:
    return DateForm(
        data={"date_of_birth_day": day, "date_of_birth_month": month, "date_of_birth_year": year}
    )


TOMORROW = timezone.localdate() + datetime.timedelta(days=1)


@pytest.mark.parametrize(
    ("day", "month", "year", "message"),
    [
        ("", "", "", "Enter the date of birth"),
        ("  ", " ", "", "Enter the date of birth"),
        ("1", "", "2000", "Date of birth must include a month"),
        ("", "6", "2000", "Date of birth must include a day"),
        ("1", "6", "", "Date of birth must include a year"),
        ("", "", "2000", "Date of birth must include a day and month"),
        ("31", "2", "2000", "Date of birth must be a real date"),
        ("29", "2", "2023", "Date of birth must be a real date"),
        ("1", "13", "2000", "Date of birth must be a real date"),
        ("0", "6", "2000", "Date of birth must be a real date"),
        ("1st", "June", "2000", "Date of birth must be a real date"),
        ("-1", "6", "2000", "Date of birth must be a real date"),
        ("1", "6", "99", "Year must include 4 numbers"),
        ("1", "6", "20000", "Year must include 4 numbers"),
        (
            str(TOMORROW.day),
            str(TOMORROW.month),
            str(TOMORROW.year),
            "Date of birth must be today or in the past",
        ),
    ],
)
def test_date_errors_use_govuk_wording(day: str, month: str, year: str, message: str) -> None:
    form = date_form(day, month, year)

    assert not form.is_valid()
    assert form.errors["date_of_birth"] == [message]
    error = by_id(render(form), "id_date_of_birth-error")
    assert error.get_text(" ", strip=True) == f"Error: {message}"


@pytest.mark.parametrize(
    ("day", "month", "year", "expected"),
    [
        ("5", "11", "1990", datetime.date(1990, 11, 5)),
        ("05", "01", "2001", datetime.date(2001, 1, 5)),
        (" 29 ", " 2 ", " 2024 ", datetime.date(2024, 2, 29)),
        ("31", "12", "1999", datetime.date(1999, 12, 31)),
    ],
)
def test_valid_date_compresses_to_a_date(
    day: str, month: str, year: str, expected: datetime.date
) -> None:
    form = date_form(day, month, year)

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == expected
    assert type(form.cleaned_data["date_of_birth"]) is datetime.date


def test_today_is_allowed_when_the_date_must_be_in_the_past() -> None:
    today = timezone.localdate()
    form = date_form(str(today.day), str(today.month), str(today.year))

    assert form.is_valid(), form.errors
    assert form.cleaned_data["date_of_birth"] == today


def test_future_date_is_allowed_unless_it_must_be_in_the_past() -> None:
    class AppointmentForm(forms.Form):
        appointment = GovukDateField(subject="appointment date")

    form = AppointmentForm(
        data={
            "appointment_day": str(TOMORROW.day),
            "appointment_month": str(TOMORROW.month),
            "appointment_year": str(TOMORROW.year),
        }
    )

    assert form.is_valid(), form.errors
    assert form.cleaned_data["appointment"] == TOMORROW


def test_optional_date_left_blank_is_none_but_partly_filled_is_an_error() -> None:
    class OptionalDateForm(forms.Form):
        closed_on = GovukDateField(subject="closure date", required=False)

    blank = OptionalDateForm(data={"closed_on_day": "", "closed_on_month": ""})
    spaces = OptionalDateForm(data={"closed_on_day": " ", "closed_on_year": "  "})
    partial = OptionalDateForm(data={"closed_on_day": "3"})

    for form in (blank, spaces):
        assert form.is_valid(), form.errors
        assert form.cleaned_data["closed_on"] is None
    assert not partial.is_valid()
    assert partial.errors["closed_on"] == ["Closure date must include a month and year"]


# --- Nothing the user typed is lost --------------------------------------------------------


def test_everything_typed_is_shown_again_after_an_error() -> None:
    typed = {
        **VALID_DATA,
        "summary": "Line one\nLine two",
        "team": "",  # the one mistake
        "date_of_birth_day": "31",
        "date_of_birth_month": "2",
        "date_of_birth_year": "2015",
    }
    form = ReferralForm(data=post(typed))
    assert set(form.errors) == {"team", "date_of_birth"}
    page = render(form)

    assert by_id(page, "id_name")["value"] == "Sam Smith"
    # Browsers drop the single newline that starts a textarea's content.
    assert by_id(page, "id_summary").get_text().removeprefix("\n") == "Line one\nLine two"
    assert [i["id"] for i in page.find_all("input", type="radio", checked=True)] == ["id_contact_1"]
    assert [i["value"] for i in page.find_all("input", attrs={"name": "needs"}, checked=True)] == [
        "interpreter",
        "bsl",
    ]
    assert by_id(page, "id_consent").has_attr("checked")
    assert [
        by_id(page, f"id_date_of_birth_{part}")["value"] for part in ("day", "month", "year")
    ] == ["31", "2", "2015"]


def test_invalid_date_parts_are_shown_again_as_typed() -> None:
    page = render(date_form("1st", "", "15"))

    assert by_id(page, "id_date_of_birth_day")["value"] == "1st"
    assert not by_id(page, "id_date_of_birth_month").has_attr("value")
    assert by_id(page, "id_date_of_birth_year")["value"] == "15"


def test_form_filled_in_through_its_rendered_controls_is_valid() -> None:
    """Submit exactly what a browser would send from the rendered markup."""
    page = render(ReferralForm())
    data = QueryDict(mutable=True)

    def type_into(label: str, value: str) -> None:
        control = by_id(page, page.find("label", string=label)["for"])
        data[control["name"]] = value

    def tick(label: str) -> None:
        control = by_id(page, page.find("label", string=label)["for"])
        # A checkbox or radio without a value attribute is submitted as "on".
        data.appendlist(control["name"], control.get("value", "on"))

    type_into("Full name", "Sam Smith")
    type_into("Summary of concerns", "Bruising seen at school")
    tick("Letter")
    tick("Advocate")
    tick("BSL signer")
    tick("The family has consented to this referral")
    data[by_id(page, "id_team")["name"]] = "south"
    type_into("Day", "9")
    type_into("Month", "3")
    type_into("Year", "2012")

    form = ReferralForm(data=data)
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "name": "Sam Smith",
        "summary": "Bruising seen at school",
        "contact": "letter",
        "needs": ["advocate", "bsl"],
        "consent": True,
        "team": "south",
        "date_of_birth": datetime.date(2012, 3, 9),
    }


# --- Escaping ------------------------------------------------------------------------------

SCRIPT = "<script>alert('x')</script>"
BREAKOUT = '" autofocus onfocus="alert(1)'


@pytest.mark.parametrize("typed", [SCRIPT, BREAKOUT])
def test_user_input_is_escaped_when_shown_again(typed: str) -> None:
    data = {
        **VALID_DATA,
        "name": typed,
        "summary": typed,
        "contact": typed,
        "needs": [typed],
        "date_of_birth_day": typed,
    }
    form = ReferralForm(data=post(data))
    assert not form.is_valid()
    html = str(form) + render_to_string("components/error_summary.html", {"form": form})
    page = parse(html)

    assert page.find("script") is None
    assert page.select_one("[onfocus], [autofocus]") is None
    assert by_id(page, "id_name")["value"] == typed
    assert by_id(page, "id_summary").get_text().removeprefix("\n") == typed
    assert by_id(page, "id_date_of_birth_day")["value"] == typed
    # Django echoes an invalid choice in its error message; it must be text, not markup.
    assert any(typed in a.get_text() for a in page.select(".govuk-error-summary__list a"))


def test_labels_hints_and_choices_are_escaped() -> None:
    class TrickyForm(forms.Form):
        pick = forms.ChoiceField(
            label="<b>Pick</b>",
            help_text="<i>hint</i>",
            choices=[("<x>", "<img src=x onerror=alert(1)>")],
            widget=forms.RadioSelect,
        )

    page = render(TrickyForm())

    assert page.find(["b", "i", "img"]) is None
    assert page.find("legend").get_text(strip=True) == "<b>Pick</b>"
    assert by_id(page, "id_pick-hint").get_text(strip=True) == "<i>hint</i>"
    assert by_id(page, "id_pick_0")["value"] == "<x>"
    assert label_text(page, "id_pick_0") == "<img src=x onerror=alert(1)>"
