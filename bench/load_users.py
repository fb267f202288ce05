"""Virtual users of the load benchmark (bench/bench_load.py): each a thread with its own
HTTP session against the web server on loopback, signed in with a password and the current
code of its authenticator (TOTP, as a phone would show it), then reading and writing as a
front-door worker does with a think time of 0.5 to 1.5 seconds between pages."""

from __future__ import annotations

import os
import random
import re
import threading
import time
from collections import defaultdict
from dataclasses import dataclass, field

import requests
from django_otp.oath import totp

from bench.load_data import PASSWORD

THINK = (0.5, 1.5)
DEBUG = bool(os.environ.get("BENCH_DEBUG"))
# The read mix (share of page views) and the write mix: a full staff intake now and then.
READS = {"tray": 30, "screening page": 25, "person search": 15, "public form": 15, "dashboard": 5}
INTAKE_SHARE = 10
# Children on the register to search for (the runner fills this in before the users start).
NAMES: list[tuple[str, str]] = [("Amelia", "Smith")]


@dataclass
class Timings:
    """Seconds per page, and failures (an error page or an unexpected answer)."""

    seconds: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
    errors: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, page: str, seconds: float, ok: bool) -> None:
        with self.lock:
            self.seconds[page].append(seconds)
            if not ok:
                self.errors[page] += 1


class VirtualUser:
    def __init__(self, base: str, username: str, key: bytes, timings: Timings) -> None:
        self.base, self.username, self.key, self.timings = base, username, key, timings
        self.web = requests.Session()
        self.rng = random.Random(username)
        self.signed_in = False

    def _timed(self, page: str, method: str, path: str, ok: tuple[int, ...], **kw: object) -> str:
        started = time.perf_counter()
        try:
            response = self.web.request(method, self.base + path, allow_redirects=False, **kw)  # type: ignore[arg-type]
            good = response.status_code in ok
            if not good and DEBUG:
                errors = re.findall(r"govuk-error-summary__list.*?</ul>", response.text, re.S)
                print(method, path, response.status_code, errors[:1], flush=True)
            text = (
                response.text
                if response.status_code == 200
                else response.headers.get("Location", "")
            )
        except requests.RequestException:
            good, text = False, ""
        self.timings.add(page, time.perf_counter() - started, good)
        return text

    def _post(
        self, page: str, path: str, data: dict[str, str], ok: tuple[int, ...] = (302,)
    ) -> str:
        token = self.web.cookies.get("csrftoken", "")
        return self._timed(page, "POST", path, ok, data=data | {"csrfmiddlewaretoken": token})

    def sign_in(self) -> bool:
        """Password then the authenticator's code; one figure for the whole sign-in."""
        self.web.get(self.base + "/sign-in/")
        started = time.perf_counter()
        self._post(
            "sign-in: password", "/sign-in/", {"username": self.username, "password": PASSWORD}
        )
        code = f"{totp(self.key, step=30, t0=0, digits=6):06d}"
        where = self._post("sign-in: code", "/sign-in/two-factor/", {"token": code})
        signed_in = where.endswith("/") and "sign-in" not in where
        self.timings.add("sign-in (password and code)", time.perf_counter() - started, signed_in)
        self.signed_in = signed_in
        return signed_in

    def read(self, page: str, screening_ids: list[str]) -> None:
        if page == "tray":
            self._timed(page, "GET", "/screening/tray/", (200,))
        elif page == "screening page":
            self._timed(page, "GET", f"/screening/{self.rng.choice(screening_ids)}/", (200, 302))
        elif page == "person search":
            given, family = self.rng.choice(NAMES)
            query = f"given_name={given}&family_name={family}"
            self._timed(page, "GET", f"/children-and-families/search/?{query}", (200,))
        elif page == "public form":
            public = requests.Session()  # a member of the public: no account, no cookies
            started = time.perf_counter()
            ok = public.get(self.base + "/report-a-concern/").status_code == 200
            ok = (
                ok
                and public.get(self.base + "/report-a-concern/immediate-danger/").status_code == 200
            )
            self.timings.add(page, (time.perf_counter() - started) / 2, ok)
        else:
            self._timed(page, "GET", "/reporting/", (200,))

    def think(self) -> None:
        """A person reads a page (and types into it) before the next one."""
        time.sleep(self.rng.uniform(*THINK))

    def intake(self) -> None:
        """A call recorded from start to submit, each step timed on its own and each page
        read before the next, as a call handler does (the same think time as the reads)."""
        self.web.get(self.base + "/contacts/new/")
        self.think()
        now = time.localtime()
        where = self._post("intake: start", "/contacts/new/", {
            "received_date_day": str(now.tm_mday), "received_date_month": str(now.tm_mon),
            "received_date_year": str(now.tm_year), "received_time": time.strftime("%H:%M", now),
            "channel": "phone", "kind": "contact",
        })  # fmt: skip
        found = re.search(r"/contacts/([0-9a-f-]{36})/", where)
        if not found:
            return
        draft = f"/contacts/{found.group(1)}/"
        self.think()
        self._post("intake: immediate risk", draft + "immediate-risk/", {"at_risk": "no"})
        self.think()
        given, family = self.rng.choice(NAMES)
        results = self._timed(
            "intake: find the child", "GET",
            draft + f"children-and-family/find/?given_name={given}&family_name={family}", (200,),
        )  # fmt: skip
        person = re.search(
            r'href="(/contacts/[0-9a-f-]{36}/children-and-family/[0-9a-f-]{36}/[^"]*)"', results
        )
        self.think()
        if person:
            self._post("intake: add the child", person.group(1).replace("&amp;", "&"),
                       {"role": "child", "whereabouts": "At school"})  # fmt: skip
        self._post("intake: sections", draft + "referrer/", {
            "version": self._version(draft + "referrer/"), "referral_source": "2A",
            "referrer_anonymous": "no", "referrer_name": "Dana Reid",
            "referrer_organisation": "Mill Lane Primary", "referrer_email": "dana@example.org",
        })  # fmt: skip
        self._post("intake: sections", draft + "consent/", {
            "version": self._version(draft + "consent/"), "consent": "given",
            "consent_given_by": "Mother", "consent_covers": "Sharing with partners",
            "parents_told": "yes",
        })  # fmt: skip
        self._post("intake: sections", draft + "concern/", {
            "version": self._version(draft + "concern/"), "concern": "Bruises seen at school.",
        })  # fmt: skip
        page = self._timed("intake: check answers", "GET", draft + "check-answers/", (200,))
        self.think()
        key = re.search(r'name="submission_key" value="([0-9a-f-]{36})"', page)
        if key:
            answers = {"submission_key": key.group(1)}
            if "data-repeat-warning" in page:  # the same referrer again within a day: the
                answers["repeat_confirmed"] = "yes"  # call handler confirms it is new
            self._post("intake: submit", draft + "check-answers/", answers)

    def _version(self, path: str) -> str:
        """The section's form, read and filled in before it is posted."""
        page = self.web.get(self.base + path).text
        found = re.search(r'name="version" value="(\d+)"', page)
        self.think()
        return found.group(1) if found else "0"

    def run(self, until: float, screening_ids: list[str]) -> None:
        pages, weights = list(READS), list(READS.values())
        while time.monotonic() < until:
            try:
                if self.rng.randrange(100) < INTAKE_SHARE:
                    self.intake()
                else:
                    self.read(self.rng.choices(pages, weights)[0], screening_ids)
            except requests.RequestException:  # counted; the user carries on, as people do
                self.timings.add("connection refused or reset", 0.0, False)
            self.think()
