"""Response-time bands of partner checks (cads.reporting.percentiles): about 5% wide from one
minute to 60 days, as whole seconds, so `width_bucket` puts every time in a band ordered
exactly like the times themselves, and a band holds a few per cent of the checks at most."""

from __future__ import annotations


def _limits() -> tuple[int, ...]:
    limits: list[int] = []
    value = 60.0
    while value < 60 * 86400:
        if not limits or round(value) > limits[-1]:
            limits.append(round(value))
        value *= 1.05
    return tuple(limits)


BAND_LIMITS = _limits()
# The band of a time in seconds (0 below a minute, len(BAND_LIMITS) from 60 days on).
BAND_SQL = "width_bucket({}, ARRAY[" + ",".join(str(x) for x in BAND_LIMITS) + "]::float8[])"

# Changing BAND_LIMITS needs a migration that works out every stored took_band again (as
# reporting.0006 did) and drops the tally key, so every day is counted again.
