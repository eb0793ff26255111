#!/usr/bin/env python3
"""Derives data/region/admin1.geojson (coarse governorate boundaries, their
names and the towns) from the repository's own data, offline.

    python3 data/region/build_admin1.py

Python 3 standard library only; reads `outline.geojson` (country outlines) and
`../gazetteer/geonames.tsv` + `../gazetteer/supplement.tsv` (places with their
governorate, `admin1`). No boundary polygons are used: there are none in the
repository. The boundaries are an approximation:

1. every country of `COUNTRIES` is covered by a grid of `STEP` degrees (cells
   whose centre lies inside the country's outline);
2. each cell takes the governorate of the nearest gazetteer place of that
   country (a Voronoi partition of the places, clipped to the country);
3. the edges between cells of two governorates are chained into lines and
   simplified with Douglas–Peucker (`TOLERANCE`), which turns the grid's
   staircase into straight runs.

So a boundary can be off by tens of kilometres where places are sparse
(deserts); it is drawn as a thin dashed line to say so. The output is
deterministic.
"""
import json
import math
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "admin1.geojson"
GAZ = [HERE.parent / "gazetteer" / "geonames.tsv", HERE.parent / "gazetteer" / "supplement.tsv"]
# Countries partitioned (gazetteer ISO alpha-2 → outline ISO numeric) and the
# grid step for each in degrees: 0.1° (~10 km) where governorates are small.
COUNTRIES = {
    "SY": ("760", 0.1), "IQ": ("368", 0.1), "LB": ("422", 0.05), "JO": ("400", 0.1),
    "YE": ("887", 0.1), "TR": ("792", 0.2), "IR": ("364", 0.2), "EG": ("818", 0.2),
    "SA": ("682", 0.25), "LY": ("434", 0.2), "IL": ("376", 0.05), "PS": ("275", 0.05),
}
# Simplification tolerance in degrees, relative to the grid step.
TOLERANCE = 0.9
# Towns drawn: populated places at least this large, seats of a governorate,
# and every populated place of the countries most reported on.
TOWN_POPULATION = 5000
EVERY_TOWN = {"SY", "IQ", "YE", "LB", "PS"}
DECIMALS = 2


def read_places():
    """Gazetteer rows by id (the supplement overrides GeoNames rows)."""
    rows = {}
    for path in GAZ:
        head = None
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("#") or not line.strip():
                continue
            cols = line.split("\t")
            if head is None:
                head = cols
                continue
            rows[cols[0]] = dict(zip(head, cols))
    out = []
    for r in rows.values():
        try:
            lat, lon = float(r["lat"]), float(r["lon"])
        except (KeyError, ValueError):
            continue
        pop = int(r.get("population") or 0) if (r.get("population") or "0").isdigit() else 0
        out.append({"name": r["name"], "lat": lat, "lon": lon, "country": r.get("country", ""),
                    "admin1": r.get("admin1", ""), "feature": r.get("feature", ""), "pop": pop})
    return out


def rings_of(feature):
    g = feature["geometry"]
    polys = [g["coordinates"]] if g["type"] == "Polygon" else g["coordinates"]
    return [ring for poly in polys for ring in poly]


def inside(rings, x, y):
    """Even-odd point in polygon over every ring (holes included)."""
    hit = False
    for ring in rings:
        j = len(ring) - 1
        for i in range(len(ring)):
            xi, yi = ring[i]
            xj, yj = ring[j]
            if (yi > y) != (yj > y) and x < (xj - xi) * (y - yi) / (yj - yi) + xi:
                hit = not hit
            j = i
    return hit


def partition(rings, seeds, step):
    """Cell (i, j) → governorate for the cells inside the country."""
    xs = [c[0] for r in rings for c in r]
    ys = [c[1] for r in rings for c in r]
    x0, y0 = math.floor(min(xs) / step) * step, math.floor(min(ys) / step) * step
    cells = {}
    for i in range(int((max(xs) - x0) / step) + 1):
        for j in range(int((max(ys) - y0) / step) + 1):
            x, y = x0 + (i + 0.5) * step, y0 + (j + 0.5) * step
            if not inside(rings, x, y):
                continue
            k = math.cos(math.radians(y))
            best = min(seeds, key=lambda s: ((s["lon"] - x) * k) ** 2 + (s["lat"] - y) ** 2)
            cells[(i, j)] = best["admin1"]
    return cells, x0, y0


def edges_between(cells):
    """Unit edges (grid corners) between cells of two governorates."""
    out = []
    for (i, j), gov in cells.items():
        right, up = cells.get((i + 1, j)), cells.get((i, j + 1))
        if right is not None and right != gov:
            out.append(((i + 1, j), (i + 1, j + 1)))
        if up is not None and up != gov:
            out.append(((i, j + 1), (i + 1, j + 1)))
    return out


def chain(edges):
    """Edges joined into polylines (split where three or more meet)."""
    nbrs = {}
    for a, b in edges:
        nbrs.setdefault(a, []).append(b)
        nbrs.setdefault(b, []).append(a)
    used, lines = set(), []
    starts = sorted(p for p, n in nbrs.items() if len(n) != 2) + sorted(nbrs)
    for s in starts:
        for n in sorted(nbrs[s]):
            if (s, n) in used:
                continue
            line, prev, cur = [s], s, n
            used.update({(s, n), (n, s)})
            line.append(cur)
            while len(nbrs[cur]) == 2 and cur != s:
                nxt = [p for p in nbrs[cur] if p != prev][0]
                if (cur, nxt) in used:
                    break
                used.update({(cur, nxt), (nxt, cur)})
                prev, cur = cur, nxt
                line.append(cur)
            lines.append(line)
    return lines


def simplify(pts, tol):
    """Douglas–Peucker."""
    if len(pts) < 3:
        return pts
    (ax, ay), (bx, by) = pts[0], pts[-1]
    dx, dy = bx - ax, by - ay
    norm = math.hypot(dx, dy) or 1e-12
    far, at = -1.0, 0
    for k in range(1, len(pts) - 1):
        px, py = pts[k]
        d = abs(dy * (px - ax) - dx * (py - ay)) / norm if (dx or dy) else math.hypot(px - ax, py - ay)
        if d > far:
            far, at = d, k
    if far <= tol:
        return [pts[0], pts[-1]]
    return simplify(pts[: at + 1], tol)[:-1] + simplify(pts[at:], tol)


def country_features(code, iso, step, outline, places):
    feat = next((f for f in outline["features"] if f["properties"].get("iso_n3") == iso), None)
    seeds = [p for p in places if p["country"] == code and p["admin1"]]
    if feat is None or len({s["admin1"] for s in seeds}) < 2:
        return []
    rings = rings_of(feat)
    cells, x0, y0 = partition(rings, seeds, step)
    r = lambda v: round(v, DECIMALS)
    lines = []
    for line in chain(edges_between(cells)):
        pts = [(x0 + i * step, y0 + j * step) for i, j in line]
        pts = simplify(pts, TOLERANCE * step)
        lines.append([[r(x), r(y)] for x, y in pts])
    out = [{"type": "Feature", "properties": {"kind": "boundary", "country": code},
            "geometry": {"type": "MultiLineString", "coordinates": lines}}]
    for gov in sorted({g for g in cells.values()}):
        mine = [(x0 + (i + 0.5) * step, y0 + (j + 0.5) * step) for (i, j), g in cells.items() if g == gov]
        box = [min(x for x, _ in mine) - step / 2, min(y for _, y in mine) - step / 2,
               max(x for x, _ in mine) + step / 2, max(y for _, y in mine) + step / 2]
        cx, cy = sum(x for x, _ in mine) / len(mine), sum(y for _, y in mine) / len(mine)
        out.append({"type": "Feature",
                    "properties": {"kind": "admin1", "name_ar": gov, "country": code, "bbox": [r(v) for v in box]},
                    "geometry": {"type": "Point", "coordinates": [r(cx), r(cy)]}})
    return out


def towns(places):
    out = []
    for p in sorted(places, key=lambda p: (-p["pop"], p["name"])):
        seat = p["feature"] in ("P.PPLA", "P.PPLC")
        big = p["pop"] >= TOWN_POPULATION or seat or p["country"] in EVERY_TOWN
        if p["country"] in COUNTRIES and big and p["feature"].startswith("P"):
            out.append({"type": "Feature",
                        "properties": {"kind": "town", "name_ar": p["name"], "population": p["pop"]},
                        "geometry": {"type": "Point", "coordinates": [round(p["lon"], 3), round(p["lat"], 3)]}})
    return out


def main():
    outline = json.loads((HERE / "outline.geojson").read_text(encoding="utf-8"))
    places = read_places()
    features = []
    for code, (iso, step) in COUNTRIES.items():
        features += country_features(code, iso, step, outline, places)
    features += towns(places)
    doc = {"type": "FeatureCollection", "name": "rasad-admin1",
           "source": "derived by build_admin1.py from outline.geojson and data/gazetteer (GeoNames CC BY 4.0)",
           "features": features}
    OUT.write_text(json.dumps(doc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
