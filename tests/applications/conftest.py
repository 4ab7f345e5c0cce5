"""Fixtures for the application tests."""

import pytest


@pytest.fixture(autouse=True)
def _uploads_in_tmp(settings, tmp_path):
    """Each test stores its uploads in its own directory."""
    settings.MEDIA_ROOT = tmp_path / "uploads"
