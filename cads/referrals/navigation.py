"""This app's screens in the service navigation, registered when the app is ready
(cads.core.navigation): each item shown to holders of its permission."""

from __future__ import annotations

from cads.accounts.roles import ALLOCATE_REFERRAL, CHANGE_REFERRAL
from cads.core import navigation as service_navigation
from cads.core.navigation import NavItem
from cads.referrals.selectors import referrals_allocated_to, referrals_unallocated


def register() -> None:
    service_navigation.register(
        NavItem(
            "Referrals to allocate",
            "referrals:unallocated",
            ALLOCATE_REFERRAL,
            order=110,
            counted=referrals_unallocated,
        ),
        # Managers allocate; their list is "Referrals to allocate".
        NavItem(
            "Your referrals",
            "referrals:yours",
            CHANGE_REFERRAL,
            order=120,
            counted=referrals_allocated_to,
            unless=ALLOCATE_REFERRAL,
        ),
    )
