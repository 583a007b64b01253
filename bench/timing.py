"""Helpers every benchmark shares: the best of a few timed runs (for floors) and the reported figures."""

import time


def best_of(function, rounds: int = 5) -> float:
    """The shortest of ``rounds`` runs of ``function``, in seconds (a floor measured in the same run)."""
    best = float("inf")
    for _ in range(rounds):
        start = time.perf_counter()
        function()
        best = min(best, time.perf_counter() - start)
    return best


def record(benchmark, name: str, floor: float, limit: float | None = None, **info) -> float:
    """Store seconds, floor and ratio in ``extra_info``, print them (``-s``) and check ``limit`` if any."""
    best = benchmark.stats.stats.min
    benchmark.extra_info.update(
        seconds=round(best, 4),
        floor_seconds=round(floor, 4),
        ratio_to_floor=round(best / floor, 2),
        target_seconds=limit,
        **info,
    )
    print(f"\n{name}: {best:.4f} s, floor {floor:.4f} s, ratio {best / floor:.2f}")
    if limit is not None:
        assert best <= limit, f"{name}: {best:.3f} s > {limit} s"
    return best
