// rasad incidents overview (/incidents): filters, a timeline chart and a map
// of incidents over the region's outline. Every element is built with DOM
// APIs (createElementNS for SVG) and textContent: data is never parsed as HTML.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const FILTERS = ["from", "to", "place", "actor", "type", "outlet", "gov"];
  // What the API filters; the outlet and the governorate shown are the page's.
  const API_FILTERS = ["from", "to", "place", "actor", "type"];
  const PAGE = 1000; // the API's largest page
  const MAX_PAGES = 10; // at most 10,000 incidents drawn

  // EVENT_TYPES and ACTORS (display names) come from app.js, loaded first.
  // Month names as the Syrian and Iraqi press writes them.
  const MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب",
    "أيلول", "تشرين الأول", "تشرين الثاني", "كانون الأول"];
  const DAY = 86400000;

  const state = { outline: null, admin: null, outlets: false, geo: null, places: new Set(), circles: new Map(), incidents: [], metric: "incidents" };

  // ---- small helpers ---------------------------------------------------

  function el(tag, text, cls) {
    const e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (cls) e.className = cls;
    return e;
  }

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

  function status(msg) {
    document.getElementById("status").textContent = msg || "";
  }

  function label(table, code) {
    return (code && table[code]) || code || "";
  }

  function plural(n, none, one, two, few, many) {
    if (n === 0) return none;
    if (n === 1) return one;
    if (n === 2) return two;
    const r = n % 100;
    return n + " " + (r >= 3 && r <= 10 ? few : many);
  }
  const nIncidents = (n) => plural(n, "لا حوادث", "حادثة واحدة", "حادثتان", "حوادث", "حادثة");
  const nKilled = (n) => plural(n, "لا قتلى", "قتيل واحد", "قتيلان", "قتلى", "قتيلاً");

  async function getJSON(url) {
    const r = await fetch(url, { headers: { Accept: "application/json" } });
    let body = null;
    try { body = await r.json(); } catch (_) { body = null; }
    if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
    return body;
  }

  // ---- dates (UTC day numbers) -----------------------------------------

  // The first day of an incident's date (`2019-03-12`, `2019-03`, `2019-W10`,
  // `2019`), or null when it has none.
  function dayOf(value) {
    if (typeof value !== "string") return null;
    let m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
    if (m) return Date.UTC(+m[1], +m[2] - 1, +m[3]) / DAY;
    m = /^(\d{4})-W(\d{2})/.exec(value);
    if (m) {
      const jan4 = Date.UTC(+m[1], 0, 4) / DAY;
      const monday = jan4 - ((new Date(jan4 * DAY).getUTCDay() + 6) % 7);
      return monday + (+m[2] - 1) * 7;
    }
    m = /^(\d{4})-(\d{2})$/.exec(value);
    if (m) return Date.UTC(+m[1], +m[2] - 1, 1) / DAY;
    m = /^(\d{4})$/.exec(value);
    if (m) return Date.UTC(+m[1], 0, 1) / DAY;
    return null;
  }

  function iso(day) {
    return new Date(day * DAY).toISOString().slice(0, 10);
  }

  function parts(day) {
    const d = new Date(day * DAY);
    return { y: d.getUTCFullYear(), m: d.getUTCMonth(), d: d.getUTCDate() };
  }

  // Bucket units: the start of the bucket holding `day` and the next start.
  const UNITS = {
    day: { start: (d) => d, next: (d) => d + 1 },
    week: {
      start: (d) => d - ((new Date(d * DAY).getUTCDay() + 6) % 7), // Monday
      next: (d) => d + 7,
    },
    month: {
      start: (d) => { const p = parts(d); return Date.UTC(p.y, p.m, 1) / DAY; },
      next: (d) => { const p = parts(d); return Date.UTC(p.y, p.m + 1, 1) / DAY; },
    },
    year: {
      start: (d) => Date.UTC(parts(d).y, 0, 1) / DAY,
      next: (d) => Date.UTC(parts(d).y + 1, 0, 1) / DAY,
    },
  };

  function unitFor(spanDays) {
    if (spanDays <= 92) return "day";
    if (spanDays <= 731) return "week";
    if (spanDays <= 366 * 15) return "month";
    return "year";
  }

  function bucketName(unit, start, end) {
    const p = parts(start);
    if (unit === "day") return p.d + " " + MONTHS[p.m] + " " + p.y;
    if (unit === "week") {
      const q = parts(end);
      return "أسبوع " + p.d + " " + MONTHS[p.m] + (p.y !== q.y ? " " + p.y : "") +
        " – " + q.d + " " + MONTHS[q.m] + " " + q.y;
    }
    if (unit === "month") return MONTHS[p.m] + " " + p.y;
    return "سنة " + p.y;
  }

  function tickName(unit, start, first, yearsOnly) {
    const p = parts(start);
    if (unit === "year" || yearsOnly) return String(p.y);
    if (unit === "month") return MONTHS[p.m] + " " + p.y;
    return p.d + " " + MONTHS[p.m] + (first || (p.m === 0 && p.d <= 7) ? " " + p.y : "");
  }

  // ---- filters and the URL ---------------------------------------------

  function readURL() {
    const params = new URLSearchParams(location.search);
    const f = {};
    for (const k of FILTERS) f[k] = (params.get(k) || "").trim();
    return f;
  }

  function metricFromURL() {
    return new URLSearchParams(location.search).get("metric") === "fatalities" ? "fatalities" : "incidents";
  }

  function fillForm(f) {
    for (const k of FILTERS) {
      const input = document.getElementById(k);
      if (input.tagName === "SELECT" && f[k] && !Array.from(input.options).some((o) => o.value === f[k])) {
        input.appendChild(new Option(f[k], f[k]));
      }
      input.value = f[k];
    }
    for (const r of document.querySelectorAll('#metric input[name="metric"]')) r.checked = r.value === state.metric;
  }

  function readForm() {
    const f = {};
    for (const k of FILTERS) f[k] = document.getElementById(k).value.trim();
    return f;
  }

  function query(f, extra) {
    const params = new URLSearchParams();
    for (const k of FILTERS) if (f[k]) params.set(k, f[k]);
    for (const [k, v] of Object.entries(extra || {})) if (v) params.set(k, v);
    return params.toString();
  }

  function urlFor(f) {
    const q = query(f, { metric: state.metric === "fatalities" ? "fatalities" : "" });
    return "/incidents" + (q ? "?" + q : "");
  }

  function pushURL(f) {
    const url = urlFor(f);
    if (url !== location.pathname + location.search) history.pushState(null, "", url);
  }

  function navigate(f) {
    pushURL(f);
    fillForm(f);
    load(f);
  }

  // ---- data ------------------------------------------------------------

  async function outline() {
    if (!state.outline) {
      try {
        state.outline = await getJSON("/assets/region.geojson");
      } catch (_) {
        return { type: "FeatureCollection", features: [] }; // points without land; tried again next time
      }
    }
    return state.outline;
  }

  // Governorate boundaries, their names and towns (data/region/admin1.geojson).
  async function admin1() {
    if (!state.admin) {
      try {
        state.admin = await getJSON("/assets/admin1.geojson");
      } catch (_) {
        return null;
      }
    }
    return state.admin;
  }

  // The outlets of the store as choices of the outlet filter (once).
  async function fillOutlets() {
    if (state.outlets) return;
    const select = document.getElementById("outlet");
    const data = await getJSON("/api/outlets");
    for (const o of data.outlets || []) {
      if (!Array.from(select.options).some((x) => x.value === o.outlet)) select.appendChild(new Option(o.outlet + " (" + o.articles + ")", o.outlet));
    }
    state.outlets = true;
  }

  // The governorates incidents are placed in, as choices of the map's zoom.
  function fillGovernorates(incidents) {
    const select = document.getElementById("gov");
    const known = new Set(Array.from(select.options).map((o) => o.value));
    const counts = new Map();
    for (const inc of incidents) {
      const p = located(inc);
      if (p && p.admin1) counts.set(p.admin1, (counts.get(p.admin1) || 0) + 1);
    }
    for (const [name, n] of Array.from(counts).sort((a, b) => b[1] - a[1])) {
      if (!known.has(name) && RasadMap.governorateView(state.admin, name)) {
        select.appendChild(new Option(name + " (" + n + ")", name));
        known.add(name);
      }
    }
  }

  // Every incident passing the filters, a page at a time. The API filters
  // dates, place and actor; the type is checked here as well, so the page
  // is right whether or not the server knows that parameter.
  async function fetchIncidents(f) {
    const out = [];
    let total = 0;
    for (let page = 0; page < MAX_PAGES; page++) {
      const api = {};
      for (const k of API_FILTERS) api[k] = f[k];
      const q = query(api, { limit: String(PAGE), offset: String(page * PAGE) });
      const data = await getJSON("/api/incidents?" + q);
      total = data.total || 0;
      out.push(...(data.incidents || []));
      if (!data.incidents || data.incidents.length < PAGE || out.length >= total) break;
    }
    const kept = out.filter((i) => (!f.type || i.type === f.type)
      && (!f.outlet || (i.reports || []).some((r) => r.outlet === f.outlet)));
    return { incidents: kept, truncated: out.length < total };
  }

  function fatalities(inc) {
    const b = inc.fatalities && inc.fatalities.best;
    return typeof b === "number" && isFinite(b) && b > 0 ? b : 0;
  }

  function located(inc) {
    for (const p of inc.places || []) {
      if (typeof p.lat === "number" && typeof p.lon === "number" && isFinite(p.lat) && isFinite(p.lon)) return p;
    }
    return null;
  }

  function placeNames(inc) {
    return (inc.places || []).map((p) => p.name).filter(Boolean);
  }

  function fatalityText(inc) {
    const t = inc.fatalities || {};
    if (typeof t.best !== "number" && typeof t.low !== "number" && typeof t.high !== "number") return "القتلى: لا رقم";
    const range = typeof t.low === "number" && typeof t.high === "number" && t.low !== t.high
      ? " (" + t.low + "–" + t.high + ")"
      : "";
    return "القتلى: " + (typeof t.best === "number" ? t.best : "؟") + range;
  }

  // Charts are drawn at the width they are shown at (so text stays 12 px).
  function drawWidth(section) {
    return Math.round(Math.min(Math.max(section.clientWidth || 960, 320), 1400));
  }

  // ---- timeline --------------------------------------------------------

  function buckets(incidents, f) {
    const days = [];
    for (const inc of incidents) {
      const d = dayOf(inc.date);
      if (d !== null) days.push([d, inc]);
    }
    let lo = dayOf(f.from), hi = dayOf(f.to);
    if (days.length) {
      const min = Math.min(...days.map((x) => x[0])), max = Math.max(...days.map((x) => x[0]));
      if (lo === null) lo = min;
      if (hi === null) hi = max;
    }
    if (lo === null || hi === null || hi < lo) return null;
    const unit = unitFor(hi - lo + 1);
    const u = UNITS[unit];
    const list = [];
    const at = new Map();
    for (let s = u.start(lo); s <= hi && list.length < 2000; s = u.next(s)) {
      const b = { start: s, end: u.next(s) - 1, count: 0, killed: 0, approx: 0 };
      at.set(s, b);
      list.push(b);
    }
    for (const [d, inc] of days) {
      const b = at.get(u.start(d));
      if (!b) continue;
      b.count += 1;
      b.killed += fatalities(inc);
      if ((inc.date_prec || 5) >= 3) b.approx += 1;
    }
    return { unit, list };
  }

  // The top of the value axis: four equal whole steps (1, 2, 2.5, 3, 4, 5,
  // 6 or 8 × 10^k) that reach v.
  function niceMax(v) {
    const raw = Math.max(v, 1) / 4;
    const p = Math.pow(10, Math.floor(Math.log10(raw)));
    const step = [1, 2, 2.5, 3, 4, 5, 6, 8, 10].map((m) => m * p)
      .find((x) => x >= raw && Number.isInteger(x)) || 10 * p;
    return Math.max(4, Math.round(step * 4));
  }

  function drawTimeline(incidents, f) {
    const section = document.getElementById("timeline");
    const old = section.querySelector("svg");
    if (old) old.remove();
    const b = buckets(incidents, f);
    const W = drawWidth(section), H = 240, left = 48, right = 12, top = 12, bottom = 46;
    const chart = svg("svg", {
      viewBox: "0 0 " + W + " " + H, role: "img", class: "timeline-chart",
      "aria-label": "الخط الزمني للحوادث",
    });
    section.appendChild(chart);
    if (!b || !b.list.length) {
      chart.appendChild(svg("text", { x: W / 2, y: H / 2, class: "empty", "text-anchor": "middle" }, "لا حوادث مؤرخة"));
      return;
    }
    const value = (x) => (state.metric === "fatalities" ? x.killed : x.count);
    const max = niceMax(Math.max(...b.list.map(value), 0));
    const plotW = W - left - right, plotH = H - top - bottom;
    const step = plotW / b.list.length;
    const barW = Math.max(1, step * 0.8);
    const y = (v) => top + plotH - (v / max) * plotH;
    // Horizontal grid and value labels.
    for (let i = 0; i <= 4; i++) {
      const v = (max * i) / 4;
      const yy = y(v);
      chart.appendChild(svg("line", { x1: left, x2: W - right, y1: yy, y2: yy, class: i ? "grid" : "axis" }));
      if (Number.isInteger(v)) chart.appendChild(svg("text", { x: left - 6, y: yy + 4, class: "tick num", "text-anchor": "end" }, v));
    }
    chart.appendChild(svg("text", {
      x: 12, y: top + plotH / 2, class: "axis-title", "text-anchor": "middle",
      transform: "rotate(-90 12 " + (top + plotH / 2) + ")",
    }, state.metric === "fatalities" ? "القتلى" : "الحوادث"));
    // Bars: a visible bar and a full-height target, both clickable.
    const bars = svg("g", { class: "bars" });
    chart.appendChild(bars);
    b.list.forEach((k, i) => {
      const x = left + i * step + (step - barW) / 2;
      const name = bucketName(b.unit, k.start, k.end);
      let tip = name + "\n" + nIncidents(k.count) + "، " + nKilled(k.killed);
      if (k.approx) tip += "\nمنها " + nIncidents(k.approx) + " بتاريخ تقريبي (أسبوع أو شهر)";
      // The other filters as applied (from the URL), not as typed since.
      const narrow = () => navigate(Object.assign(readURL(), { from: iso(k.start), to: iso(k.end) }));
      const hit = titled(svg("rect", { x: left + i * step, y: top, width: step, height: plotH, class: "hit" }), tip);
      hit.addEventListener("click", narrow);
      bars.appendChild(hit);
      if (!k.count) return;
      const v = value(k);
      const h = Math.max(2, (v / max) * plotH);
      const bar = titled(svg("rect", {
        x: x, y: top + plotH - h, width: barW, height: h,
        class: "bar" + (v ? "" : " zero"), tabindex: 0, role: "button",
        "data-from": iso(k.start), "data-to": iso(k.end), "data-count": k.count, "data-killed": k.killed,
        "aria-label": tip.replace(/\n/g, "، "),
      }), tip);
      bar.addEventListener("click", narrow);
      bar.addEventListener("keydown", (e) => {
        if (e.key === "Enter" || e.key === " ") { e.preventDefault(); narrow(); }
      });
      bars.appendChild(bar);
    });
    // Date labels under the axis, one per 110 px at most; years only (at each
    // January) when there are many months.
    const yearsOnly = b.unit === "month" && b.list.length > 24;
    let marks = b.list.map((_, i) => i);
    if (yearsOnly) marks = marks.filter((i) => parts(b.list[i].start).m === 0);
    const every = Math.max(1, Math.ceil(marks.length / Math.max(2, Math.floor(plotW / 110))));
    marks.filter((_, j) => j % every === 0).forEach((i) => {
      const cx = left + i * step + (yearsOnly ? 0 : step / 2);
      chart.appendChild(svg("line", { x1: cx, x2: cx, y1: top + plotH, y2: top + plotH + 5, class: "axis" }));
      chart.appendChild(svg("text", { x: cx, y: top + plotH + 19, class: "tick", "text-anchor": "middle" },
        tickName(b.unit, b.list[i].start, i === 0, yearsOnly)));
    });
    const unitNames = { day: "يوم", week: "أسبوع", month: "شهر", year: "سنة" };
    chart.appendChild(svg("text", { x: left + plotW / 2, y: H - 6, class: "axis-title", "text-anchor": "middle" },
      "التاريخ (عمود لكل " + unitNames[b.unit] + ")"));
  }

  // ---- map (drawn by map.js) ---------------------------------------------

  function radius(killed) {
    return killed > 0 ? Math.min(24, 4 + 2.2 * Math.sqrt(killed)) : 3.5;
  }

  function drawMap(incidents, geo, gov) {
    const section = document.getElementById("map");
    const oldNote = section.querySelector("p.unlocated");
    if (oldNote) oldNote.remove();
    const box = Array.isArray(geo.bbox) && geo.bbox.length === 4 ? geo.bbox : [20, 12, 63.5, 43];
    const points = [];
    let unlocated = 0, outside = 0;
    for (const inc of incidents) {
      const p = located(inc);
      if (!p) unlocated += 1;
      else if (p.lon < box[0] || p.lon > box[2] || p.lat < box[1] || p.lat > box[3]) outside += 1;
      else points.push({ lon: p.lon, lat: p.lat, place: p, inc });
    }
    RasadMap.draw(section, points, {
      geo, admin: state.admin, gov, width: drawWidth, killed: fatalities, radius,
      describe: (inc, place) => [inc.date || "بلا تاريخ", placeNames(inc).join("، ") || place.name,
        label(EVENT_TYPES, inc.type), fatalityText(inc)].join("\n"),
      onDraw: (circles) => { state.circles = circles; },
    });
    const missing = [];
    if (unlocated) missing.push(nIncidents(unlocated) + " بلا إحداثيات");
    if (outside) missing.push(nIncidents(outside) + " خارج حدود الخريطة");
    if (missing.length) section.appendChild(el("p", "لا تظهر على الخريطة: " + missing.join("، ") + ".", "hint unlocated"));
  }

  function drawLegend(incidents) {
    const ul = document.getElementById("map-legend");
    ul.replaceChildren();
    const types = Array.from(new Set(incidents.map((i) => i.type).filter(Boolean))).sort();
    for (const t of types) {
      const li = el("li");
      const key = svg("svg", { viewBox: "0 0 12 12", width: 12, height: 12, "aria-hidden": "true" });
      key.appendChild(svg("circle", { cx: 6, cy: 6, r: 5, class: "swatch t-" + t }));
      li.appendChild(key);
      li.appendChild(document.createTextNode(" " + label(EVENT_TYPES, t)));
      ul.appendChild(li);
    }
  }

  // ---- list ------------------------------------------------------------

  function drawList(incidents) {
    const ol = document.getElementById("list");
    ol.replaceChildren();
    const sorted = incidents.slice().sort((a, b) => {
      const da = dayOf(a.date), db = dayOf(b.date);
      if (da === null || db === null) return (da === null) - (db === null);
      return db - da || String(a.id).localeCompare(String(b.id));
    });
    for (const inc of sorted) {
      const li = el("li", null, "incident-item t-" + (inc.type || "other"));
      const a = el("a", [inc.date || "بلا تاريخ", label(EVENT_TYPES, inc.type), placeNames(inc).slice(0, 3).join("، ")]
        .filter(Boolean).join(" · "));
      a.href = "/incidents/" + encodeURIComponent(inc.id);
      li.appendChild(a);
      const outlets = new Set((inc.reports || []).map((r) => r.outlet || r.article));
      li.appendChild(el("div", [fatalityText(inc),
        "تقارير: " + (inc.reports || []).length + " من " + outlets.size + " وسيلة"].join(" · "), "meta"));
      li.appendChild(actorsLine(inc));
      if ((inc.disagreements || []).length) li.appendChild(el("span", "خلاف بين المصادر", "flag"));
      // The marker as drawn now (zooming redraws the markers).
      const hl = (on) => { const c = state.circles.get(inc.id); if (c) c.classList.toggle("hl", on); };
      li.addEventListener("mouseenter", () => hl(true));
      li.addEventListener("mouseleave", () => hl(false));
      a.addEventListener("focus", () => hl(true));
      a.addEventListener("blur", () => hl(false));
      ol.appendChild(li);
    }
  }

  // Actor1 and actor2 named apart: «الفاعل: …؛ الطرف المستهدف: …».
  function actorsLine(inc) {
    const line = el("div", null, "meta actors");
    for (const [role, name] of [["actor1", "الفاعل"], ["actor2", "الطرف المستهدف"]]) {
      const ids = Array.from(new Set((inc.actors || []).filter((x) => x.role === role).map((x) => x.id)));
      const span = el("span", name + ": " + (ids.length ? ids.map((x) => label(ACTORS, x)).join("، ") : "—"), role);
      span.dataset.actors = ids.join(";");
      if (line.childNodes.length) line.appendChild(document.createTextNode(" · "));
      line.appendChild(span);
    }
    return line;
  }

  function fillChoices(incidents) {
    for (const inc of incidents) {
      for (const p of inc.places || []) {
        if (p.name) state.places.add(p.name);
        if (p.admin1) state.places.add(p.admin1);
      }
    }
    const dl = document.getElementById("places");
    dl.replaceChildren();
    for (const name of Array.from(state.places).sort().slice(0, 500)) dl.appendChild(el("option", null)).value = name;
    const actor = document.getElementById("actor");
    const known = new Set(Array.from(actor.options).map((o) => o.value));
    for (const inc of incidents) {
      for (const x of inc.actors || []) {
        if (!known.has(x.id)) { actor.appendChild(new Option(label(ACTORS, x.id), x.id)); known.add(x.id); }
      }
    }
  }

  function totals(incidents, truncated) {
    const killed = incidents.reduce((s, i) => s + fatalities(i), 0);
    const undated = incidents.filter((i) => dayOf(i.date) === null).length;
    let text = nIncidents(incidents.length) + "، " + nKilled(killed) + " (مجموع أفضل التقديرات)";
    if (undated) text += "؛ " + nIncidents(undated) + " بلا تاريخ";
    if (truncated) text += "؛ عُرضت أول " + incidents.length + " فقط";
    document.getElementById("totals").textContent = text;
  }

  // ---- the page --------------------------------------------------------

  let generation = 0;

  function redraw(f) {
    drawTimeline(state.incidents, f);
    drawMap(state.incidents, state.geo || { features: [] }, f.gov);
    drawLegend(state.incidents);
    drawList(state.incidents);
  }

  // The download links: the filtered view as one /api/export per format.
  function setDownloads(f) {
    const links = {
      csv: document.getElementById("download-csv"),
      xlsx: document.getElementById("download-xlsx"),
      geojson: document.getElementById("download-geojson"),
    };
    for (const [format, a] of Object.entries(links)) a.href = "/api/export?" + query(f, { format });
  }

  async function load(f) {
    const mine = ++generation;
    setDownloads(f);
    delete document.body.dataset.ready;
    status("…");
    try {
      const [geo, data] = await Promise.all([outline(), fetchIncidents(f), admin1(), fillOutlets().catch(() => {})]);
      if (mine !== generation) return;
      fillGovernorates(data.incidents);
      state.incidents = data.incidents;
      state.geo = geo;
      fillChoices(data.incidents);
      redraw(f);
      totals(data.incidents, data.truncated);
      status(data.incidents.length ? "" : "لا حوادث تطابق هذه الشروط");
    } catch (e) {
      if (mine !== generation) return;
      status("تعذّر تحميل الحوادث: " + e.message);
    }
    if (mine === generation) document.body.dataset.ready = "1";
  }

  function init() {
    const type = document.getElementById("type");
    for (const [code, name] of Object.entries(EVENT_TYPES)) type.appendChild(new Option(name, code));
    const actor = document.getElementById("actor");
    for (const [code, name] of Object.entries(ACTORS)) actor.appendChild(new Option(name, code));
    document.getElementById("filters").addEventListener("submit", (e) => {
      e.preventDefault();
      navigate(readForm());
    });
    document.getElementById("clear").addEventListener("click", () => {
      navigate({ from: "", to: "", place: "", actor: "", type: "", outlet: "", gov: "" });
    });
    for (const r of document.querySelectorAll('#metric input[name="metric"]')) {
      r.addEventListener("change", () => {
        if (!r.checked) return;
        state.metric = r.value === "fatalities" ? "fatalities" : "incidents";
        const f = readURL(); // the filters shown, not ones typed but not yet applied
        history.replaceState(null, "", urlFor(f));
        drawTimeline(state.incidents, f);
      });
    }
    let resizing = null, lastWidth = window.innerWidth;
    window.addEventListener("resize", () => {
      if (window.innerWidth === lastWidth || document.body.dataset.ready !== "1") return;
      lastWidth = window.innerWidth;
      clearTimeout(resizing);
      resizing = setTimeout(() => redraw(readURL()), 200);
    });
    window.addEventListener("popstate", () => {
      state.metric = metricFromURL();
      const f = readURL();
      fillForm(f);
      load(f);
    });
    state.metric = metricFromURL();
    const f = readURL();
    fillForm(f);
    load(f);
  }

  document.addEventListener("DOMContentLoaded", init);
})();
