"""The crawl's world, built once per test module inside a transaction rolled back at the
end; each test's own transaction nests inside it (so what a test writes, and the access-log
rows its requests add, go with the test)."""

from __future__ import annotations

import logging
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.test import override_settings

from tests.crawl.world import World, world_build


@pytest.fixture(scope="module")
def world(
    django_db_setup: None, django_db_blocker: object, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[World]:
    """Built once for the module inside a transaction rolled back at the end; each test's own
    transaction nests inside it, so the crawl's access-log rows go with each test."""
    files = tmp_path_factory.mktemp("crawl-files")
    with (
        django_db_blocker.unblock(),  # type: ignore[attr-defined]
        override_settings(CADS_ATTACHMENT_ROOT=files, CADS_CLAMD=""),
        transaction.atomic(),
    ):
        yield world_build()
        transaction.set_rollback(True)


@pytest.fixture(autouse=True, scope="module")
def quiet_refusals() -> Iterator[None]:
    """Django logs every 403 and 404 with a traceback: thousands here, all expected."""
    logger = logging.getLogger("django.request")
    level = logger.level
    logger.setLevel(logging.ERROR)
    yield
    logger.setLevel(level)
