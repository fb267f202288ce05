"""The administrator changes the authority's settings; every change is an audited event and
appears on every page."""

from __future__ import annotations

import pytest
from bs4 import BeautifulSoup

from cads.accounts.roles import Role
from cads.audit.models import CaseEvent
from cads.authority.forms import AuthorityConfigurationForm
from cads.authority.services import authority_get

pytestmark = pytest.mark.django_db


def form_data(**changes: str) -> dict[str, str]:
    config = authority_get()
    data = {field: getattr(config, field) for field in AuthorityConfigurationForm.Meta.fields}
    data.update(changes)
    return data


def test_administrator_changes_the_out_of_hours_number(client_for) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    response = admin.post(
        "/authority-settings/", form_data(out_of_hours_phone="03069 990098"), follow=True
    )
    page = BeautifulSoup(response.content, "html.parser")
    assert "Authority settings saved" in page.select_one(".govuk-notification-banner").get_text()
    assert "Out of hours: 03069 990098" in page.footer.get_text()
    event = CaseEvent.objects.get(kind="authority.configuration_changed")
    assert event.data == {
        "old": {"out_of_hours_phone": "03069 990099"},
        "new": {"out_of_hours_phone": "03069 990098"},
    }
    assert event.actor.username == "administrator"


def test_a_wrong_la_code_is_explained_and_nothing_else_is_lost(client_for) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    response = admin.post(
        "/authority-settings/", form_data(la_code="93x", authority_name="Borsetshire Council")
    )
    page = BeautifulSoup(response.content, "html.parser")
    links = page.select(".govuk-error-summary__list a")
    assert [(a.get_text(), a["href"]) for a in links] == [
        ("Enter the DfE local authority code as 3 digits, like 938", "#id_la_code")
    ]
    assert page.select_one("#id_authority_name")["value"] == "Borsetshire Council"
    assert page.title.get_text().startswith("Error: Authority settings")
    assert authority_get().authority_name == "Wessex County Council"
    assert not CaseEvent.objects.filter(kind="authority.configuration_changed").exists()


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.CALL_HANDLER, Role.MASH_PARTNER])
def test_only_administrators_change_the_settings(client_for, role: str) -> None:
    response = client_for(role).post("/authority-settings/", form_data(la_code="123"))
    assert response.status_code == 403
    assert authority_get().la_code == "999"


def test_office_hours_set_by_the_administrator_drive_the_clocks(client_for) -> None:
    from datetime import datetime, time

    from cads.authority.selectors import office_hours
    from cads.core.clocks import LONDON, add_working_hours

    admin = client_for(Role.ADMINISTRATOR)
    admin.post("/authority-settings/", form_data(office_opens="08:30", office_closes="16:30"))
    hours = office_hours()
    assert (hours.opens, hours.closes) == (time(8, 30), time(16, 30))
    # Friday 15:30 plus 4 working hours: one hour on Friday, three on Monday from 08:30.
    friday = datetime(2026, 11, 20, 15, 30, tzinfo=LONDON)
    assert add_working_hours(friday, 4, hours_config=hours) == datetime(
        2026, 11, 23, 11, 30, tzinfo=LONDON
    )


def test_office_that_closes_before_it_opens_is_refused(client_for) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    response = admin.post(
        "/authority-settings/", form_data(office_opens="17:00", office_closes="09:00")
    )
    page = BeautifulSoup(response.content, "html.parser")
    summary = page.select_one(".govuk-error-summary__list").get_text()
    assert "The office must close after it opens on the same day" in summary
    assert page.select_one("#id_office_opens")["value"] == "17:00"
    assert authority_get().office_opens.hour == 9


def test_the_early_help_line_and_team_for_letters_are_settings(client_for) -> None:
    admin = client_for(Role.ADMINISTRATOR)
    page = BeautifulSoup(admin.get("/authority-settings/").content, "html.parser")
    assert page.find("label", string="Early Help line")
    admin.post(
        "/authority-settings/",
        form_data(early_help_team_name="Family Help Hub", early_help_phone=""),
    )
    config = authority_get()
    assert (config.early_help_team_name, config.early_help_phone) == ("Family Help Hub", "")
    assert config.emergency_number == "999"
