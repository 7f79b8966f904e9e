"""The gazetteer every extractor test reads, loaded once; and the extractor's
safety net (a bug in one article must not sink a corpus run) warns and returns
nothing: in tests that warning is an error, so no bug hides behind an empty result."""

import warnings

import pytest

from geodata import load_gazetteer


@pytest.fixture(autouse=True)
def _extraction_failures_are_errors():
    with warnings.catch_warnings():
        warnings.filterwarnings("error", message="extract_events failed", category=RuntimeWarning)
        yield


@pytest.fixture(scope="session")
def gaz():
    """The project's gazetteer (read-only in every test)."""
    return load_gazetteer()
