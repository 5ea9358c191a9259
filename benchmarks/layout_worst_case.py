"""How long the exact layout search takes on random 16-platform x 8-function problems.

Run: python benchmarks/layout_worst_case.py [instances] [platforms]
Prints the median and the slowest search time (the README quotes them), then the 99th
percentile.
"""

from __future__ import annotations

import random
import statistics
import sys
import time

from gba_advisor.core.layout.optimiser import LayoutProblem, Synergy, best_layouts

PLATFORMS = [f"p{i:02d}" for i in range(int(sys.argv[2]) if len(sys.argv) > 2 else 16)]
FUNCTIONS = 8


def instance(rng: random.Random) -> LayoutProblem:
    scores = [
        {p: round(rng.uniform(20, 95), 2) for p in PLATFORMS if rng.random() > 0.1}
        for _ in range(FUNCTIONS)
    ]
    synergies = tuple(
        Synergy(
            rng.randrange(FUNCTIONS),
            rng.choice(PLATFORMS),
            rng.randrange(FUNCTIONS),
            rng.choice(PLATFORMS),
            rng.uniform(0.5, 3),
        )
        for _ in range(rng.randrange(0, 6))
    )
    max_sites = rng.choice([None, None, 2, 3, 4])
    return LayoutProblem(scores, max_sites, rng.choice([0.0, 1.0, 3.0, 6.0]), synergies)


def main() -> None:
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 200
    rng = random.Random(20261126)
    times = []
    for _ in range(count):
        problem = instance(rng)
        start = time.perf_counter()
        best_layouts(problem, 4)
        times.append(time.perf_counter() - start)
    size = f"{len(PLATFORMS)} platforms x {FUNCTIONS} functions"
    print(f"{count} random problems, {size}, 4 best layouts each")
    print(f"median {statistics.median(times) * 1000:.2f} ms, slowest {max(times) * 1000:.2f} ms")
    if count >= 2:
        # One slow search in a hundred is what a user meets; the slowest alone is noisy.
        print(f"99th percentile {statistics.quantiles(times, n=100)[98] * 1000:.2f} ms")


if __name__ == "__main__":
    main()
