"""Sign in (password, then a TOTP code), two-factor set-up, sign out, idle-timeout pings."""

from __future__ import annotations

import base64

from django.conf import settings
from django.contrib.auth import login, logout
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST
from django_otp import login as otp_login
from django_otp import match_token
from django_otp.plugins.otp_totp.models import TOTPDevice

from cads.accounts.forms import SignInForm, TokenForm
from cads.accounts.middleware import seconds_remaining
from cads.accounts.models import User
from cads.accounts.qr import qr_code_data_uri
from cads.accounts.roles import USE_SERVICE
from cads.accounts.selectors import signed_in_user
from cads.accounts.services import two_factor_device_confirm, two_factor_device_create
from cads.audit.services import case_event_record
from cads.core.access import is_two_factor_verified, pre_two_factor, public, requires

NEXT_KEY = "cads_next"


def _safe_next(request: HttpRequest, candidate: str | None) -> str:
    if candidate and url_has_allowed_host_and_scheme(
        candidate, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return candidate
    return reverse(settings.LOGIN_REDIRECT_URL)


@public
def sign_in(request: HttpRequest) -> HttpResponse:
    """Step 1: username and password. Axes counts failures and locks after five."""
    if is_two_factor_verified(request):
        return redirect(settings.LOGIN_REDIRECT_URL)
    form = SignInForm(request, request.POST or None)
    if request.method == "POST" and form.is_valid() and form.user is not None:
        login(request, form.user)
        request.session[NEXT_KEY] = _safe_next(request, request.GET.get("next"))
        if settings.CADS_DEMO_SKIP_TWO_FACTOR:
            return _finish_sign_in(request, form.user)
        has_device = TOTPDevice.objects.filter(user=form.user, confirmed=True).exists()
        return redirect("accounts:two-factor" if has_device else "accounts:two-factor-set-up")
    context = {"form": form, "timed_out": "timed-out" in request.GET}
    return render(request, "accounts/sign_in.html", context)


def _finish_sign_in(request: HttpRequest, user: User) -> HttpResponse:
    # A new session id once both factors pass (OWASP session management: renew the id on
    # any privilege change), so an id learnt before the code was entered is worthless.
    request.session.cycle_key()
    case_event_record(subject=user, actor=user, kind="user.signed_in")
    return HttpResponseRedirect(_safe_next(request, request.session.pop(NEXT_KEY, None)))


@pre_two_factor
def two_factor(request: HttpRequest) -> HttpResponse:
    """Step 2: the code from the authenticator app."""
    user = signed_in_user(request)
    if not TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:two-factor-set-up")
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        device = match_token(user, form.cleaned_data["token"].strip())
        if device is not None:
            otp_login(request, device)
            return _finish_sign_in(request, user)
        form.add_error("token", "The security code is not correct or has expired")
    return render(request, "accounts/two_factor.html", {"form": form})


@pre_two_factor
def two_factor_set_up(request: HttpRequest) -> HttpResponse:
    """First sign-in: add CADS to an authenticator app, then confirm with a code."""
    user = signed_in_user(request)
    if TOTPDevice.objects.filter(user=user, confirmed=True).exists():
        return redirect("accounts:two-factor")
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = two_factor_device_create(user=user)
    form = TokenForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if device.verify_token(form.cleaned_data["token"].strip()):
            two_factor_device_confirm(device=device)
            otp_login(request, device)
            return _finish_sign_in(request, user)
        form.add_error("token", "The security code is not correct or has expired")
    secret = base64.b32encode(device.bin_key).decode()
    context = {"form": form, "qr_code": qr_code_data_uri(device.config_url), "secret": secret}
    return render(request, "accounts/two_factor_set_up.html", context)


@public
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out by POST with the CSRF token only: a GET (a link or an image on another
    site) merely offers the button, so nobody can force a duty worker out mid-call."""
    timed_out = "timed-out" in request.GET or "timed-out" in request.POST
    if request.method != "POST":
        if not request.user.is_authenticated:
            return redirect("accounts:sign-in")
        return render(request, "accounts/sign_out.html")
    if request.user.is_authenticated:
        user = signed_in_user(request)
        case_event_record(subject=user, actor=user, kind="user.signed_out")
    logout(request)
    if timed_out:  # sent by the idle warning when time runs out
        return HttpResponseRedirect(reverse("accounts:sign-in") + "?timed-out=1")
    return render(request, "accounts/signed_out.html")


@requires(USE_SERVICE)
def session_remaining(request: HttpRequest) -> JsonResponse:
    """Seconds left before the idle timeout; polled by the timeout warning, not activity."""
    return JsonResponse({"seconds": seconds_remaining(request)})


@require_POST
@requires(USE_SERVICE)
def session_keep_alive(request: HttpRequest) -> JsonResponse:
    """ "Stay signed in": any request resets the idle clock; this one just answers."""
    return JsonResponse({"seconds": seconds_remaining(request)})
