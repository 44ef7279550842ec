"""Seeded synthetic maps for benchmarks and tests: N concepts, about 1.5 relations each, groups and longish
definitions; and top-down trees with cross-links over them."""

from __future__ import annotations

import random

WORDS = ("tolerance", "dependence", "pain", "mood", "stress", "withdrawal", "seeking", "receptor", "dose", "relief",
         "craving", "habit", "memory", "reward", "signal", "adaptation", "relapse", "treatment", "agonist",
         "antagonist", "taper", "symptom", "sleep", "anxiety")
EFFECTS = ("increases", "decreases", "produces", "defines", "interdependent")


def synthetic_map(n: int, seed: int = 7) -> str:
    """YAML text of a valid map with `n` concepts."""
    rnd = random.Random(seed)
    groups = max(2, min(12, n // 20))
    lines = ["conceptmap: 1", f"title: Synthetic map of {n} concepts", "groups:"]
    lines += [f"  g{i}: {{label: Group {i}}}" for i in range(groups)]
    lines.append("concepts:")
    for i in range(n):
        words = " ".join(rnd.choice(WORDS) for _ in range(14))
        label = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 3))).capitalize()
        lines.append(f'  c{i}: {{label: "{label} {i}", group: g{i % groups}, definition: "{words.capitalize()}."}}')
    lines.append("relations:")
    seen = set()
    for _ in range(int(n * 1.5)):
        a = rnd.randrange(n)
        b = min(n - 1, max(0, a + rnd.randint(-25, 25))) if rnd.random() < 0.8 else rnd.randrange(n)
        if a == b or (a, b) in seen:
            continue
        seen.add((a, b))
        phrase = " ".join(rnd.choice(WORDS) for _ in range(rnd.randint(1, 3)))
        lines.append(f"  - {{from: c{a}, to: c{b}, phrase: {phrase}, effect: {rnd.choice(EFFECTS)}}}")
    return "\n".join(lines) + "\n"


def hierarchy_map(n: int, seed: int) -> str:
    """YAML text of a teacher's top-down map: a tree of "has part" relations (the hierarchy) and, across it, one
    cross-link for every four concepts, between concepts chosen at random."""
    rnd = random.Random(seed)
    lines = ["conceptmap: 1", "title: Tree", "layout: {hierarchy: [has part]}", "concepts:"]
    lines += [f"  c{i}: {{label: Concept number {i}}}" for i in range(n)] + ["relations:"]
    lines += [f"  - c{rnd.randrange(i)} -> has part -> c{i}" for i in range(1, n)]
    for k in range(n // 4):
        a, b = rnd.randrange(n), rnd.randrange(n)
        if a != b:
            lines.append(f"  - {{from: c{a}, to: c{b}, phrase: links to, id: x{k}}}")
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    import sys

    sys.stdout.write(synthetic_map(int(sys.argv[1]) if len(sys.argv) > 1 else 200))
