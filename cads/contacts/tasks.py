"""Contact background tasks on Procrastinate (ADR 0003): the online form's emailed codes and
the purge of its rate-limit counters."""

from __future__ import annotations

import datetime

from django.core.mail import send_mail
from procrastinate import RetryStrategy
from procrastinate.contrib.django import app

from cads.authority.selectors import authority_configuration
from cads.contacts.online_codes import CODE_MINUTES
from cads.contacts.online_limits import rate_counts_purge
from cads.core import sweeps


# Retries: a mail server that is briefly down should not cost the professional their code;
# five tries 15 seconds apart finish well inside the code's 15 minutes.
@app.task(
    name="contacts.online_code_email",
    queue="default",
    retry=RetryStrategy(max_attempts=5, wait=15),
)
def online_code_email(email: str, code: str) -> None:
    """Email a professional the code that confirms their address. The email says nothing
    about any child or concern: it leaves the secure system."""
    config = authority_configuration()
    body = (
        f"Your confirmation code is {code}\n\n"
        f"Enter it on the {config.service_name} online form. "
        f"It expires {CODE_MINUTES} minutes after it was sent.\n\n"
        "If you did not ask for this code, you can ignore this email.\n\n"
        f"{config.authority_name}\n"
    )
    send_mail(f"Your confirmation code: {code}", body, None, [email])


@sweeps.register("online-rate-counts-purge")
def online_rate_counts_sweep(at: datetime.datetime) -> int:
    """Old rate-limit counters are no use once their window has passed."""
    return rate_counts_purge(before=at - datetime.timedelta(days=1))
