"""Place names: country and coordinates on a hand-written test set.

Usage: .venv/bin/python benchmarks/places.py [--data FILE] [--errors]

Each passage of the set (benchmarks/data/places.jsonl) lists place mentions with the expected
country, coordinates and feature, and names used as actors that must not come out as places
("Tehran summoned ..."). A mention is matched to the output place with the same text, in order.
Reported, over all expected mentions (a mention not found counts as wrong):

- found: mentions output as places;  country: right ISO3 (null for multi-country regions)
- within 50 km: great-circle distance to the expected point under 50 km
- feature: country / admin_region / region / city as expected
- actors kept out: actor uses of place names that did not come out as places
Also the same by expected feature, and the time per passage.
"""

from __future__ import annotations

import math
import sys
from collections import defaultdict
from pathlib import Path

from bench_data import annotate_rows, gold_set_arguments, read_rows
from eventcoder.model import Place

DATA = Path(__file__).resolve().parent / "data" / "places.jsonl"


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance (haversine) in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def main() -> None:
    """Run the benchmark and print Markdown tables."""
    args = gold_set_arguments(__doc__.splitlines()[0], DATA)
    rows = read_rows(args.data)
    annotated, seconds = annotate_rows(rows)
    totals: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0, 0, 0])  # n, found, ctry, km, f
    actors_out = actors_total = 0
    for row, doc in zip(rows, annotated, strict=True):
        pool: list[Place] = list(doc.places)
        for want in row["places"]:
            place = next((p for p in pool if p.text == want["mention"]), None)
            stats = totals[want["feature"]]
            stats[0] += 1
            if place is None:
                if args.errors:
                    print(f"MISSED [{row['id']}] {want['mention']!r}", file=sys.stderr)
                continue
            pool.remove(place)
            stats[1] += 1
            stats[2] += place.country == want["country"]
            km = (distance_km(place.lat, place.lon, want["lat"], want["lon"])
                  if place.lat is not None and place.lon is not None else math.inf)
            stats[3] += km <= 50
            stats[4] += place.feature == want["feature"]
            if args.errors and (place.country != want["country"] or km > 50):
                print(f"WRONG [{row['id']}] {want['mention']!r}: want {want['country']} "
                      f"({want['lat']}, {want['lon']}), got {place.name} {place.country} "
                      f"({place.lat}, {place.lon}) {place.feature}, {km:.0f} km", file=sys.stderr)
        for name in row["not_places"]:
            actors_total += 1
            kept_out = all(p.text != name for p in doc.places)
            actors_out += kept_out
            if args.errors and not kept_out:
                print(f"ACTOR AS PLACE [{row['id']}] {name!r}", file=sys.stderr)
    every = [sum(s[i] for s in totals.values()) for i in range(5)]
    n = every[0]
    print(f"{len(rows)} passages, {n} place mentions, {actors_total} actor uses; "
          f"{1000 * seconds / len(rows):.1f} ms per passage\n")
    print("| expected feature | n | found | country | within 50 km | feature |")
    print("|---|---|---|---|---|---|")
    for feature in sorted(totals):
        s = totals[feature]
        print(f"| {feature} | {s[0]} | {s[1] / s[0]:.3f} | {s[2] / s[0]:.3f} | "
              f"{s[3] / s[0]:.3f} | {s[4] / s[0]:.3f} |")
    print(f"| **all** | {n} | {every[1] / n:.3f} | {every[2] / n:.3f} | {every[3] / n:.3f} | "
          f"{every[4] / n:.3f} |")
    if actors_total:
        print(f"\nactor uses kept out of places: {actors_out}/{actors_total}")


if __name__ == "__main__":
    main()
