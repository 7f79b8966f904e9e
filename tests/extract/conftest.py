"""The extractor's safety net (a bug in one article must not sink a corpus run)
warns and returns nothing; in tests that warning is an error, so no bug hides
behind an empty result."""

import warnings

import pytest


@pytest.fixture(autouse=True)
def _extraction_failures_are_errors():
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="extract_events failed", category=RuntimeWarning)
        yield
