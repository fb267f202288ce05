"""`/health/` answers as JSON whatever happens (503 with the database down, "degraded" with
no live worker), and a 500 leaves a traceback with the request id and the user's id in the
log, the same id shown on the error page, with no child's details in the line."""

from __future__ import annotations

import datetime
import logging
from collections.abc import Iterator
from pathlib import Path
from unittest import mock

import pytest
from django.conf import settings
from django.db import OperationalError
from django.http import HttpRequest, HttpResponse
from django.test import Client
from django.urls import path
from django.utils import timezone

from cads.core.access import public
from cads.core.heartbeat import WorkerIdentity, heartbeat_beat
from cads.core.logs import RequestContextFilter
from cads.core.models import WorkerHeartbeat
from config import urls as service_urls

pytestmark = pytest.mark.django_db


class TrayBrokeError(Exception):
    pass


@public
def broken(request: HttpRequest) -> HttpResponse:
    _ = request.user.pk  # a signed-in screen has loaded its user by the time it fails
    raise TrayBrokeError("the tray query failed")


urlpatterns = [path("broken/", broken), *service_urls.urlpatterns]
handler500 = "cads.core.views.server_error"


def test_health_is_ok_with_the_database_and_a_live_worker() -> None:
    heartbeat_beat(WorkerIdentity())
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    assert body["worker"] == "ok"


def test_health_reports_a_stale_worker_without_taking_the_web_down() -> None:
    heartbeat_beat(WorkerIdentity())
    WorkerHeartbeat.objects.update(last_seen_at=timezone.now() - datetime.timedelta(minutes=2))
    response = Client().get("/health/")
    assert response.status_code == 200
    assert response.json()["status"] == "degraded"
    assert response.json()["worker"] == "stale"


def test_health_with_no_worker_ever_is_degraded() -> None:
    body = Client().get("/health/").json()
    assert body["worker"] == "stale"
    assert body["worker_last_seen"] is None


def test_health_answers_503_json_when_the_database_is_down() -> None:
    with mock.patch(
        "cads.core.views.connection.cursor", side_effect=OperationalError("server closed")
    ):
        response = Client().get("/health/")
    assert response.status_code == 503
    assert response["Content-Type"] == "application/json"
    assert response.json() == {
        "status": "unavailable",
        "database": "unavailable",
        "worker": "unknown",
    }


@pytest.fixture
def web_log(tmp_path: Path) -> Iterator[Path]:
    """The handler `make demo` gives the web (CADS_LOG_FILE), writing to a file."""
    log = tmp_path / "web.log"
    handler = logging.FileHandler(log)
    handler.addFilter(RequestContextFilter())
    handler.setFormatter(logging.Formatter(settings.LOGGING["formatters"]["cads"]["format"]))
    logging.getLogger().addHandler(handler)
    yield log
    logging.getLogger().removeHandler(handler)
    handler.close()


@pytest.mark.urls(__name__)
def test_a_500_logs_its_traceback_with_the_request_id_shown_on_the_page(
    client_for, web_log: Path
) -> None:
    client = client_for("CADS social worker")
    client.raise_request_exception = False
    user_id = client.session["_auth_user_id"]

    response = client.get("/broken/")

    assert response.status_code == 500
    request_id = response["X-Request-ID"]
    assert len(request_id) == 32
    page = response.content.decode()
    assert "Sorry, there is a problem with the service" in page
    assert request_id in page
    log = web_log.read_text()
    assert " ERROR [" in log
    assert f"django.request request={request_id} user={user_id} Internal Server Error" in log
    assert "Traceback (most recent call last)" in log
    assert "TrayBrokeError: the tray query failed" in log


@pytest.mark.urls(__name__)
def test_a_sane_request_id_from_the_proxy_is_kept_and_a_forged_one_replaced(
    web_log: Path,
) -> None:
    client = Client(raise_request_exception=False)
    kept = client.get("/broken/", headers={"X-Request-ID": "lb-7f3a9c21e4"})
    assert kept["X-Request-ID"] == "lb-7f3a9c21e4"
    assert "request=lb-7f3a9c21e4 user=-" in web_log.read_text()

    forged = client.get("/broken/", headers={"X-Request-ID": "x\nERROR forged line"})
    assert forged["X-Request-ID"] != "x\nERROR forged line"
    assert "forged line" not in web_log.read_text()


def test_log_lines_outside_a_request_carry_dashes(web_log: Path) -> None:
    logging.getLogger("cads.worker").warning("worker vm:1 lost the database")
    assert "cads.worker request=- user=- worker vm:1 lost the database" in web_log.read_text()


def test_rate_limits_are_read_from_the_environment() -> None:
    # .env.example documents both; the settings read them (defaults when unset).
    assert settings.CADS_ONLINE_POSTS_PER_MINUTE == 30
    assert settings.CADS_ONLINE_REPORTS_PER_HOUR == 5
