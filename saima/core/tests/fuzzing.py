"""How hard the fuzz suites try. CI runs the default; a longer hunt multiplies every suite's
examples: `SAIMA_FUZZ_SCALE=20 make test-fuzz` (see docs/development.md)."""

import os

from hypothesis import HealthCheck, settings

SCALE = max(1, int(os.environ.get("SAIMA_FUZZ_SCALE", "1")))


def fuzz_settings(examples: int, **extra):
    return settings(
        max_examples=examples * SCALE,
        deadline=None,
        derandomize=SCALE == 1,  # CI runs the same examples every time; longer runs explore
        suppress_health_check=[
            HealthCheck.function_scoped_fixture,
            HealthCheck.too_slow,
            HealthCheck.filter_too_much,
            HealthCheck.data_too_large,
        ],
        **extra,
    )
