#!/usr/bin/env python3
"""Regenerates data/region/outline.geojson from Natural Earth country shapes.

    python3 data/region/build.py                      # fetches world-atlas with npm
    python3 data/region/build.py --tarball world-atlas-2.0.2.tgz   # offline

Python 3 standard library only. The shapes come from the npm package
`world-atlas` (ISC; TopoJSON of Natural Earth's 1:50m Admin 0 countries, public
domain), fetched with `npm pack` into a temporary folder. Nothing is fetched
when the server runs or the tests run: the output is committed.

What it does:

1. decodes the TopoJSON itself (quantized, delta-encoded arcs; a negative arc
   index is the reversed arc `~i`);
2. simplifies every arc once with Douglas–Peucker (so two countries sharing a
   border keep the same simplified line);
3. keeps the countries that reach into the box `BOX`, each of which must have
   an Arabic name in `names.tsv` (the script stops otherwise);
4. clips each ring to the box (Sutherland–Hodgman), rounds coordinates to
   `DECIMALS` places, drops rings that vanish, and winds rings as RFC 7946 asks
   (exterior counter-clockwise, holes clockwise);
5. writes a GeoJSON FeatureCollection, one feature per country with the
   properties `name_ar`, `name_en` and `iso_n3`.
"""
import argparse
import json
import pathlib
import subprocess
import sys
import tarfile
import tempfile

HERE = pathlib.Path(__file__).resolve().parent
OUT = HERE / "outline.geojson"
NAMES = HERE / "names.tsv"
NPM_PACKAGE = "world-atlas@2.0.2"
MEMBER = "package/countries-50m.json"
# (west, south, east, north) in degrees: the Levant, Iraq, Turkey, Iran, Egypt,
# the Arabian peninsula down to Aden, eastern Libya to Benghazi, and around.
BOX = (20.0, 12.0, 63.5, 43.0)
# Douglas–Peucker tolerance in degrees (about 1 km).
TOLERANCE = 0.01
DECIMALS = 2


def fetch(tmp):
    """Runs `npm pack` in `tmp` and returns the path of the tarball."""
    out = subprocess.run(
        ["npm", "pack", NPM_PACKAGE, "--silent"],
        cwd=tmp,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip().splitlines()
    return pathlib.Path(tmp) / out[-1]


def read_topology(tarball):
    """The TopoJSON document inside the world-atlas tarball."""
    with tarfile.open(tarball) as tar:
        member = tar.extractfile(MEMBER)
        if member is None:
            sys.exit(f"{tarball}: no {MEMBER}")
        return json.load(member)


def decode_arcs(topo):
    """Every arc as a list of (lon, lat), the quantization undone."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        pts = []
        for dx, dy in arc:
            x += dx
            y += dy
            pts.append((x * sx + tx, y * sy + ty))
        arcs.append(pts)
    return arcs


def perpendicular(p, a, b):
    """Distance from p to the segment a–b (planar, degrees)."""
    (x, y), (x1, y1), (x2, y2) = p, a, b
    dx, dy = x2 - x1, y2 - y1
    if dx == 0 and dy == 0:
        return ((x - x1) ** 2 + (y - y1) ** 2) ** 0.5
    t = max(0.0, min(1.0, ((x - x1) * dx + (y - y1) * dy) / (dx * dx + dy * dy)))
    px, py = x1 + t * dx, y1 + t * dy
    return ((x - px) ** 2 + (y - py) ** 2) ** 0.5


def douglas_peucker(pts, tol):
    """The points of `pts` kept by Douglas–Peucker (ends always kept)."""
    if len(pts) < 3:
        return list(pts)
    keep = [False] * len(pts)
    keep[0] = keep[-1] = True
    stack = [(0, len(pts) - 1)]
    while stack:
        i, j = stack.pop()
        best, at = -1.0, -1
        for k in range(i + 1, j):
            d = perpendicular(pts[k], pts[i], pts[j])
            if d > best:
                best, at = d, k
        if at >= 0 and best > tol:
            keep[at] = True
            stack.append((i, at))
            stack.append((at, j))
    return [p for p, k in zip(pts, keep) if k]


def ring_points(indexes, arcs):
    """A ring from its arc indexes (shared end points not repeated)."""
    ring = []
    for i in indexes:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        ring.extend(arc if not ring else arc[1:])
    return ring


def clip(ring, box):
    """Sutherland–Hodgman clipping of a closed ring to the box."""
    west, south, east, north = box
    edges = [
        (lambda p: p[0] >= west, lambda a, b: cut_x(a, b, west)),
        (lambda p: p[0] <= east, lambda a, b: cut_x(a, b, east)),
        (lambda p: p[1] >= south, lambda a, b: cut_y(a, b, south)),
        (lambda p: p[1] <= north, lambda a, b: cut_y(a, b, north)),
    ]
    pts = ring[:-1] if ring and ring[0] == ring[-1] else ring
    for inside, cut in edges:
        if not pts:
            break
        out = []
        prev = pts[-1]
        for cur in pts:
            if inside(cur):
                if not inside(prev):
                    out.append(cut(prev, cur))
                out.append(cur)
            elif inside(prev):
                out.append(cut(prev, cur))
            prev = cur
        pts = out
    return pts


def cut_x(a, b, x):
    t = (x - a[0]) / (b[0] - a[0])
    return (x, a[1] + t * (b[1] - a[1]))


def cut_y(a, b, y):
    t = (y - a[1]) / (b[1] - a[1])
    return (a[0] + t * (b[0] - a[0]), y)


def signed_area(pts):
    """Twice the signed area (positive when counter-clockwise)."""
    return sum(
        pts[i - 1][0] * pts[i][1] - pts[i][0] * pts[i - 1][1] for i in range(len(pts))
    )


def finish(pts, exterior):
    """Rounded, deduplicated, closed and wound ring, or None when it vanished."""
    out = []
    for x, y in pts:
        p = (round(x, DECIMALS), round(y, DECIMALS))
        if not out or out[-1] != p:
            out.append(p)
    while len(out) > 1 and out[0] == out[-1]:
        out.pop()
    if len(out) < 3 or abs(signed_area(out)) < 10 ** (-2 * DECIMALS):
        return None
    if (signed_area(out) > 0) != exterior:
        out.reverse()
    out.append(out[0])
    return [[x, y] for x, y in out]


def polygons(geometry):
    """The geometry's polygons as lists of rings of arc indexes."""
    kind, arcs = geometry.get("type"), geometry.get("arcs", [])
    if kind == "Polygon":
        return [arcs]
    if kind == "MultiPolygon":
        return arcs
    return []


def read_names():
    """English name → (Arabic name, ISO numeric code)."""
    names = {}
    lines = NAMES.read_text(encoding="utf-8").splitlines()
    for line in lines:
        if not line.strip() or line.startswith("#") or line.startswith("name_en\t"):
            continue
        en, ar, iso = (line.split("\t") + ["", ""])[:3]
        names[en] = (ar, iso)
    return names


def touches(geometry, arcs, box):
    west, south, east, north = box
    for poly in polygons(geometry):
        for ring in poly:
            for x, y in ring_points(ring, arcs):
                if west <= x <= east and south <= y <= north:
                    return True
    return False


def build(topo):
    raw = decode_arcs(topo)
    arcs = [douglas_peucker(a, TOLERANCE) for a in raw]
    names = read_names()
    features, missing = [], []
    for g in topo["objects"]["countries"]["geometries"]:
        en = g.get("properties", {}).get("name", "")
        if not touches(g, raw, BOX):
            continue
        if en not in names:
            missing.append(en)
            continue
        ar, iso = names[en]
        if (g.get("id") or "") != iso:
            sys.exit(f"{en}: ISO code {g.get('id')!r} in the source, {iso!r} in names.tsv")
        multi = []
        for poly in polygons(g):
            rings = []
            for k, ring in enumerate(poly):
                done = finish(clip(ring_points(ring, arcs), BOX), exterior=k == 0)
                if done is None:
                    if k == 0:
                        break
                    continue
                rings.append(done)
            if rings:
                multi.append(rings)
        if multi:
            features.append(
                {
                    "type": "Feature",
                    "properties": {"name_ar": ar, "name_en": en, "iso_n3": iso or None},
                    "geometry": {"type": "MultiPolygon", "coordinates": multi},
                }
            )
    if missing:
        sys.exit("no Arabic name in names.tsv for: " + ", ".join(sorted(missing)))
    features.sort(key=lambda f: f["properties"]["name_en"])
    return {
        "type": "FeatureCollection",
        "name": "rasad region outline",
        "source": f"Natural Earth 1:50m Admin 0 countries via npm {NPM_PACKAGE}; "
        "public domain; simplified and clipped by data/region/build.py",
        "bbox": list(BOX),
        "features": features,
    }


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tarball", help="a world-atlas tarball already on disk")
    ap.add_argument("--out", default=str(OUT), help="where to write (default: next to this script)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tarball = pathlib.Path(args.tarball) if args.tarball else fetch(tmp)
        topo = read_topology(tarball)
    doc = build(topo)
    text = json.dumps(doc, ensure_ascii=False, separators=(",", ":"))
    # One feature per line, so a regeneration shows up country by country in a diff.
    text = text.replace(',{"type":"Feature"', ',\n{"type":"Feature"')
    pathlib.Path(args.out).write_text(text + "\n", encoding="utf-8")
    points = sum(len(r) for f in doc["features"] for p in f["geometry"]["coordinates"] for r in p)
    print(f"{args.out}: {len(doc['features'])} countries, {points} points, {len(text)} bytes")


if __name__ == "__main__":
    main()
