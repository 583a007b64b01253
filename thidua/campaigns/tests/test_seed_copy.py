import pytest

from thidua.campaigns.seed import REPO_SEED, SHARED_SEED


def test_the_repository_copy_of_the_seed_is_the_shared_one():
    if not SHARED_SEED.is_file():
        pytest.skip(f"no shared seed at {SHARED_SEED}")
    assert REPO_SEED.read_bytes() == SHARED_SEED.read_bytes()
