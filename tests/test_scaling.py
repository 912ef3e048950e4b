"""The growth-ratio helper the timing tests rely on tells linear from quadratic work."""
from __future__ import annotations

import pytest

from scaling import assert_scales_linearly


def _linear(n: int) -> int:
    return sum(range(n))


def _quadratic(n: int) -> int:
    return sum(1 for i in range(n) for j in range(i))


def test_linear_work_passes():
    assert assert_scales_linearly(_linear, 100_000, 1_000_000) <= 30


def test_quadratic_work_fails():
    with pytest.raises(AssertionError, match="the time for 10x the input"):
        assert_scales_linearly(_quadratic, 150, 1_500)
