// rasad map (written for rasad, no library): incidents over country outlines,
// coarse governorate boundaries and towns, with zoom and pan (buttons, mouse
// wheel, dragging, arrow and +/− keys) and markers clustered where they
// overlap. A cluster zooms in on its incidents when clicked; a marker is a
// link to its incident. Built with DOM APIs only (createElementNS, textContent).
"use strict";

const RasadMap = (function () {
  const SVG = "http://www.w3.org/2000/svg";
  // Markers closer than this on screen (px) are drawn as one cluster.
  const CLUSTER_PX = 22;
  // The narrowest view (degrees of longitude): at it, nothing is clustered and
  // incidents at one spot are set around it.
  const MIN_SPAN = 0.25;
  // Governorate names show below this view width (degrees), towns below the
  // second, town names below the third.
  const ADMIN_LABEL_SPAN = 14;
  // Governorate boundaries show below this view width (over the whole region
  // Turkey's and Iran's many provinces would hide the countries).
  const ADMIN_LINE_SPAN = 25;
  const TOWN_SPAN = 8;
  const TOWN_LABEL_SPAN = 5;
  // At most this many town names, the most populous first.
  const MAX_TOWN_LABELS = 40;
  // A governorate's view reaches past its box by this share on each side, so
  // markers on its edge (a coastal town) are not cut.
  const GOV_MARGIN = 0.12;
  // One zoom step (factor) and one pan step (share of the view).
  const ZOOM_STEP = 2;
  const PAN_STEP = 0.25;

  const m = { section: null, view: null, home: null, opts: null, drag: null };

  function svg(tag, attrs, text) {
    const e = document.createElementNS(SVG, tag);
    for (const [k, v] of Object.entries(attrs || {})) e.setAttribute(k, String(v));
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function titled(node, text) {
    node.appendChild(svg("title", null, text));
    return node;
  }

  // The view around `points` (at least 6° × 4°), inside `box`.
  function extent(points, box) {
    if (!points.length) return box.slice();
    let w = Infinity, e = -Infinity, s = Infinity, n = -Infinity;
    for (const p of points) {
      w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat);
    }
    const padX = Math.max(1, (e - w) * 0.15), padY = Math.max(1, (n - s) * 0.15);
    w -= padX; e += padX; s -= padY; n += padY;
    if (e - w < 6) { const c = (e + w) / 2; w = c - 3; e = c + 3; }
    if (n - s < 4) { const c = (n + s) / 2; s = c - 2; n = c + 2; }
    return [Math.max(box[0], w), Math.max(box[1], s), Math.min(box[2], e), Math.min(box[3], n)];
  }

  // Equirectangular with its standard parallel mid-view, fitted to width W;
  // the view is widened on its shorter side to a height between 320 and 620
  // px, never past the outline's box.
  function projection(view, box, W) {
    const midLat = (view[1] + view[3]) / 2;
    const k = Math.cos((midLat * Math.PI) / 180);
    let [w, s, e, n] = view;
    const aspectOf = () => (n - s) / ((e - w) * k);
    const want = Math.min(Math.max(aspectOf(), 320 / W), 620 / W);
    if (aspectOf() < want) {
      const half = ((e - w) * k * want) / 2, c = (n + s) / 2;
      s = c - half; n = c + half;
    } else {
      const half = (n - s) / want / k / 2, c = (e + w) / 2;
      w = c - half; e = c + half;
    }
    const fit = (lo, hi, min, max) => {
      if (hi - lo >= max - min) return [min, max];
      if (lo < min) return [min, min + (hi - lo)];
      if (hi > max) return [max - (hi - lo), max];
      return [lo, hi];
    };
    [w, e] = fit(w, e, box[0], box[2]);
    [s, n] = fit(s, n, box[1], box[3]);
    const scale = W / ((e - w) * k);
    return {
      W, H: Math.round((n - s) * scale), scale, k, view: [w, s, e, n],
      x: (lon) => (lon - w) * k * scale,
      y: (lat) => (n - lat) * scale,
    };
  }

  function polygonsOf(g) {
    if (!g) return [];
    if (g.type === "Polygon") return [g.coordinates || []];
    if (g.type === "MultiPolygon") return g.coordinates || [];
    return [];
  }

  function bboxOf(rings) {
    const b = [Infinity, Infinity, -Infinity, -Infinity];
    for (const ring of rings) for (const c of ring) {
      b[0] = Math.min(b[0], c[0]); b[1] = Math.min(b[1], c[1]);
      b[2] = Math.max(b[2], c[0]); b[3] = Math.max(b[3], c[1]);
    }
    return b;
  }

  const overlaps = (b, v) => !(b[0] > v[2] || b[2] < v[0] || b[1] > v[3] || b[3] < v[1]);

  function pathOf(rings, pr, close) {
    const out = [];
    for (const ring of rings) {
      ring.forEach((c, i) => out.push((i ? "L" : "M") + pr.x(c[0]).toFixed(1) + "," + pr.y(c[1]).toFixed(1)));
      if (close) out.push("Z");
    }
    return out.join("");
  }

  function drawCountries(map, geo, pr) {
    const land = svg("g", { class: "countries" });
    const labels = svg("g", { class: "country-labels", "aria-hidden": "true" });
    const v = pr.view;
    for (const f of geo.features || []) {
      const polys = polygonsOf(f.geometry);
      const rings = polys.flat();
      if (!rings.length || !overlaps(bboxOf(rings), v)) continue;
      const name = (f.properties && (f.properties.name_ar || f.properties.name_en)) || "";
      land.appendChild(titled(svg("path", { d: pathOf(rings, pr, true), class: "land", "fill-rule": "evenodd" }), name));
      let best = null, area = 0;
      for (const poly of polys) {
        const b = bboxOf([poly[0] || []]);
        if ((b[2] - b[0]) * (b[3] - b[1]) > area) { area = (b[2] - b[0]) * (b[3] - b[1]); best = b; }
      }
      if (!best || pr.view[2] - pr.view[0] < ADMIN_LABEL_SPAN) continue;
      const w0 = Math.max(best[0], v[0]), e0 = Math.min(best[2], v[2]);
      const s0 = Math.max(best[1], v[1]), n0 = Math.min(best[3], v[3]);
      const x = pr.x((w0 + e0) / 2), y = pr.y((s0 + n0) / 2);
      if (x > 40 && x < pr.W - 40 && y > 20 && y < pr.H - 20 && (e0 - w0) * pr.k * pr.scale > 70) {
        labels.appendChild(svg("text", { x, y, "text-anchor": "middle" }, name));
      }
    }
    map.appendChild(land);
    map.appendChild(labels);
  }

  // Governorate boundaries and names, towns and their names (most populous
  // first, none over another).
  function drawAdmin(map, admin, pr) {
    const span = pr.view[2] - pr.view[0];
    const lines = svg("g", { class: "admin1" });
    const names = svg("g", { class: "admin1-labels", "aria-hidden": "true" });
    const towns = svg("g", { class: "towns" });
    const taken = [];
    const free = (b) => !taken.some((t) => !(b[0] > t[2] || b[2] < t[0] || b[1] > t[3] || b[3] < t[1]));
    const inView = (c) => c[0] >= pr.view[0] && c[0] <= pr.view[2] && c[1] >= pr.view[1] && c[1] <= pr.view[3];
    let labelled = 0;
    for (const f of (admin && admin.features) || []) {
      const p = f.properties || {}, g = f.geometry || {};
      if (p.kind === "boundary" && g.type === "MultiLineString" && span < ADMIN_LINE_SPAN) {
        const parts = (g.coordinates || []).filter((l) => overlaps(bboxOf([l]), pr.view));
        if (parts.length) lines.appendChild(svg("path", { d: pathOf(parts, pr, false), class: "admin1" }));
      } else if (p.kind === "admin1" && span < ADMIN_LABEL_SPAN && inView(g.coordinates)) {
        const x = pr.x(g.coordinates[0]), y = pr.y(g.coordinates[1]), w = 8 * String(p.name_ar).length;
        taken.push([x - w / 2, y - 12, x + w / 2, y + 4]);
        names.appendChild(svg("text", { x: x.toFixed(1), y: y.toFixed(1),
          "text-anchor": "middle", class: "admin1-label" }, p.name_ar));
      } else if (p.kind === "town" && span < TOWN_SPAN && inView(g.coordinates)) {
        const x = pr.x(g.coordinates[0]), y = pr.y(g.coordinates[1]);
        towns.appendChild(titled(svg("circle", { cx: x.toFixed(1), cy: y.toFixed(1), r: 2.2, class: "town" }), p.name_ar));
        const w = 7 * String(p.name_ar).length + 4, box = [x - w - 4, y - 8, x - 4, y + 6];
        if (span < TOWN_LABEL_SPAN && labelled < MAX_TOWN_LABELS && free(box)) {
          taken.push(box);
          labelled += 1;
          towns.appendChild(svg("text", { x: (x - 4).toFixed(1), y: (y + 4).toFixed(1), class: "town-label" }, p.name_ar));
        }
      }
    }
    map.appendChild(lines);
    map.appendChild(names);
    map.appendChild(towns);
  }

  // Greedy screen-space clustering: each marker joins the first cluster whose
  // centre is within CLUSTER_PX, else starts one.
  function clusters(points, pr) {
    const out = [];
    for (const pt of points) {
      const x = pr.x(pt.lon), y = pr.y(pt.lat);
      const c = pr.view[2] - pr.view[0] > MIN_SPAN * 1.01
        ? out.find((c) => Math.hypot(c.x - x, c.y - y) < CLUSTER_PX) : null;
      if (c) c.members.push(pt);
      else out.push({ x, y, members: [pt] });
    }
    return out;
  }

  function drawMarkers(map, points, pr) {
    const o = m.opts;
    points.sort((a, b) => o.killed(b.inc) - o.killed(a.inc));
    const dots = svg("g", { class: "incidents" });
    const seen = new Map();
    const circles = new Map();
    for (const c of clusters(points, pr)) {
      if (c.members.length > 1) { dots.appendChild(clusterNode(c)); continue; }
      const pt = c.members[0];
      const key = pt.lon.toFixed(3) + "," + pt.lat.toFixed(3);
      const n = seen.get(key) || 0;
      seen.set(key, n + 1);
      const angle = n * 2.4, dist = n ? 6 + 3 * Math.sqrt(n) : 0;
      const link = svg("a", { href: "/incidents/" + encodeURIComponent(pt.inc.id), class: "incident-link" });
      const circle = svg("circle", {
        cx: (c.x + dist * Math.cos(angle)).toFixed(1), cy: (c.y + dist * Math.sin(angle)).toFixed(1),
        r: o.radius(o.killed(pt.inc)).toFixed(1),
        class: "incident t-" + (pt.inc.type || "other") + (o.killed(pt.inc) ? "" : " no-fatalities"),
        "data-id": pt.inc.id,
      });
      link.appendChild(titled(circle, o.describe(pt.inc, pt.place)));
      dots.appendChild(link);
      circles.set(pt.inc.id, circle);
    }
    map.appendChild(dots);
    return circles;
  }

  // A cluster: its count in a circle; Enter or a click zooms in on it.
  function clusterNode(c) {
    const n = c.members.length;
    const killed = c.members.reduce((s, p) => s + m.opts.killed(p.inc), 0);
    const g = svg("g", { class: "cluster", tabindex: 0, role: "button", "data-count": n,
      "aria-label": n + " حوادث هنا؛ انقر للتكبير" });
    g.appendChild(titled(svg("circle", { cx: c.x.toFixed(1), cy: c.y.toFixed(1), r: Math.min(26, 10 + 3 * Math.sqrt(n)).toFixed(1),
      class: "cluster" }), n + " حوادث، " + killed + " قتيلاً (أفضل تقدير)"));
    g.appendChild(svg("text", { x: c.x.toFixed(1), y: (c.y + 4).toFixed(1), "text-anchor": "middle", class: "cluster-count" }, n));
    const open = () => setView(around(c.members));
    g.addEventListener("click", open);
    g.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); open(); } });
    return g;
  }

  // The tightest view holding `members` (with a margin), or a zoom step in
  // on them when they share one spot.
  function around(members) {
    let w = Infinity, e = -Infinity, s = Infinity, n = -Infinity;
    for (const p of members) { w = Math.min(w, p.lon); e = Math.max(e, p.lon); s = Math.min(s, p.lat); n = Math.max(n, p.lat); }
    const cur = m.view[2] - m.view[0];
    const half = Math.max((e - w) * 0.7, (n - s) * 0.7, Math.min(cur / (2 * ZOOM_STEP), cur / 4), MIN_SPAN / 2);
    const cx = (w + e) / 2, cy = (s + n) / 2;
    return [cx - half, cy - half * 0.7, cx + half, cy + half * 0.7];
  }

  function scaleBar(pr) {
    const kmPerPx = 111.32 / pr.scale;
    const km = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000].find((v) => v >= 120 * kmPerPx * 0.6) || 1000;
    const len = km / kmPerPx;
    const g = svg("g", { class: "scale", transform: "translate(" + (pr.W - 16 - len) + "," + (pr.H - 16) + ")" });
    g.appendChild(svg("path", { d: "M0,-5V0H" + len.toFixed(1) + "V-5" }));
    g.appendChild(svg("text", { x: len / 2, y: -8, "text-anchor": "middle" }, km + " كم"));
    return g;
  }

  function setView(v) {
    const span = Math.max(v[2] - v[0], MIN_SPAN), cx = (v[0] + v[2]) / 2;
    const hs = Math.max(v[3] - v[1], MIN_SPAN * 0.6), cy = (v[1] + v[3]) / 2;
    m.view = [cx - span / 2, cy - hs / 2, cx + span / 2, cy + hs / 2];
    render();
  }

  function zoom(factor, cx, cy) {
    const v = m.pr.view;
    const x = cx === undefined ? (v[0] + v[2]) / 2 : cx, y = cy === undefined ? (v[1] + v[3]) / 2 : cy;
    setView([x - (x - v[0]) / factor, y - (y - v[1]) / factor, x + (v[2] - x) / factor, y + (v[3] - y) / factor]);
  }

  function pan(dx, dy) {
    const v = m.pr.view, w = v[2] - v[0], h = v[3] - v[1];
    setView([v[0] + dx * w, v[1] + dy * h, v[2] + dx * w, v[3] + dy * h]);
  }

  // The degrees under a pointer event.
  function lonLat(e) {
    const r = m.svgNode.getBoundingClientRect();
    const px = ((e.clientX - r.left) / r.width) * m.pr.W, py = ((e.clientY - r.top) / r.height) * m.pr.H;
    return [m.pr.view[0] + px / (m.pr.k * m.pr.scale), m.pr.view[3] - py / m.pr.scale];
  }

  function listen(node) {
    node.addEventListener("wheel", (e) => {
      e.preventDefault();
      const [x, y] = lonLat(e);
      zoom(e.deltaY < 0 ? ZOOM_STEP : 1 / ZOOM_STEP, x, y);
    }, { passive: false });
    node.addEventListener("pointerdown", (e) => {
      if (e.button !== 0 || e.target.closest("a, g.cluster")) return;
      m.drag = { x: e.clientX, y: e.clientY, moved: false };
      node.setPointerCapture(e.pointerId);
    });
    node.addEventListener("pointermove", (e) => {
      if (!m.drag) return;
      const dx = e.clientX - m.drag.x, dy = e.clientY - m.drag.y;
      m.drag.moved = m.drag.moved || Math.hypot(dx, dy) > 3;
      node.querySelector("g.viewport").setAttribute("transform", "translate(" + dx * m.pr.W / node.getBoundingClientRect().width + "," + dy * m.pr.H / node.getBoundingClientRect().height + ")");
    });
    node.addEventListener("pointerup", (e) => {
      if (!m.drag) return;
      const r = node.getBoundingClientRect(), d = m.drag;
      m.drag = null;
      if (!d.moved) return node.querySelector("g.viewport").removeAttribute("transform");
      const v = m.pr.view;
      const dLon = ((e.clientX - d.x) / r.width) * (v[2] - v[0]), dLat = ((e.clientY - d.y) / r.height) * (v[3] - v[1]);
      setView([v[0] - dLon, v[1] + dLat, v[2] - dLon, v[3] + dLat]);
    });
    node.addEventListener("keydown", (e) => {
      const keys = { ArrowLeft: [-PAN_STEP, 0], ArrowRight: [PAN_STEP, 0], ArrowUp: [0, PAN_STEP], ArrowDown: [0, -PAN_STEP] };
      if (e.target !== node) return;
      if (keys[e.key]) { e.preventDefault(); pan(...keys[e.key]); } else if (e.key === "+" || e.key === "=") zoom(ZOOM_STEP);
      else if (e.key === "-") zoom(1 / ZOOM_STEP);
    });
  }

  function render() {
    const section = m.section, o = m.opts;
    const old = section.querySelector("svg.map-chart");
    const hadFocus = old && old.contains(document.activeElement) && document.activeElement === old;
    const pr = projection(m.view, m.box, o.width(section));
    m.pr = pr;
    const map = svg("svg", { viewBox: "0 0 " + pr.W + " " + pr.H, class: "map-chart", role: "img", tabindex: 0,
      "aria-label": "خريطة الحوادث (الأسهم للتحريك، + و − للتكبير)", "data-view": pr.view.map((v) => v.toFixed(3)).join(",") });
    map.appendChild(svg("rect", { x: 0, y: 0, width: pr.W, height: pr.H, class: "sea" }));
    const port = svg("g", { class: "viewport" });
    map.appendChild(port);
    drawCountries(port, o.geo, pr);
    drawAdmin(port, o.admin, pr);
    // Markers within the view (and a margin, so edge clusters stay whole).
    const mx = (pr.view[2] - pr.view[0]) * 0.02, my = (pr.view[3] - pr.view[1]) * 0.02;
    const shown = m.points.filter((p) => p.lon >= pr.view[0] - mx && p.lon <= pr.view[2] + mx
      && p.lat >= pr.view[1] - my && p.lat <= pr.view[3] + my);
    const circles = drawMarkers(port, shown, pr);
    map.appendChild(scaleBar(pr));
    listen(map);
    if (old) old.replaceWith(map); else section.querySelector(".map-tools").after(map);
    m.svgNode = map;
    if (hadFocus) map.focus();
    if (o.onDraw) o.onDraw(circles);
  }

  // The view of a governorate named `gov` (its cells' box), if known.
  function governorateView(admin, gov) {
    const f = ((admin && admin.features) || []).find((f) => f.properties && f.properties.kind === "admin1" && f.properties.name_ar === gov);
    if (!f || !Array.isArray(f.properties.bbox)) return null;
    const [w, s, e, n] = f.properties.bbox, px = (e - w) * GOV_MARGIN, py = (n - s) * GOV_MARGIN;
    return [w - px, s - py, e + px, n + py];
  }

  // Draws the map in `section` (once per load; later moves redraw it here).
  // opts: geo, admin (GeoJSON), gov (a governorate to zoom on), width(section),
  // killed(inc), radius(killed), describe(inc, place), onDraw(circles).
  function draw(section, points, opts) {
    m.section = section;
    m.opts = opts;
    m.points = points;
    m.box = Array.isArray(opts.geo.bbox) && opts.geo.bbox.length === 4 ? opts.geo.bbox : [20, 12, 63.5, 43];
    m.home = (opts.gov && governorateView(opts.admin, opts.gov)) || extent(points, m.box);
    m.view = m.home.slice();
    tools(section);
    render();
  }

  function tools(section) {
    if (section.querySelector(".map-tools")) return;
    const bar = document.createElement("div");
    bar.className = "map-tools";
    bar.setAttribute("role", "toolbar");
    bar.setAttribute("aria-label", "التحكم بالخريطة");
    const button = (id, text, title, act) => {
      const b = document.createElement("button");
      b.type = "button"; b.id = id; b.textContent = text; b.title = title; b.className = "secondary";
      b.addEventListener("click", act);
      bar.appendChild(b);
    };
    button("zoom-in", "+", "تكبير", () => zoom(ZOOM_STEP));
    button("zoom-out", "−", "تصغير", () => zoom(1 / ZOOM_STEP));
    button("zoom-home", "⌂", "العرض الأول", () => setView(m.home));
    section.querySelector("#map-legend").after(bar);
  }

  return { draw, governorateView };
})();
