#!/usr/bin/env node
// Browser tests of the rasad analyst pages: playwright-core drives the
// system Chromium (no browser download) against a running `rasad serve`.
//
//   node run.mjs BASE_URL ARTIFACT_DIR [--hostile ID] [--query WORD] [--only a,b]
//
// Every expectation is computed from the server's own JSON API (which
// articles a search finds, which kinds a record holds, which outlets report
// an incident and where they disagree), so the same run works on any
// database that has a multi-outlet incident with a disagreement. `--hostile`
// names an article whose text carries `<script>` and `<img onerror>` markup.
// One screenshot per scenario lands in ARTIFACT_DIR. Exit status: 0 when
// every scenario passed, 1 when one failed, 2 for bad usage or no browser.

import { chromium } from "playwright-core";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, existsSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const USAGE = "usage: node run.mjs BASE_URL ARTIFACT_DIR [--hostile ID] [--query WORD] [--only a,b,...] [--reingest FILE] [--map-base URL]";
const TIMEOUT = Number(process.env.RASAD_E2E_TIMEOUT_MS || 20000);
const CHROMIUM = process.env.RASAD_CHROMIUM || "/usr/bin/chromium";
// Without the background-networking flags Chromium keeps calling home, which
// floods a closed network.
const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

// ---------------------------------------------------------------- arguments

function parseArgs(argv) {
  const pos = [];
  const opt = { hostile: null, query: "قصف", only: null, reingest: null, mapBase: null };
  const names = { "--hostile": "hostile", "--query": "query", "--only": "only", "--reingest": "reingest", "--map-base": "mapBase" };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (names[a]) {
      const v = argv[++i];
      if (v === undefined) return null;
      opt[names[a]] = a === "--only" ? v.split(",").map((s) => s.trim()) : v;
    } else if (a.startsWith("--")) {
      return null;
    } else {
      pos.push(a);
    }
  }
  if (pos.length !== 2 || !/^https?:\/\//.test(pos[0])) return null;
  return { base: pos[0].replace(/\/+$/, ""), artifacts: pos[1], ...opt };
}

const args = parseArgs(process.argv.slice(2));
if (!args) {
  console.error(USAGE);
  process.exit(2);
}
const BASE = args.base;

// ---------------------------------------------------------------- helpers

class Failure extends Error {}

function check(cond, msg) {
  if (!cond) throw new Failure(msg);
}

const enc = encodeURIComponent;

async function api(path) {
  const r = await fetch(BASE + path, { headers: { Accept: "application/json" } });
  const body = await r.text();
  if (!r.ok) throw new Failure(`GET ${path}: HTTP ${r.status} ${body.slice(0, 200)}`);
  return JSON.parse(body);
}

// Arabic-Indic and Persian digits as ASCII, so "١٨" and "18" compare equal.
function digits(s) {
  return String(s).replace(/[\u0660-\u0669\u06F0-\u06F9]/g, (c) => String((c.charCodeAt(0) & 0xf) % 10));
}
const squash = (s) => digits(String(s ?? "")).replace(/\s+/g, "");
const sameSet = (a, b) => a.length === b.length && a.every((x) => b.includes(x));

// Maps a record's character offsets (code points of the original text) to
// offsets in the same text without white space, which is how the tests
// compare the page with the record: a page may lay paragraphs out in
// elements of its own, but must keep every other character in order.
function squashMap(text) {
  const chars = Array.from(text);
  const map = new Array(chars.length + 1);
  let k = 0;
  for (let i = 0; i < chars.length; i++) {
    map[i] = k;
    if (!/\s/.test(chars[i])) k++;
  }
  map[chars.length] = k;
  return (i) => map[Math.max(0, Math.min(chars.length, i))];
}

// The marks' kinds as the contract names them, with their spans in a record.
function kindSpans(rec) {
  const one = (xs, f) => (xs || []).flatMap(f).filter((s) => Array.isArray(s) && s[1] > s[0]);
  return {
    place: one(rec.places, (p) => p.spans || []),
    actor: one(rec.actors, (a) => a.spans || []),
    date: one(rec.times, (t) => [t.span]),
    number: one(rec.quantities, (q) => [q.span]),
    casualty: one(rec.casualties, (c) => [c.span]),
    source: one(rec.sources, (s) => s.spans || []),
  };
}

// What #details may show for the fact of `kind` read at `at` (original offsets).
function expectedDetails(rec, kind, at) {
  const covers = (s) => Array.isArray(s) && s[0] <= at && at < s[1];
  const pick = {
    place: () => (rec.places || []).filter((p) => (p.spans || []).some(covers)).flatMap((p) => [p.name, p.id]),
    actor: () => (rec.actors || []).filter((a) => (a.spans || []).some(covers)).flatMap((a) => [a.id, a.name]),
    source: () => (rec.sources || []).filter((s) => (s.spans || []).some(covers)).flatMap((s) => [s.name, s.id]),
    date: () => (rec.times || []).filter((t) => covers(t.span)).flatMap((t) => [t.value, t.text]),
    number: () => (rec.quantities || []).filter((q) => covers(q.span)).flatMap((q) => [q.best, q.low, q.text]),
    casualty: () => (rec.casualties || []).filter((c) => covers(c.span)).flatMap((c) => [c.best, c.low, c.high]),
  }[kind];
  return pick().filter((v) => v !== null && v !== undefined && String(v) !== "").map(String);
}

// ---------------------------------------------------------------- browser

const problems = []; // console errors, page errors, CSP violations, failed requests
const labels = new Map(); // page → scenario label

async function launch() {
  if (!existsSync(CHROMIUM)) {
    console.error(`no Chromium at ${CHROMIUM} (apt-get install chromium, or set RASAD_CHROMIUM)`);
    process.exit(2);
  }
  const profile = mkdtempSync(join(tmpdir(), "rasad-e2e-"));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1280, height: 900 },
    locale: "ar",
    timezoneId: "UTC",
    acceptDownloads: true,
  });
  context.setDefaultTimeout(TIMEOUT);
  // Every CSP violation a document reports reaches `problems` at once, even
  // when the page navigates away right after. The init script runs before
  // the page's own script in every document; the policy does not apply to it.
  await context.exposeBinding("__e2eCspViolation", ({ page }, what) => {
    problems.push(`[${labels.get(page) || "?"}] ${page.url()}: CSP violation: ${what}`);
  });
  await context.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (e) => {
      window.__e2eCspViolation(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`);
    });
  });
  return { context, profile };
}

async function newPage(context, label) {
  const page = await context.newPage();
  labels.set(page, label);
  const note = (what) => problems.push(`[${label}] ${page.url()}: ${what}`);
  // The review scenario posts with a wrong token once, on purpose: that one
  // 401 (and the browser's console line about it) is expected.
  const refusedReview = (text) => label === "g-review" && /401/.test(text);
  page.on("console", (m) => {
    if (m.type() === "error" && refusedReview(m.text()) && /api\/review/.test(m.location()?.url || "api/review")) return;
    if (m.type() === "error") note(`console error: ${m.text()}`);
    else if (/Content Security Policy/i.test(m.text())) note(`CSP: ${m.text()}`);
  });
  page.on("pageerror", (e) => note(`uncaught: ${e.message}`));
  page.on("requestfailed", (r) => note(`request failed: ${r.url()} ${r.failure()?.errorText || ""}`));
  page.on("response", (r) => {
    if (r.status() === 401 && r.url().endsWith("/api/review") && refusedReview("401")) return;
    if (r.status() >= 400 && !r.url().endsWith("/favicon.ico")) note(`HTTP ${r.status()} ${r.url()}`);
  });
  return page;
}

// Waits for the page to say it has rendered.
async function ready(page, name) {
  try {
    await page.waitForSelector('body[data-ready="1"]', { state: "attached", timeout: TIMEOUT });
  } catch (_) {
    const status = await page.locator("#status").textContent().catch(() => null);
    throw new Failure(
      `${page.url()} never set body[data-ready="1"] within ${TIMEOUT} ms` +
        (status ? ` (#status: ${status})` : ""),
    );
  }
  await contract(page, name);
}

// What every page promises.
async function contract(page, name) {
  const c = await page.evaluate(() => ({
    lang: document.documentElement.getAttribute("lang"),
    dir: document.documentElement.getAttribute("dir"),
    page: document.body.dataset.page,
    status: document.getElementById("status")?.getAttribute("role") ?? null,
  }));
  check(c.lang === "ar" && c.dir === "rtl", `${page.url()}: <html lang=${c.lang} dir=${c.dir}>, want lang=ar dir=rtl`);
  check(c.page === name, `${page.url()}: body[data-page=${c.page}], want ${name}`);
  check(c.status === "status", `${page.url()}: #status with role=status missing`);
}

async function gotoReady(page, path, name) {
  await page.goto(BASE + path, { waitUntil: "domcontentloaded" });
  await ready(page, name);
}

// Drops the ready flag so the next wait sees the next render.
async function unready(page) {
  await page.evaluate(() => { delete document.body.dataset.ready; });
}

async function setField(page, sel, value) {
  const tag = await page.locator(sel).evaluate((e) => e.tagName);
  if (tag === "SELECT") await page.locator(sel).selectOption(value === "" ? "" : { label: value }).catch(
    () => page.locator(sel).selectOption(value),
  );
  else await page.locator(sel).fill(value);
}

async function submit(page, form) {
  await unready(page);
  await page.locator(form).evaluate((f) => f.requestSubmit());
}

// Opens the search page and searches for `q` through the form.
async function search(page, q) {
  // Nothing searched yet: the page need not set data-ready, so wait until its
  // script has run and its requests are done before using the form.
  await page.goto(BASE + "/", { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  await contract(page, "search");
  await setField(page, "#q", q);
  await submit(page, "#search");
  await ready(page, "search");
}

async function pwned(page) {
  return page.evaluate(() => typeof window.__pwned !== "undefined");
}

// The ids in the links matching `sel` under `scope` (a page or a locator),
// read from their paths after `prefix`.
async function hrefs(scope, sel, prefix) {
  return scope.locator(sel).evaluateAll(
    (as, prefix) => as.map((a) => decodeURIComponent(new URL(a.href).pathname.slice(prefix.length))),
    prefix,
  );
}

// Offsets of elements matching `sel` inside `root`, in white-space-free
// characters of root's text: [{start, end, text}].
async function offsets(page, root, sel) {
  return page.evaluate(
    ([root, sel]) => {
      const r = document.querySelector(root);
      const len = (s) => Array.from(s.replace(/\s+/g, "")).length;
      return Array.from(r.querySelectorAll(sel)).map((el) => {
        const range = document.createRange();
        range.setStart(r, 0);
        range.setEndBefore(el);
        const start = len(range.toString());
        return { start, end: start + len(el.textContent), text: el.textContent };
      });
    },
    [root, sel],
  );
}

// ---------------------------------------------------------------- data

// Everything the scenarios derive their expectations from.
async function load() {
  const all = await api("/api/incidents?limit=1000");
  const incidents = all.incidents || [];
  const outletsOf = (inc) => [...new Set(inc.reports.map((r) => r.outlet || r.article))];
  const multi = incidents
    .filter((i) => outletsOf(i).length >= 2 && (i.disagreements || []).length >= 1)
    .sort((a, b) => outletsOf(b).length - outletsOf(a).length || b.disagreements.length - a.disagreements.length);
  return { incidents, outletsOf, multi: multi[0] || null };
}

// ---------------------------------------------------------------- scenarios

// (a) search, filter by date and outlet, open a hit.
async function searchScenario(page, shot, data) {
  const q = args.query;
  const all = await api(`/api/search?q=${enc(q)}&limit=100`);
  check(all.hits.length >= 3, `the database has ${all.hits.length} articles with «${q}»; want ≥ 3 (use --query)`);

  await search(page, q);
  const first = await hrefs(page, '#results > li a[href^="/articles/"]', "/articles/");
  const allIds = all.hits.map((h) => h.id);
  check(first.length >= Math.min(10, allIds.length), `${first.length} results shown for «${q}», the API has ${allIds.length}`);
  check(first.every((id) => allIds.includes(id)), `results not found by the API: ${first.filter((id) => !allIds.includes(id))}`);
  check(first[0] === allIds[0], `first result ${first[0]}, the API ranks ${allIds[0]} first`);
  await shot("a-search");

  // Date filter: from the median publication date of the hits.
  const dates = all.hits.map((h) => h.published).filter(Boolean).sort();
  const from = dates[Math.floor(dates.length / 2)];
  const byDate = await api(`/api/search?q=${enc(q)}&from=${from}&limit=100`);
  const dated = byDate.hits.map((h) => h.id);
  const early = all.hits.filter((h) => h.published && h.published < from).map((h) => h.id);
  check(dated.length >= 1 && early.length >= 1, `date filter ${from} does not split the hits`);
  await setField(page, "#from", from);
  await submit(page, "#search");
  await ready(page, "search");
  const second = await hrefs(page, '#results > li a[href^="/articles/"]', "/articles/");
  check(second.length >= Math.min(10, dated.length), `${second.length} results from ${from}, the API has ${dated.length}`);
  check(second.every((id) => dated.includes(id)), `results before ${from} shown: ${second.filter((id) => !dated.includes(id))}`);
  check(!second.some((id) => early.includes(id)), `an article published before ${from} is still listed`);

  // Outlet filter on top: the outlet of the first remaining hit.
  const outlet = byDate.hits.find((h) => h.outlet)?.outlet;
  check(outlet, "no hit after the date filter names its outlet");
  const byOutlet = await api(`/api/search?q=${enc(q)}&from=${from}&outlet=${enc(outlet)}&limit=100`);
  const mine = byOutlet.hits.map((h) => h.id);
  await setField(page, "#outlet", outlet);
  await submit(page, "#search");
  await ready(page, "search");
  const third = await hrefs(page, '#results > li a[href^="/articles/"]', "/articles/");
  check(third.length >= 1, `no result for outlet ${outlet}`);
  check(third.every((id) => mine.includes(id)),
    `results of other outlets shown for ${outlet}: ${third.filter((id) => !mine.includes(id))}`);
  check(third.length >= Math.min(10, mine.length), `${third.length} results for ${outlet}, the API has ${mine.length}`);
  await shot("a-search-filtered");

  // Open the first hit.
  const target = third[0];
  const rec = await api(`/api/articles/${enc(target)}`);
  await Promise.all([
    page.waitForURL((u) => u.pathname.startsWith("/articles/")),
    page.locator('#results > li a[href^="/articles/"]').first().click(),
  ]);
  await ready(page, "article");
  const title = (await page.locator("#title").textContent()).trim();
  const want = rec.record?.title || rec.id;
  check(squash(title) === squash(want), `opened article shows «${title}», want «${want}»`);
  await shot("a-search-opened");
}

// (b) the article page: marks of every kind, details, events and evidence.
async function articleScenario(page, shot, data) {
  // The most richly marked article among the reports of the incidents.
  const ids = [...new Set(data.incidents.flatMap((i) => i.reports.map((r) => r.article)))];
  check(ids.length >= 1, "no incident reports an article");
  let best = null;
  for (const id of ids.slice(0, 80)) {
    const a = await api(`/api/articles/${enc(id)}`);
    const spans = kindSpans(a.record || {});
    const kinds = Object.keys(spans).filter((k) => spans[k].length);
    const events = (a.record?.events || []).length;
    if (events >= 2 && (!best || kinds.length > best.kinds.length)) best = { a, spans, kinds };
  }
  check(best && best.kinds.length >= 4, "no article with two events and four kinds of marks");
  const { a, spans, kinds } = best;
  const rec = a.record;
  const at = squashMap(a.text);
  const chars = Array.from(a.text);
  // The original offset of the white-space-free offset `k`.
  const original = (k) => chars.findIndex((c, i) => at(i) === k && !/\s/.test(c));

  await gotoReady(page, `/articles/${enc(a.id)}`, "article");
  const shown = await page.locator("#text").textContent();
  check(squash(shown) === squash(a.text), `#text is not the article text (${squash(shown).length} vs ${squash(a.text).length} characters)`);

  for (const k of kinds) {
    const marks = await offsets(page, "#text", `mark.k-${k}`);
    check(marks.length >= 1, `${a.id}: the record has ${spans[k].length} ${k} span(s), the page marks none (mark.k-${k})`);
    const inside = (m) => spans[k].some(([s, e]) => at(s) <= m.start && m.end <= at(e));
    const stray = marks.filter((m) => !inside(m));
    check(stray.length === 0, `${a.id}: mark.k-${k} outside every ${k} span: «${stray.map((m) => m.text).join("», «")}»`);
  }

  // Clicking a mark shows what was extracted from it.
  for (const k of kinds) {
    // A mark with no mark inside it, so the click lands on this kind.
    const sel = `mark.k-${k}:not(:has(mark))`;
    const [m] = await offsets(page, "#text", sel);
    if (!m) continue;
    const mark = page.locator(`#text ${sel}`).first();
    const want = expectedDetails(rec, k, original(m.start));
    const before = await page.locator("#details").textContent();
    await mark.click();
    await page.waitForFunction(
      (before) => (document.querySelector("#details")?.textContent || "") !== before,
      before,
      { timeout: TIMEOUT },
    ).catch(() => {
      throw new Failure(`clicking mark.k-${k} «${m.text}» did not change #details`);
    });
    const details = squash(await page.locator("#details").textContent());
    check(want.some((w) => details.includes(squash(w))),
      `#details after clicking a ${k} mark shows «${details.slice(0, 120)}», want one of ${JSON.stringify(want)}`);
  }

  // Events and their evidence.
  const events = page.locator("#events > li.event");
  check((await events.count()) === rec.events.length, `#events lists ${await events.count()} events, the record has ${rec.events.length}`);
  const order = rec.events.map((_, i) => i).filter((i) => (rec.events[i].evidence || []).length);
  check(order.length >= 1, `${a.id}: no event has evidence`);
  for (const i of order.slice(0, 2)) {
    const ev = rec.events[i];
    await events.nth(i).click();
    await page.waitForSelector("#text .evidence", { state: "attached" }).catch(() => {
      throw new Failure(`clicking event ${i} marked no .evidence in #text`);
    });
    const marked = await offsets(page, "#text", ".evidence");
    const inside = (m) => ev.evidence.some(([s, e]) => at(s) <= m.start && m.end <= at(e));
    const stray = marked.filter((m) => m.end > m.start && !inside(m));
    check(stray.length === 0, `event ${i}: .evidence outside its evidence sentences: «${stray.map((m) => m.text).join("», «").slice(0, 200)}»`);
    const covered = marked.reduce((n, m) => n + (m.end - m.start), 0);
    check(covered >= 1, `event ${i}: .evidence marks nothing`);
  }
  await shot("b-article");
}

// (c) an incident told by several outlets, side by side.
async function incidentScenario(page, shot, data) {
  const inc = data.multi;
  check(inc, "no incident with two outlets and a disagreement in the database");
  const outlets = data.outletsOf(inc);
  await gotoReady(page, `/incidents/${enc(inc.id)}`, "incident");

  const summary = squash(await page.locator("#summary").textContent());
  check(summary.length > 0, "#summary is empty");
  const place = inc.places?.[0]?.name;
  if (place) check(summary.includes(squash(place)), `#summary does not name the place ${place}`);

  const cols = page.locator("#columns > .outlet-column");
  const names = await cols.evaluateAll((cs) => cs.map((c) => c.dataset.outlet));
  check(sameSet(names, outlets), `outlet columns ${JSON.stringify(names)}, the incident's outlets ${JSON.stringify(outlets)}`);
  for (const outlet of outlets) {
    const col = page.locator(`#columns > .outlet-column[data-outlet="${outlet.replace(/"/g, '\\"')}"]`);
    const reports = inc.reports.filter((r) => (r.outlet || r.article) === outlet);
    check((await col.locator(".claim").count()) >= 1, `column ${outlet}: no .claim`);
    check((await col.locator(".evidence").count()) >= 1, `column ${outlet}: no .evidence`);
    const links = await hrefs(col, '.evidence a[href^="/articles/"], a[href^="/articles/"]', "/articles/");
    const arts = reports.map((r) => r.article);
    check(links.some((l) => arts.includes(l)), `column ${outlet}: no link to its article(s) ${arts}`);
    check(links.every((l) => arts.includes(l)), `column ${outlet}: links to another outlet's article: ${links.filter((l) => !arts.includes(l))}`);
    const ev = squash((await col.locator(".evidence").allTextContents()).join(" "));
    for (const r of reports) {
      const sentence = (r.evidence || [])[0];
      if (sentence) check(ev.includes(squash(sentence)), `column ${outlet}: evidence «${sentence.slice(0, 60)}…» of ${r.article} not shown`);
    }
  }

  const inColumns = await page.locator("#columns .disagreement").count();
  const listed = await page.locator("#disagreements > li").count();
  check(inColumns >= 1, "no .disagreement in the outlet columns");
  check(listed >= inc.disagreements.length, `#disagreements lists ${listed}, the incident has ${inc.disagreements.length}`);
  check((await page.locator("#disagreements .disagreement, #disagreements > li.disagreement").count()) >= 1,
    "no .disagreement in #disagreements");
  // Each outlet's disputed death toll is marked in its own column.
  if (inc.disagreements.some((d) => d.kind === "count" && d.what === "killed")) {
    for (const r of inc.reports.filter((r) => r.killed && r.killed.best !== null)) {
      const outlet = r.outlet || r.article;
      const col = page.locator(`#columns > .outlet-column[data-outlet="${outlet.replace(/"/g, '\\"')}"]`);
      const marked = (await col.locator(".disagreement").allTextContents()).map(digits).join(" | ");
      check(new RegExp(`(^|[^0-9])${r.killed.best}([^0-9]|$)`).test(marked),
        `column ${outlet}: its toll ${r.killed.best} is not marked .disagreement (marked: «${marked.slice(0, 120)}»)`);
    }
  }
  await shot("c-incident");
}

// (d) the incidents overview: timeline, map, list, filter, click a circle.
async function overviewScenario(page, shot, data) {
  await gotoReady(page, "/incidents", "incidents");
  const ids = data.incidents.map((i) => i.id);
  const located = data.incidents.filter((i) => (i.places || []).some((p) => p.lat != null && p.lon != null));
  const bars = page.locator("#timeline svg rect.bar");
  check((await bars.count()) >= 1, "no #timeline svg rect.bar");
  const barTitles = await bars.evaluateAll((bs) => bs.map((b) => b.querySelector("title")?.textContent || ""));
  check(barTitles.every((t) => /\d/.test(digits(t))), "a timeline bar without a <title> giving date and counts");
  check((await page.locator("#map svg path.land").count()) >= 1, "no #map svg path.land");
  const circles = page.locator("#map svg circle.incident");
  const n = await circles.count();
  const clustered = (await page.locator("#map svg g.cluster").evaluateAll((gs) => gs.map((g) => Number(g.dataset.count))))
    .reduce((a, b) => a + b, 0);
  check(n + clustered >= 1, "no #map svg circle.incident nor g.cluster");
  check(n + clustered <= located.length, `${n} circles and ${clustered} clustered for ${located.length} geolocated incidents`);
  const circleTitles = await circles.evaluateAll((cs) => cs.map((c) => c.querySelector("title")?.textContent || ""));
  check(circleTitles.every((t) => t.trim().length > 0), "a circle.incident without a <title>");
  const listed = await hrefs(page, '#list > li a[href^="/incidents/"]', "/incidents/");
  check(listed.length >= 1, "#list has no link to an incident");
  check(listed.every((id) => ids.includes(id)), `#list links to unknown incidents: ${listed.filter((id) => !ids.includes(id))}`);
  await shot("d-incidents");


  // A date filter keeps only incidents from that day on.
  const dates = data.incidents.map((i) => i.date).filter(Boolean).sort();
  const from = dates[Math.floor(dates.length / 2)];
  const kept = (await api(`/api/incidents?from=${from}&limit=1000`)).incidents.map((i) => i.id);
  check(kept.length >= 1 && kept.length < ids.length, `date ${from} does not split the incidents`);
  check(listed.some((id) => !kept.includes(id)), `before filtering, #list shows no incident dated before ${from}`);
  await setField(page, "#from", from);
  await submit(page, "#filters");
  await ready(page, "incidents");
  const after = await hrefs(page, '#list > li a[href^="/incidents/"]', "/incidents/");
  check(after.length >= 1, `no incident listed from ${from}`);
  check(after.every((id) => kept.includes(id)), `incidents before ${from} still listed: ${after.filter((id) => !kept.includes(id))}`);
  await shot("d-incidents-filtered");

  const opened = await openFromMap(page);
  check(ids.includes(opened), `the circle opened unknown incident ${opened}`);
  await ready(page, "incident");
  await shot("d-incident-from-map");
}

// Clicks clusters (each zooms in) until a marker shows, then the marker (the
// last drawn, so nothing lies over it); returns the incident id opened.
async function openFromMap(page) {
  for (let i = 0; i < 12 && (await page.locator("#map svg circle.incident").count()) === 0; i++) {
    const before = await page.locator("svg.map-chart").getAttribute("data-view");
    check((await page.locator("#map svg g.cluster").count()) >= 1, "no marker and no cluster on the map");
    await page.locator("#map svg g.cluster").first().click({ force: true });
    const after = await page.locator("svg.map-chart").getAttribute("data-view");
    check(after !== before, "clicking a cluster did not zoom in");
  }
  const circle = page.locator("#map svg circle.incident").last();
  check((await circle.count()) === 1, "no marker on the map after zooming into clusters");
  await Promise.all([
    page.waitForURL((u) => /^\/incidents\/[^/]+$/.test(u.pathname)),
    circle.click({ force: true }),
  ]);
  return decodeURIComponent(new URL(page.url()).pathname.split("/").pop());
}

// (e) markup in article text is shown as text and never runs.
async function securityScenario(page, shot, data) {
  check(args.hostile, "no --hostile article given");
  const a = await api(`/api/articles/${enc(args.hostile)}`);
  const script = "<script>window.__pwned=1</script>";
  const img = '<img src=x onerror="window.__pwned=1">';
  check(a.text.includes(script) && a.text.includes(img), `article ${args.hostile} does not carry the markup literally`);

  await gotoReady(page, `/articles/${enc(args.hostile)}`, "article");
  await page.waitForLoadState("networkidle");
  const text = await page.locator("#text").textContent();
  check(text.includes(script), "#text does not show the <script> element as text");
  check(text.includes(img), "#text does not show the <img> element as text");
  const injected = await page.evaluate(() => document.querySelectorAll("main script, main img, [onerror]").length);
  check(injected === 0, `${injected} element(s) parsed out of article data`);
  check(!(await pwned(page)), "window.__pwned is set on the article page");
  await shot("e-hostile-article");

  // The same article through the search page and its incident.
  const word = "البوكمال";
  await search(page, word);
  await page.waitForLoadState("networkidle");
  const hits = await hrefs(page, '#results > li a[href^="/articles/"]', "/articles/");
  check(hits.includes(args.hostile), `searching «${word}» does not list ${args.hostile}`);
  check((await page.locator("main img, main script, [onerror]").count()) === 0, "markup parsed on the search page");
  check(!(await pwned(page)), "window.__pwned is set on the search page");
  const inc = data.incidents.find((i) => i.reports.some((r) => r.article === args.hostile));
  if (inc) {
    await gotoReady(page, `/incidents/${enc(inc.id)}`, "incident");
    await page.waitForLoadState("networkidle");
    check((await page.locator("main img, main script, [onerror]").count()) === 0, "markup parsed on the incident page");
    check(!(await pwned(page)), "window.__pwned is set on the incident page");
    await shot("e-hostile-incident");
  }
}

// (g) review on the incident page: correct a toll and a place, mark it
// reviewed, reload and see the corrections with the extracted values.
async function reviewScenario(page, shot, data) {
  const token = process.env.RASAD_E2E_TOKEN;
  check(token, "RASAD_E2E_TOKEN is not set (the server's write token)");
  const inc = data.multi;
  check(inc, "no incident to review");
  const path = `/incidents/${enc(inc.id)}`;
  await gotoReady(page, path, "incident");
  check((await page.locator("#review-state").getAttribute("data-reviewed")) === "false", "a fresh incident shows as reviewed");
  const form = page.locator("#review-form");
  await form.locator('input[name="reviewer"]').fill("amal");
  await form.locator('input[name="token"]').fill("wrong-token");
  await form.locator('select[name="field"]').selectOption("fatalities");
  await form.locator('input[name="value"]').fill("77");
  await form.locator('button[type="submit"]').click();
  await page.waitForFunction(() => /تعذّر الحفظ/.test(document.getElementById("review-status").textContent));
  check((await page.locator("#corrections > li").count()) === 0, "a refused write shows a correction");

  // Keyboard only: the token field, then Enter submits the form.
  await form.locator('input[name="token"]').fill(token);
  await form.locator('input[name="note"]').fill("hospital list");
  await form.locator('input[name="value"]').focus();
  await unready(page);
  await page.keyboard.press("Enter");
  await ready(page, "incident");
  await form.locator('select[name="field"]').selectOption("place");
  await form.locator('input[name="value"]').fill("حي الجامع@35.65,36.67");
  await unready(page);
  await form.locator('button[type="submit"]').click();
  await ready(page, "incident");
  // One outlet's claim: the source its figure is attributed to.
  const last = sortedKeys(inc).slice(-1)[0];
  await page.waitForSelector('#split-form[data-loaded="1"]', { state: "attached" });
  await form.locator('select[name="field"]').selectOption("claim.source");
  await form.locator('select[name="report"]').selectOption(last);
  await form.locator('input[name="value"]').fill("الدفاع المدني السوري");
  await unready(page);
  await form.locator('button[type="submit"]').click();
  await ready(page, "incident");
  await unready(page);
  await page.locator("#mark-reviewed").click();
  await ready(page, "incident");

  await gotoReady(page, path, "incident");
  check((await page.locator("#review-state").getAttribute("data-reviewed")) === "true", "reviewed mark lost on reload");
  const items = await page.locator("#corrections > li").evaluateAll((ls) => ls.map((l) => l.dataset.what));
  check(JSON.stringify(items) === JSON.stringify(["fatalities", "place", "claim", "reviewed"]), `corrections listed ${JSON.stringify(items)}`);
  const toll = squash(await page.locator('#corrections > li[data-what="fatalities"] ins').textContent());
  check(toll === "77", `the corrected toll shows ${toll}`);
  const summary = squash(await page.locator("#summary").textContent());
  check(summary.includes(squash("حي الجامع")), "#summary does not show the corrected place");
  const api2 = await api(`/api/incidents/${enc(inc.id)}`);
  check(api2.fatalities.best === 77 && api2.reviewed === true, `the API serves ${JSON.stringify(api2.fatalities)} reviewed=${api2.reviewed}`);
  const lastArticle = last.split("#")[0];
  const claims = [...api2.fatalities.claims, ...api2.injured.claims].filter((c) => c.article === lastArticle);
  check(claims.length >= 1 && claims.every((c) => c.source === "الدفاع المدني السوري"),
    `the corrected claim source is not served: ${JSON.stringify(claims)}`);
  await shot("g-review");
  await splitAndMerge(page, shot, inc, form);
  await reingest(page, shot, inc);
}

const keyOf = (r) => `${r.article}#${r.event_index}`;
// Report keys by (article, event index): the first is the one the
// incident's id and its whole-incident corrections are anchored to.
const sortedKeys = (inc) => inc.reports.slice()
  .sort((x, y) => (x.article < y.article ? -1 : x.article > y.article ? 1 : x.event_index - y.event_index))
  .map(keyOf);

// The incident holding report `key` now.
async function holder(key) {
  const all = (await api("/api/incidents?limit=1000")).incidents;
  return all.find((i) => i.reports.some((r) => keyOf(r) === key)) || null;
}

// The incident page after a write that reloads it (split, merge).
async function afterReload(page, submit) {
  await Promise.all([page.waitForEvent("load"), submit()]);
  await ready(page, "incident");
}

// Split one report off the reviewed incident through its page, then merge
// the two again; each time the page reloads on the incident holding the
// reviewed report, and the API agrees.
async function splitAndMerge(page, shot, inc, form) {
  const keys = sortedKeys(inc);
  const [kept, moved] = [keys[0], keys[keys.length - 1]];
  check(kept !== moved, "the reviewed incident has one report: nothing to split");
  const sign = async () => {
    await form.locator('input[name="reviewer"]').fill("amal");
    await form.locator('input[name="token"]').fill(process.env.RASAD_E2E_TOKEN);
  };
  await page.waitForSelector('#split-form[data-loaded="1"]', { state: "attached" });
  await sign();
  await page.locator(`#split-reports input[value="${moved}"]`).check();
  await afterReload(page, () => page.locator('#split-form button[type="submit"]').click());
  const a = await holder(kept), b = await holder(moved);
  check(a && b && a.id !== b.id, `after the split ${kept} and ${moved} are in ${a?.id} and ${b?.id}`);
  check(new URL(page.url()).pathname === `/incidents/${enc(a.id)}`, `the page shows ${page.url()}, want ${a.id}`);
  const items = () => page.locator("#corrections > li").evaluateAll((ls) => ls.map((l) => l.dataset.what));
  check((await items()).includes("split"), `no split in the corrections after splitting: ${await items()}`);
  check(a.fatalities.best === 77 && a.reviewed, "the split lost the corrected toll or the reviewed mark");
  await shot("g-review-split");

  await page.waitForSelector('#split-form[data-loaded="1"]', { state: "attached" });
  await sign();
  await page.locator("#merge-other").fill(b.id);
  await afterReload(page, () => page.locator('#merge-form button[type="submit"]').click());
  const c = await holder(kept);
  check(c && c.reports.some((r) => keyOf(r) === moved), `after the merge ${moved} is not with ${kept} again`);
  await gotoReady(page, `/incidents/${enc(c.id)}`, "incident");
  check((await items()).includes("merge"), `no merge in the corrections after reloading: ${await items()}`);
  check((await page.locator("#review-state").getAttribute("data-reviewed")) === "true", "merge lost the reviewed mark");
  // The JSON export (every incident) carries the corrected values.
  const exported = (await api("/api/incidents?limit=1000")).incidents.find((i) => i.id === c.id);
  check(exported.fatalities.best === 77 && exported.reviewed && exported.places[0].name === "حي الجامع",
    `the export has ${JSON.stringify(exported.fatalities)} reviewed=${exported.reviewed} at ${exported.places[0]?.name}`);
  await shot("g-review-merge");
}

// Posts the articles of --reingest (the same articles again plus new ones)
// and sees the corrections still applied to the reviewed report's incident.
async function reingest(page, shot, inc) {
  if (!args.reingest) return;
  const body = readFileSync(args.reingest, "utf8");
  const r = await fetch(BASE + "/api/articles", {
    method: "POST",
    headers: { "Content-Type": "application/x-ndjson", Authorization: `Bearer ${process.env.RASAD_E2E_TOKEN}` },
    body,
  });
  const summary = await r.json();
  check(r.ok, `POST /api/articles: HTTP ${r.status} ${JSON.stringify(summary).slice(0, 200)}`);
  const lines = body.trim().split("\n").length;
  check(JSON.stringify(summary).length > 2, "no ingest summary");
  const kept = sortedKeys(inc)[0];
  const now = await holder(kept);
  check(now, `${kept} is in no incident after re-ingesting ${lines} articles`);
  await gotoReady(page, `/incidents/${enc(now.id)}`, "incident");
  check((await page.locator("#review-state").getAttribute("data-reviewed")) === "true", "re-ingest lost the reviewed mark");
  const toll = squash(await page.locator('#corrections > li[data-what="fatalities"] ins').textContent());
  check(toll === "77" && now.fatalities.best === 77, `after re-ingest the toll shows ${toll}, the API ${now.fatalities.best}`);
  const summaryText = squash(await page.locator("#summary").textContent());
  check(summaryText.includes(squash("حي الجامع")), "after re-ingest #summary lost the corrected place");
  writeFileSync(join(args.artifacts, "review-result.json"), JSON.stringify({ incident: now.id, report: kept, ingest: summary }));
  await shot("g-review-reingest");
}

// (h) the article page of the reviewed incident: its incidents linked with
// their review state, a correction and a note made there.
async function articleReviewScenario(page, shot, data) {
  const token = process.env.RASAD_E2E_TOKEN;
  const key = sortedKeys(data.multi)[0];
  const inc = await holder(key);
  const article = key.split("#")[0];
  await gotoReady(page, `/articles/${enc(article)}`, "article");
  await page.waitForSelector('#article-incidents[data-loaded="1"]', { state: "attached" });
  const linked = await hrefs(page, "#incident-links a", "/incidents/");
  check(linked.includes(inc.id), `the article links to ${JSON.stringify(linked)}, not to its incident ${inc.id}`);
  check((await page.locator(`#incident-links li[data-id="${inc.id}"] .reviewed`).count()) === 1, "the reviewed incident is not shown reviewed");
  const form = page.locator("#article-review-form");
  await form.locator('select[name="incident"]').selectOption(inc.id);
  await form.locator('select[name="field"]').selectOption("injured");
  await form.locator('input[name="value"]').fill("3");
  await form.locator('input[name="reviewer"]').fill("amal");
  await form.locator('input[name="token"]').fill(token);
  await unloaded(page, "#article-incidents");
  await form.locator('button[type="submit"]').click();
  await page.waitForSelector('#article-incidents[data-loaded="1"]', { state: "attached" });
  const after = await api(`/api/incidents/${enc(inc.id)}`);
  check(after.injured.best === 3, `injured=3 on the article page gave ${JSON.stringify(after.injured)}`);
  await page.locator('#article-note-form textarea[name="text"]').fill("e2e: the dateline names the wrong day");
  await page.locator('#article-note-form button[type="submit"]').click();
  await page.waitForFunction(() => /wrong day/.test(document.getElementById("article-notes").textContent));
  await gotoReady(page, `/articles/${enc(article)}`, "article");
  await page.waitForSelector('#article-incidents[data-loaded="1"]', { state: "attached" });
  check(/wrong day/.test(await page.locator("#article-notes").textContent()), "the article note is gone after reloading");
  await shot("h-article-review");

  // The hostile fixture's event is no event: marked from its article page,
  // it leaves every incident.
  if (!args.hostile || !(await holder(`${args.hostile}#0`))) return;
  await gotoReady(page, `/articles/${enc(args.hostile)}`, "article");
  await page.waitForSelector('#article-incidents[data-loaded="1"]', { state: "attached" });
  await form.locator('input[name="reviewer"]').fill("amal");
  await form.locator('input[name="token"]').fill(token);
  await unloaded(page, "#article-incidents");
  await page.locator("#article-not-event").click();
  await page.waitForSelector('#article-incidents[data-loaded="1"]', { state: "attached" });
  const all = (await api("/api/incidents?limit=1000")).incidents;
  check(all.every((i) => i.reports.every((r) => r.article !== args.hostile)), `${args.hostile} is still in an incident after not-event`);
  check((await page.locator("#incident-links li[data-id]").count()) === 0, "the article still lists an incident");
}

async function unloaded(page, sel) {
  await page.locator(sel).evaluate((e) => { delete e.dataset.loaded; });
}

// (i) the review queue (unreviewed first, filters), an incident's history
// and an outlet's page with its terms and a note.
async function queueScenario(page, shot, data) {
  const token = process.env.RASAD_E2E_TOKEN;
  const all = (await api("/api/incidents?limit=1000")).incidents;
  const reviewed = all.filter((i) => i.reviewed).map((i) => i.id);
  check(reviewed.length >= 1, "no reviewed incident (run the review scenario first)");
  await gotoReady(page, "/review", "review");
  const ids = () => page.locator("#queue > li").evaluateAll((ls) => ls.map((l) => [l.dataset.id, l.dataset.reviewed]));
  const first = await ids();
  check(first.length === all.length - reviewed.length, `the queue shows ${first.length}, ${all.length - reviewed.length} are unreviewed`);
  check(first.every(([, r]) => r === "false"), "a reviewed incident in the unreviewed queue");
  await page.locator("#state").selectOption("");
  await submit(page, "#queue-filters");
  await ready(page, "review");
  const every = await ids();
  check(every.length === all.length, `all states: ${every.length} listed of ${all.length}`);
  const firstReviewed = every.findIndex(([, r]) => r === "true");
  check(firstReviewed === all.length - reviewed.length, `a reviewed incident listed before an unreviewed one (at ${firstReviewed})`);
  const outlet = data.outletsOf(data.multi).find((o) => o && !o.startsWith("e2e"));
  await page.locator("#q-outlet").selectOption(outlet);
  await submit(page, "#queue-filters");
  await ready(page, "review");
  const mine = (await ids()).map(([id]) => id);
  const want = all.filter((i) => i.reports.some((r) => r.outlet === outlet)).map((i) => i.id);
  check(mine.length >= 1 && sameSet(mine, want), `outlet ${outlet}: queue ${JSON.stringify(mine)}, want ${JSON.stringify(want)}`);
  check(new URL(page.url()).searchParams.get("outlet") === outlet, "the outlet filter is not in the URL");
  await shot("i-queue");

  await gotoReady(page, `/incidents/${enc(reviewed[0])}/history`, "history");
  const whats = await page.locator("#history > li").evaluateAll((ls) => ls.map((l) => l.dataset.what));
  for (const w of ["fatalities", "place", "reviewed", "split", "merge"]) check(whats.includes(w), `history lacks ${w}: ${whats}`);
  await shot("i-history");

  await gotoReady(page, `/outlets/${enc(outlet)}`, "outlet");
  const stats = (await api("/api/outlets")).outlets.find((o) => o.outlet === outlet);
  check((await page.locator("#terms > tr").count()) === Object.keys(stats.terms || {}).length, "the terms table is not the outlet's terms");
  const form = page.locator("#outlet-note-form");
  await form.locator('textarea[name="text"]').fill("e2e: close to the armed opposition");
  await form.locator('input[name="reviewer"]').fill("amal");
  await form.locator('input[name="token"]').fill(token);
  await unready(page);
  await form.locator('button[type="submit"]').click();
  await ready(page, "outlet");
  await gotoReady(page, `/outlets/${enc(outlet)}`, "outlet");
  check(/armed opposition/.test(await page.locator("#outlet-notes").textContent()), "the outlet note is not shown after reloading");
  await shot("i-outlet");
}

// (m) the map of the dev set (--map-base): zoomed on the governorate with
// the most incidents at one spot, clustered, at 1400 and 400 px; zoom, pan,
// a cluster and a marker; the outlet filter and actor roles in the list.
async function mapScenario(page, shot, data) {
  check(args.mapBase, "no --map-base server of the dev set");
  const get = async (path) => (await fetch(args.mapBase + path)).json();
  const incs = (await get("/api/incidents?limit=1000")).incidents;
  const admin = await get("/assets/admin1.geojson");
  const govs = new Set(admin.features.filter((f) => f.properties.kind === "admin1").map((f) => f.properties.name_ar));
  const spots = new Map();
  for (const i of incs) {
    const p = (i.places || []).find((p) => p.lat != null && p.lon != null);
    if (!p || !govs.has(p.admin1)) continue;
    const k = p.admin1 + "|" + p.lat.toFixed(2) + "," + p.lon.toFixed(2);
    spots.set(k, (spots.get(k) || 0) + 1);
  }
  const best = [...spots].sort((a, b) => b[1] - a[1])[0];
  check(best && best[1] >= 2, "no two dev incidents at one spot of a known governorate");
  const gov = best[0].split("|")[0];
  for (const width of [1400, 400]) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto(`${args.mapBase}/incidents?gov=${enc(gov)}`, { waitUntil: "domcontentloaded" });
    await ready(page, "incidents");
    const n = (sel) => page.locator(`#map svg ${sel}`).count();
    check((await n("g.cluster")) >= 1, `${width} px: no cluster on the map of ${gov}`);
    check((await n("path.admin1")) >= 1 && (await n("circle.town")) >= 3, `${width} px: no governorate lines or towns`);
    const labels = await page.locator("#map svg text.admin1-label").allTextContents();
    check(labels.includes(gov), `${width} px: ${gov} not named on its map (${labels})`);
    check((await page.evaluate(() => document.documentElement.scrollWidth)) <= width, `${width} px: the page scrolls sideways`);
    await page.locator("#map").screenshot({ path: join(args.artifacts, `m-map-${width}.png`) });
  }
  const view = async () => (await page.locator("svg.map-chart").getAttribute("data-view")).split(",").map(Number);
  const v0 = await view();
  await page.locator("#zoom-in").click();
  const v1 = await view();
  check(Math.abs((v1[2] - v1[0]) * 2 - (v0[2] - v0[0])) < 0.01, `zoom in: ${v0} → ${v1}`);
  await page.locator("#zoom-out").click();
  await page.locator("svg.map-chart").focus();
  await page.keyboard.press("ArrowRight");
  const v2 = await view();
  check(v2[0] > v0[0] + 0.01, `the right arrow did not pan east: ${v0} → ${v2}`);
  const box = await page.locator("svg.map-chart").boundingBox();
  await page.mouse.move(box.x + 40, box.y + box.height - 40);
  await page.mouse.down();
  await page.mouse.move(box.x + 140, box.y + box.height - 60, { steps: 5 });
  await page.mouse.up();
  const v3 = await view();
  check(v3[0] < v2[0] - 0.01, `dragging east did not move the view west: ${v2} → ${v3}`);
  await page.locator("#zoom-home").click();
  const wide = await view();
  await page.locator("#map svg g.cluster").first().click({ force: true });
  const narrow = await view();
  check(narrow[2] - narrow[0] < wide[2] - wide[0], `clicking a cluster did not zoom in: ${wide} → ${narrow}`);
  await page.locator("#zoom-home").click();
  const opened = await openFromMap(page);
  check(incs.some((i) => i.id === opened), `the map opened unknown incident ${opened}`);
  await ready(page, "incident");

  // Outlet filter and actor roles on the list.
  const counts = new Map();
  for (const i of incs) for (const o of new Set(i.reports.map((r) => r.outlet).filter(Boolean))) counts.set(o, (counts.get(o) || 0) + 1);
  const outlet = [...counts].sort((a, b) => b[1] - a[1])[0][0];
  await page.goto(`${args.mapBase}/incidents`, { waitUntil: "domcontentloaded" });
  await ready(page, "incidents");
  await page.locator("#outlet").selectOption(outlet);
  await submit(page, "#filters");
  await ready(page, "incidents");
  const listed = await hrefs(page, '#list > li a[href^="/incidents/"]', "/incidents/");
  const want = incs.filter((i) => i.reports.some((r) => r.outlet === outlet)).map((i) => i.id);
  check(sameSet(listed, want), `outlet ${outlet}: ${listed.length} listed, ${want.length} reported by it`);
  const roles = await page.locator("#list > li").evaluateAll((ls) => ls.map((l) => [
    l.querySelector("a").getAttribute("href").split("/").pop(),
    l.querySelector(".actors .actor1")?.dataset.actors, l.querySelector(".actors .actor2")?.dataset.actors]));
  for (const [id, a1, a2] of roles) {
    const inc = incs.find((i) => i.id === decodeURIComponent(id));
    const of = (role) => [...new Set(inc.actors.filter((a) => a.role === role).map((a) => a.id))].join(";");
    check(a1 === of("actor1") && a2 === of("actor2"), `${id}: the card names actor1 ${a1} and actor2 ${a2}, want ${of("actor1")} / ${of("actor2")}`);
  }
  await shot("m-incidents-outlet");
}

// RFC 4180 CSV: quoted fields may hold commas, quotes ("") and newlines.
function parseCSV(text) {
  const rows = [];
  let row = [], field = "", quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") { row.push(field); field = ""; }
    else if (c === "\n") { row.push(field); rows.push(row); row = []; field = ""; }
    else if (c !== "\r") field += c;
  }
  if (field || row.length) { row.push(field); rows.push(row); }
  return rows;
}

// Clicks a download link; the downloaded file's bytes.
async function download(page, sel) {
  const [dl] = await Promise.all([page.waitForEvent("download"), page.locator(sel).click()]);
  const failure = await dl.failure();
  if (failure) throw new Failure(`${sel}: download failed: ${failure}`);
  return readFileSync(await dl.path());
}

// (h) the download buttons of the incidents page give the filtered list:
// every incident listed with a full date is a row, nothing else is.
async function downloadScenario(page, shot, data) {
  const dates = data.incidents.map((i) => i.date).filter(Boolean).sort();
  const from = dates[Math.floor(dates.length / 2)].slice(0, 10);
  await gotoReady(page, `/incidents?from=${enc(from)}`, "incidents");
  const listed = await hrefs(page, '#list > li a[href^="/incidents/"]', "/incidents/");
  const fullDate = new Set(data.incidents.filter((i) => /^\d{4}-\d{2}-\d{2}/.test(i.date || "")).map((i) => i.id));
  const want = listed.filter((id) => fullDate.has(id)).sort();
  check(want.length >= 1 && want.length < data.incidents.length, `filter from ${from} lists ${want.length} dated incidents`);

  const csv = await download(page, "#download-csv");
  check(csv[0] === 0xef && csv[1] === 0xbb && csv[2] === 0xbf, "the CSV has no byte-order mark");
  const rows = parseCSV(csv.subarray(3).toString("utf8"));
  check(rows[0][0] === "event_id_cnty" && rows[0].length > 31, `CSV header ${rows[0].slice(0, 3)}`);
  const got = rows.slice(1).map((r) => r[0]).sort();
  check(JSON.stringify(got) === JSON.stringify(want), `CSV rows ${got} ≠ listed ${want}`);

  const geo = JSON.parse((await download(page, "#download-geojson")).toString("utf8"));
  const geoIds = geo.features.map((f) => f.properties.event_id_cnty).sort();
  check(JSON.stringify(geoIds) === JSON.stringify(want), `GeoJSON features ${geoIds} ≠ listed ${want}`);

  const xlsx = await download(page, "#download-xlsx");
  check(xlsx[0] === 0x50 && xlsx[1] === 0x4b && xlsx.length > 1000, "the XLSX is not a workbook");
  await shot("j-downloads");
}

// (n) one real dev incident told by three outlets or more, side by side on
// the dev server: a column per outlet and the disagreements marked.
async function devIncidentScenario(page, shot) {
  check(args.mapBase, "no --map-base server of the dev set");
  const incs = (await (await fetch(`${args.mapBase}/api/incidents?limit=1000`)).json()).incidents;
  const outletsOf = (inc) => [...new Set(inc.reports.map((r) => r.outlet || r.article))];
  const inc = incs
    .filter((i) => outletsOf(i).length >= 3 && (i.disagreements || []).length >= 1)
    .sort((a, b) => outletsOf(b).length - outletsOf(a).length)[0];
  check(inc, "no dev incident with three outlets and a disagreement");
  await page.goto(`${args.mapBase}/incidents/${enc(inc.id)}`, { waitUntil: "domcontentloaded" });
  await ready(page, "incident");
  const names = await page.locator("#columns > .outlet-column").evaluateAll((cs) => cs.map((c) => c.dataset.outlet));
  check(sameSet(names, outletsOf(inc)), `outlet columns ${JSON.stringify(names)}, the incident's outlets ${JSON.stringify(outletsOf(inc))}`);
  check((await page.locator("#columns .evidence").count()) >= names.length, "an outlet column without evidence");
  check((await page.locator("#disagreements > li").count()) >= 1, "no disagreement listed");
  await shot("n-dev-incident");
}

// ---------------------------------------------------------------- runner

const SCENARIOS = [
  ["a", "search", searchScenario],
  ["b", "article", articleScenario],
  ["c", "incident", incidentScenario],
  ["d", "incidents", overviewScenario],
  ["e", "security", securityScenario],
  ["j", "downloads", downloadScenario],
  // Last: it writes, and the scenarios above read the incidents as loaded.
  ["g", "review", reviewScenario],
  ["h", "article-review", articleReviewScenario],
  ["i", "queue", queueScenario],
  ["m", "map", mapScenario],
  ["n", "dev-incident", devIncidentScenario],
];

async function main() {
  mkdirSync(args.artifacts, { recursive: true });
  for (const f of readdirSync(args.artifacts)) if (f.endsWith(".png")) rmSync(join(args.artifacts, f));
  const { context, profile } = await launch();
  console.log(`browser: ${CHROMIUM}; server: ${BASE}; screenshots: ${args.artifacts}`);
  let data;
  try {
    data = await load();
  } catch (e) {
    console.error(`cannot read the API: ${e.message}`);
    await context.close();
    process.exit(1);
  }
  const results = [];
  for (const [key, name, run] of SCENARIOS) {
    if (args.only && !args.only.includes(key)) continue;
    const label = `${key}-${name}`;
    const page = await newPage(context, label);
    const shot = async (file) => {
      await page.screenshot({ path: join(args.artifacts, `${file}.png`), fullPage: true });
    };
    const t0 = Date.now();
    let error = null;
    try {
      await run(page, shot, data);
      if (await pwned(page)) throw new Failure("window.__pwned is set");
    } catch (e) {
      error = e instanceof Failure ? e.message : (e.stack || String(e));
      await shot(`${label}-FAILED`).catch(() => {});
    }
    await page.close();
    const secs = ((Date.now() - t0) / 1000).toFixed(1);
    results.push({ label, error });
    console.log(error ? `FAIL ${label} (${secs} s): ${error}` : `ok   ${label} (${secs} s)`);
  }
  // (f) no console errors, uncaught exceptions, failed requests or CSP
  // violations on any page visited above.
  const clean = problems.length === 0;
  results.push({ label: "f-console-csp", error: clean ? null : problems.join("\n     ") });
  console.log(clean ? "ok   f-console-csp" : `FAIL f-console-csp:\n     ${problems.join("\n     ")}`);
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  const failed = results.filter((r) => r.error).length;
  console.log(`${results.length - failed} passed, ${failed} failed; screenshots in ${args.artifacts}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
