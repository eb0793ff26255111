// rasad analyst pages: search (/), one article (/articles/{id}) and one
// incident (/incidents/{id}). Every element is built with DOM APIs and every
// value goes in through textContent or a property, so article text and
// metadata are never parsed as markup. The page contract (ids, classes,
// body.dataset.ready) is shared with the browser tests: keep it stable.
"use strict";

// ---------------------------------------------------------------- helpers

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

// A left-to-right run (codes, ids, coordinates) inside right-to-left text.
function ltr(text, cls) {
  const e = el("bdi", text, cls);
  e.dir = "ltr";
  return e;
}

function byId(id) {
  return document.getElementById(id);
}

function status(msg) {
  byId("status").textContent = msg || "";
}

function ready(on) {
  if (on) document.body.dataset.ready = "1";
  else delete document.body.dataset.ready;
}

// The API's errors in Arabic (its own message, in English, kept for 400s).
function apiError(status, message) {
  if (status === 404) return "غير موجود";
  if (status === 429) return "طلبات كثيرة؛ انتظر قليلاً ثم أعد المحاولة";
  if (status === 400) return "طلب غير صالح (" + (message || "bad request") + ")";
  if (status >= 500) return "خطأ في الخادم";
  return message || ("HTTP " + status);
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) throw new Error(apiError(r.status, body && body.error));
  return body;
}

// A counted noun with Arabic number agreement: count(3, ["نتيجة واحدة",
// "نتيجتان", "نتائج", "نتيجة"]) is "3 نتائج".
function count(n, [one, two, few, many]) {
  if (n === 1) return one;
  if (n === 2) return two;
  const r = n % 100;
  return n + " " + (r >= 3 && r <= 10 ? few : many);
}
const RESULTS = ["نتيجة واحدة", "نتيجتان", "نتائج", "نتيجة"];
const REPORTS = ["تقرير واحد", "تقريران", "تقارير", "تقريراً"];
const OUTLETS = ["وسيلة واحدة", "وسيلتان", "وسائل", "وسيلة"];

// The last path segment, decoded (the id of /articles/{id}, /incidents/{id}).
function pathId() {
  const parts = location.pathname.split("/");
  try {
    return decodeURIComponent(parts[parts.length - 1] || "");
  } catch (_) {
    return "";
  }
}

// Only http(s) links leave the page (never javascript: or data:).
function safeUrl(u) {
  return typeof u === "string" && /^https?:\/\//i.test(u) ? u : null;
}

function num(v) {
  if (v === null || v === undefined || !isFinite(v)) return null;
  return Number.isInteger(v) ? String(v) : String(Math.round(v * 10) / 10);
}

// low/best/high as one readable range.
function range(c) {
  if (!c) return "—";
  const lo = num(c.low), best = num(c.best), hi = num(c.high);
  if (lo !== null && hi !== null && lo === hi) return lo;
  if (lo !== null && hi !== null) return lo + "–" + hi + (best !== null ? " (الأرجح " + best + ")" : "");
  if (lo !== null) return "أكثر من " + lo + (best !== null && best !== lo ? " (الأرجح " + best + ")" : "");
  if (best !== null) return best;
  if (hi !== null) return "حتى " + hi;
  return "غير معروف";
}

// A <dl> from [label, value] pairs; a value may be text or a node. Pairs with
// an empty value are left out.
function defs(pairs, cls) {
  const dl = el("dl", null, cls);
  for (const [label, value, ddClass] of pairs) {
    if (value === null || value === undefined || value === "") continue;
    dl.appendChild(el("dt", label));
    const dd = el("dd", null, ddClass);
    if (value instanceof Node) dd.appendChild(value);
    else dd.textContent = String(value);
    dl.appendChild(dd);
  }
  return dl;
}

// --------------------------------------------------------------- labels

const KIND_NAMES = { place: "مكان", actor: "طرف", date: "تاريخ", number: "عدد", casualty: "ضحايا", source: "مصدر" };

const EVENT_TYPES = {
  battles: "معارك",
  explosions_remote_violence: "تفجيرات وعنف عن بعد",
  violence_against_civilians: "عنف ضد المدنيين",
  protests: "احتجاجات",
  riots: "أعمال شغب",
  strategic_developments: "تطورات استراتيجية",
};

const SUBTYPES = {
  armed_clash: "اشتباك مسلح",
  government_regains_territory: "استعادة الحكومة السيطرة على منطقة",
  non_state_actor_overtakes_territory: "سيطرة جهة غير حكومية على منطقة",
  chemical_weapon: "سلاح كيميائي",
  air_drone_strike: "غارة جوية أو بطائرة مسيّرة",
  suicide_bomb: "تفجير انتحاري",
  shelling_artillery_missile_attack: "قصف مدفعي أو صاروخي",
  remote_explosive_landmine_ied: "عبوة ناسفة أو لغم",
  grenade: "قنبلة يدوية",
  sexual_violence: "عنف جنسي",
  attack: "اعتداء",
  abduction_forced_disappearance: "خطف أو إخفاء قسري",
  peaceful_protest: "احتجاج سلمي",
  protest_with_intervention: "احتجاج مع تدخل",
  excessive_force_against_protesters: "قوة مفرطة ضد المحتجين",
  violent_demonstration: "تظاهرة عنيفة",
  mob_violence: "عنف جماعي",
  agreement: "اتفاق",
  arrests: "اعتقالات",
  change_to_group_activity: "تغيّر في نشاط جماعة",
  disrupted_weapons_use: "إحباط استخدام سلاح",
  headquarters_or_base_established: "إنشاء مقر أو قاعدة",
  looting_property_destruction: "نهب أو تدمير ممتلكات",
  non_violent_transfer_of_territory: "انتقال السيطرة دون قتال",
  other: "أخرى",
};

// Neutral display names of the spec's actor codes (the outlets' own terms
// are shown beside them where the API gives them).
const ACTORS = {
  ISIS: "تنظيم الدولة",
  SYR_GOV: "القوات الحكومية السورية",
  IRAN: "إيران والميليشيات المدعومة منها",
  HEZBOLLAH: "حزب الله",
  RUSSIA: "القوات الروسية",
  SDF: "قوات سوريا الديمقراطية",
  US_COALITION: "التحالف الدولي",
  TURKEY: "القوات التركية",
  SNA: "الجيش الوطني السوري",
  OPPOSITION: "المعارضة المسلحة",
  HTS: "هيئة تحرير الشام",
  IRAQ_GOV: "القوات العراقية",
  PMF: "الحشد الشعبي",
  KRG: "قوات إقليم كردستان",
  ISRAEL: "القوات الإسرائيلية",
  CIVILIANS: "مدنيون",
  UNKNOWN: "جهة مجهولة",
};

const ROLES = { actor1: "الفاعل", actor2: "الطرف المستهدف", associated: "طرف مشارك" };
const CERTAINTY = { asserted: "تؤكده الوسيلة", claimed: "ادعاء تنقله الوسيلة", denied: "نفي" };
const CASUALTY_KINDS = { killed: "قتلى", injured: "جرحى", captured: "أسرى ومعتقلون", missing: "مفقودون" };
const PRECISION = { minute: "دقيقة", hour: "ساعة", day: "يوم", week: "أسبوع", month: "شهر", year: "سنة", unknown: "غير معروفة" };
const CALENDARS = { gregorian: "ميلادي", hijri: "هجري" };
const BASIS = { explicit: "مكتوب صراحة", relative: "محسوب من تاريخ آخر", inferred: "مستنتج" };
const UNITS = { people: "أشخاص", usd: "دولار أمريكي", syp: "ليرة سورية", iqd: "دينار عراقي", eur: "يورو", currency: "عملة", percent: "نسبة مئوية", other: "أخرى" };
const DATE_PREC = { 1: "اليوم بدقة", 2: "خلال أيام", 3: "خلال أسبوع", 4: "خلال شهر", 5: "غير دقيق" };
const WHERE_PREC = { 1: "المكان بدقة", 2: "ضمن 25 كم", 3: "المنطقة", 4: "المحافظة", 6: "البلد" };

function label(table, code) {
  if (code === null || code === undefined || code === "") return "";
  return table[code] || String(code);
}

// "التحالف الدولي (US_COALITION)" as nodes.
function actorNode(code) {
  const s = el("span", null, "actor-name");
  s.appendChild(document.createTextNode(label(ACTORS, code) + " "));
  s.appendChild(ltr("(" + code + ")", "code"));
  return s;
}

function actorList(codes) {
  const s = el("span");
  (codes || []).forEach((c, i) => {
    if (i) s.appendChild(document.createTextNode("، "));
    s.appendChild(actorNode(c));
  });
  return codes && codes.length ? s : null;
}

function typeText(type, subtype) {
  return [label(EVENT_TYPES, type), label(SUBTYPES, subtype)].filter(Boolean).join(" › ");
}

// ----------------------------------------------------------------- search

const search = { limit: 20, pageSize: 20, params: null };

// The snippet with its marks (character ranges, counted in code points).
function snippetNode(text, marks) {
  const p = el("p", null, "snippet");
  const chars = Array.from(text || "");
  let at = 0;
  for (const m of (marks || []).slice().sort((a, b) => a[0] - b[0])) {
    const s = Math.max(at, m[0]), e = Math.min(chars.length, m[1]);
    if (e <= s) continue;
    p.appendChild(document.createTextNode(chars.slice(at, s).join("")));
    p.appendChild(el("mark", chars.slice(s, e).join("")));
    at = e;
  }
  p.appendChild(document.createTextNode(chars.slice(at).join("")));
  return p;
}

function hitItem(h) {
  const li = el("li", null, "hit");
  const a = el("a", null, "hit-title");
  a.appendChild(el("bdi", h.title || h.id));
  a.href = "/articles/" + encodeURIComponent(h.id);
  li.appendChild(el("h3")).appendChild(a);
  const meta = el("p", null, "meta");
  meta.appendChild(el("bdi", h.outlet || "وسيلة غير معروفة", "outlet"));
  meta.appendChild(document.createTextNode(" · "));
  const time = el("time", h.published || "تاريخ غير معروف", "published");
  if (h.published) time.dateTime = h.published;
  meta.appendChild(time);
  const url = safeUrl(h.url);
  if (url) {
    meta.appendChild(document.createTextNode(" · "));
    const o = el("a", "الرابط الأصلي", "origin");
    o.href = url;
    o.rel = "noopener noreferrer nofollow";
    meta.appendChild(o);
  }
  li.appendChild(meta);
  li.appendChild(snippetNode(h.snippet, h.marks));
  return li;
}

// The form's filters as API parameters (without limit).
function searchParams() {
  const params = new URLSearchParams();
  for (const k of ["q", "from", "to", "outlet"]) {
    const v = byId(k).value.trim();
    if (v) params.set(k, v);
  }
  return params;
}

async function runSearch() {
  ready(false);
  const list = byId("results");
  const more = byId("more");
  more.hidden = true;
  const params = searchParams();
  if (!params.get("q")) {
    list.replaceChildren();
    status("اكتب عبارة للبحث.");
    ready(true);
    return;
  }
  if (params.get("from") && params.get("to") && params.get("from") > params.get("to")) {
    list.replaceChildren();
    status("تاريخ البداية بعد تاريخ النهاية.");
    ready(true);
    return;
  }
  params.set("limit", String(search.limit));
  history.replaceState(null, "", "/?" + params.toString());
  status("جارٍ البحث…");
  try {
    const data = await getJSON("/api/search?" + params.toString());
    list.replaceChildren(...data.hits.map(hitItem));
    const n = data.hits.length;
    if (!n) status("لا نتائج. جرّب كلمات أقل أو وسّع نطاق التاريخ.");
    else if (n < search.limit) status(count(n, RESULTS) + ".");
    else if (search.limit >= 100) status("أول " + count(n, RESULTS) + " (الحد الأقصى)؛ ضيّق البحث بالمرشحات.");
    else status("أول " + count(n, RESULTS) + ".");
    more.hidden = !(n >= search.limit && search.limit < 100);
  } catch (e) {
    list.replaceChildren();
    status("تعذّر البحث: " + e.message);
  } finally {
    ready(true);
  }
}

async function fillOutlets() {
  try {
    const data = await getJSON("/api/outlets");
    const list = byId("outlets");
    list.replaceChildren(...(data.outlets || []).map((o) => {
      const opt = document.createElement("option");
      opt.value = o.outlet;
      opt.label = o.outlet + " (" + o.articles + ")";
      return opt;
    }));
  } catch (_) {
    // The outlet field still works as free text.
  }
}

function initSearch() {
  const form = byId("search");
  const limit = byId("limit");
  const params = new URLSearchParams(location.search);
  for (const k of ["q", "from", "to", "outlet"]) if (params.get(k)) byId(k).value = params.get(k);
  const asked = parseInt(params.get("limit") || "", 10);
  if (asked > 0) {
    search.limit = Math.min(100, asked);
    // Keep the page size one of the select's choices.
    const sizes = Array.from(limit.options).map((o) => parseInt(o.value, 10));
    search.pageSize = sizes.includes(search.limit) ? search.limit : search.pageSize;
  }
  limit.value = String(search.pageSize);
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    search.pageSize = parseInt(limit.value, 10) || 20;
    search.limit = search.pageSize;
    runSearch();
  });
  form.addEventListener("reset", () => {
    byId("results").replaceChildren();
    byId("more").hidden = true;
    history.replaceState(null, "", "/");
    status("");
  });
  byId("more").addEventListener("click", () => {
    search.limit = Math.min(100, search.limit + search.pageSize);
    runSearch();
  });
  fillOutlets();
  if (params.get("q")) runSearch();
  else ready(true);
}

// ---------------------------------------------------------------- article

const article = { text: "", chars: [], facts: [], events: [], selectedEvent: null };
const KIND_ORDER = ["casualty", "source", "actor", "place", "date", "number"];

// Every extracted fact with its spans and what to show about it.
function collectFacts(rec) {
  const out = [];
  const add = (kind, spans, data) => {
    const ok = (spans || []).filter((s) => Array.isArray(s) && s.length === 2 && s[1] > s[0]);
    if (ok.length) out.push({ id: out.length, kind: kind, spans: ok, data: data || {} });
  };
  for (const c of rec.casualties || []) add("casualty", [c.span], c);
  for (const s of rec.sources || []) add("source", s.spans, s);
  for (const a of rec.actors || []) add("actor", a.spans, a);
  for (const p of rec.places || []) add("place", p.spans, p);
  for (const t of rec.times || []) add("date", [t.span], t);
  for (const q of rec.quantities || []) add("number", [q.span], q);
  return out;
}

// One line naming the fact (the mark's tooltip).
function factSummary(f) {
  const d = f.data;
  const k = KIND_NAMES[f.kind];
  switch (f.kind) {
    case "place": return k + ": " + d.name + (d.id ? " (" + d.id + ")" : "") + (d.admin1 ? " — " + d.admin1 : "");
    case "actor": return k + ": " + label(ACTORS, d.id) + " (" + d.id + ")";
    case "date": return k + ": " + (d.value || "غير محسوم");
    case "number": return k + ": " + range(d);
    case "casualty": return k + ": " + label(CASUALTY_KINDS, d.kind) + " " + range(d) + (d.group ? " — " + label(ACTORS, d.group) : "");
    case "source": return k + ": " + d.name;
    default: return k || f.kind;
  }
}

function coords(d) {
  if (d.lat === undefined || d.lat === null || d.lon === undefined || d.lon === null) return null;
  return ltr(Number(d.lat).toFixed(4) + ", " + Number(d.lon).toFixed(4));
}

// What was extracted, field by field.
function factDetails(f) {
  const d = f.data;
  const sec = el("section", null, "fact");
  sec.dataset.kind = f.kind;
  sec.appendChild(el("h4", KIND_NAMES[f.kind] || f.kind, "k-" + f.kind));
  const quoted = f.spans.map((s) => article.chars.slice(s[0], s[1]).join(""));
  const uniq = [...new Set(quoted)];
  let pairs;
  switch (f.kind) {
    case "place":
      pairs = [
        ["الاسم", d.name],
        ["معرّف GeoNames", d.id ? ltr(d.id) : "غير موجود في المعجم"],
        ["الإحداثيات", coords(d)],
        ["المحافظة", d.admin1],
        ["النوع", d.kind],
        ["أسماء أخرى", (d.aliases || []).join("، ")],
      ];
      break;
    case "actor":
      pairs = [
        ["الرمز", ltr(d.id)],
        ["الطرف", label(ACTORS, d.id)],
        ["الاسم", d.name],
        ["ألفاظ المقال", (d.terms || []).join("، ")],
      ];
      break;
    case "date":
      pairs = [
        ["القيمة (TIMEX)", d.value ? ltr(d.value) : "غير محسومة"],
        ["حتى", d.end ? ltr(d.end) : null],
        ["الدقة", label(PRECISION, d.precision)],
        ["التقويم", label(CALENDARS, d.calendar)],
        ["مصدر القيمة", label(BASIS, d.basis)],
      ];
      break;
    case "number":
      pairs = [
        ["الأدنى", num(d.low) || "—"],
        ["الأرجح", num(d.best) || "—"],
        ["الأعلى", num(d.high) || "—"],
        ["تقريبي", d.approximate ? "نعم" : "لا"],
        ["الوحدة", label(UNITS, d.unit)],
      ];
      break;
    case "casualty":
      pairs = [
        ["النوع", label(CASUALTY_KINDS, d.kind)],
        ["الفئة", d.group ? actorNode(d.group) : "غير محددة"],
        ["العدد", range(d)],
        ["بحسب", d.attributed_to || "الوسيلة نفسها"],
        ["حصيلة تراكمية", d.tally ? "نعم" + (d.period ? " (" + d.period + ")" : "") : null],
        ["جزء من", d.part_of !== undefined && d.part_of !== null ? "الحصيلة رقم " + (d.part_of + 1) : null],
      ];
      break;
    case "source":
      pairs = [
        ["الاسم", d.name],
        ["المعرّف", d.id ? ltr(d.id) : null],
      ];
      break;
    default:
      pairs = [];
  }
  pairs.push(["في النص", uniq.map((q) => "«" + q + "»").join("، ")]);
  if (f.spans.length > 1) pairs.push(["مرات الذكر", String(f.spans.length)]);
  sec.appendChild(defs(pairs));
  return sec;
}

// The text with nested marks. `layers` are {id, kind, s, e, evidence}; runs
// of characters covered by the same layers share their elements, and layers
// that overlap without nesting are split where they cross.
function highlighted(text, layers) {
  const chars = Array.from(text || "");
  const n = chars.length;
  const items = layers
    .map((l) => ({ ...l, s: Math.max(0, l.s), e: Math.min(n, l.e) }))
    .filter((l) => l.e > l.s);
  const cuts = new Set([0, n]);
  for (const l of items) { cuts.add(l.s); cuts.add(l.e); }
  const bounds = [...cuts].sort((a, b) => a - b);
  const order = (a, b) =>
    (b.evidence ? 1 : 0) - (a.evidence ? 1 : 0) ||
    a.s - b.s || b.e - a.e ||
    KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || a.id - b.id;
  const frag = document.createDocumentFragment();
  let stack = []; // [{item, node}]
  for (let i = 0; i + 1 < bounds.length; i++) {
    const s = bounds[i], e = bounds[i + 1];
    const cover = items.filter((l) => l.s <= s && l.e >= e).sort(order);
    let k = 0;
    while (k < stack.length && k < cover.length && stack[k].item === cover[k]) k++;
    stack = stack.slice(0, k);
    for (const item of cover.slice(k)) {
      let node;
      if (item.evidence) {
        node = el("span", null, "evidence");
      } else {
        node = el("mark", null, "k-" + item.kind);
        node.dataset.fact = String(item.id);
        node.title = item.title;
        node.tabIndex = 0;
      }
      (stack.length ? stack[stack.length - 1].node : frag).appendChild(node);
      stack.push({ item: item, node: node });
    }
    const t = document.createTextNode(chars.slice(s, e).join(""));
    (stack.length ? stack[stack.length - 1].node : frag).appendChild(t);
  }
  return frag;
}

function renderText() {
  const layers = [];
  for (const f of article.facts) {
    const title = factSummary(f);
    for (const [s, e] of f.spans) layers.push({ id: f.id, kind: f.kind, s: s, e: e, title: title });
  }
  const ev = article.events[article.selectedEvent];
  if (ev) {
    let j = 0;
    for (const sp of ev.evidence || []) {
      if (Array.isArray(sp)) layers.push({ id: -1 - j++, kind: "evidence", s: sp[0], e: sp[1], evidence: true });
    }
  }
  byId("text").replaceChildren(highlighted(article.text, layers));
}

// Shows the facts under a clicked mark (innermost first).
function showFacts(mark) {
  const ids = [];
  for (let m = mark; m && m.id !== "text"; m = m.parentElement) {
    if (m.tagName === "MARK" && m.dataset.fact !== undefined) ids.push(parseInt(m.dataset.fact, 10));
  }
  const facts = [...new Set(ids)].map((i) => article.facts[i]).filter(Boolean);
  if (!facts.length) return;
  for (const m of byId("text").querySelectorAll("mark.selected")) m.classList.remove("selected");
  for (const m of byId("text").querySelectorAll("mark")) {
    if (parseInt(m.dataset.fact, 10) === facts[0].id) m.classList.add("selected");
  }
  byId("details").replaceChildren(...facts.map(factDetails));
  byId("details-panel").classList.add("open");
}

function eventItem(ev, i) {
  const li = el("li", null, "event");
  li.id = "event-" + i;
  li.dataset.index = String(i);
  li.dataset.type = ev.type || "";
  const head = el("h4", null, "event-type");
  head.appendChild(document.createTextNode(typeText(ev.type, ev.subtype) + " "));
  head.appendChild(ltr(ev.subtype || ev.type || "", "code"));
  li.appendChild(head);
  const byRole = { actor1: [], actor2: [], associated: [] };
  for (const a of ev.actors || []) (byRole[a.role] || (byRole[a.role] = [])).push(a.id);
  const fatal = el("ul", null, "fatalities");
  for (const c of ev.fatalities || []) {
    const t = label(CASUALTY_KINDS, c.kind) + ": " + range(c) +
      (c.group ? " من " + label(ACTORS, c.group) : "") +
      (c.attributed_to ? " — بحسب " + c.attributed_to : "");
    fatal.appendChild(el("li", t));
  }
  const date = ev.date && ev.date.value
    ? ltr(ev.date.value)
    : null;
  li.appendChild(defs([
    ["التاريخ", date || "غير معروف", "date"],
    ["المكان", (ev.places || []).map((p) => p.name).join(" ← ") || "غير معروف", "place"],
    [ROLES.actor1, actorList(byRole.actor1), "actors actor1"],
    [ROLES.actor2, actorList(byRole.actor2), "actors actor2"],
    [ROLES.associated, actorList(byRole.associated), "actors associated"],
    ["الضحايا", fatal.childElementCount ? fatal : "لا أرقام", "fatalities"],
    ["اليقين", label(CERTAINTY, ev.certainty), "certainty"],
    ["بحسب", (ev.attributed_to || []).join("، "), "attributed"],
  ]));
  const b = el("button", "إظهار الدليل في النص", "secondary show-evidence");
  b.type = "button";
  b.setAttribute("aria-pressed", "false");
  li.appendChild(b);
  return li;
}

function selectEvent(i, scroll) {
  const same = article.selectedEvent === i;
  article.selectedEvent = same ? null : i;
  renderText();
  for (const li of byId("events").children) {
    const on = !same && parseInt(li.dataset.index, 10) === i;
    li.classList.toggle("selected", on);
    const b = li.querySelector("button.show-evidence");
    if (b) {
      b.setAttribute("aria-pressed", on ? "true" : "false");
      b.textContent = on ? "إخفاء الدليل" : "إظهار الدليل في النص";
    }
  }
  const first = byId("text").querySelector(".evidence");
  if (first && scroll && first.scrollIntoView) first.scrollIntoView({ block: "center", behavior: "smooth" });
}

async function showArticle() {
  const id = pathId();
  status("جارٍ التحميل…");
  try {
    if (!id) throw new Error("no such article");
    const data = await getJSON("/api/articles/" + encodeURIComponent(id));
    const rec = data.record || {};
    article.text = data.text || "";
    article.chars = Array.from(article.text);
    article.facts = collectFacts(rec);
    article.events = rec.events || [];
    byId("title").textContent = rec.title || data.id;
    document.title = "رصد — " + (rec.title || data.id);
    const meta = byId("meta");
    meta.replaceChildren();
    meta.appendChild(el("bdi", rec.outlet || "وسيلة غير معروفة", "outlet"));
    const pub = rec.published && rec.published.value;
    if (pub) {
      meta.appendChild(document.createTextNode(" · "));
      const t = el("time", pub, "published");
      t.dateTime = pub;
      meta.appendChild(t);
    }
    if ((rec.authors || []).length) meta.appendChild(document.createTextNode(" · " + rec.authors.join("، ")));
    meta.appendChild(document.createTextNode(" · "));
    meta.appendChild(ltr(data.id, "code"));
    const url = safeUrl(rec.url);
    if (url) {
      meta.appendChild(document.createTextNode(" · "));
      const a = el("a", "الرابط الأصلي");
      a.href = url;
      a.rel = "noopener noreferrer nofollow";
      meta.appendChild(a);
    }
    const events = byId("events");
    events.replaceChildren(...article.events.map(eventItem));
    if (!article.events.length) events.appendChild(el("li", "لم يُستخرج أي حدث من هذا المقال.", "none"));
    const m = /^#event-(\d+)$/.exec(location.hash);
    const wanted = m ? parseInt(m[1], 10) : -1;
    if (wanted >= 0 && wanted < article.events.length) selectEvent(wanted, true);
    else renderText();
    status(article.facts.length ? "" : "لم تُستخرج معلومات من هذا المقال.");
  } catch (e) {
    status("تعذّر عرض المقال: " + e.message);
  } finally {
    ready(true);
  }
}

function initArticle() {
  const text = byId("text");
  text.addEventListener("click", (ev) => {
    const m = ev.target.closest && ev.target.closest("mark");
    if (m) showFacts(m);
  });
  text.addEventListener("keydown", (ev) => {
    if (ev.key !== "Enter" && ev.key !== " ") return;
    const m = ev.target.closest && ev.target.closest("mark");
    if (m) { ev.preventDefault(); showFacts(m); }
  });
  byId("details-close").addEventListener("click", () => {
    byId("details-panel").classList.remove("open");
  });
  byId("events").addEventListener("click", (ev) => {
    const li = ev.target.closest && ev.target.closest("li.event");
    if (li && !(ev.target.closest("a"))) selectEvent(parseInt(li.dataset.index, 10), true);
  });
  showArticle();
}

// --------------------------------------------------------------- incident

function who(r) {
  return r.outlet || r.article;
}

// Which fields of which reports the outlets disagree on.
function disputed(inc) {
  const out = { killed: new Set(), injured: new Set(), actor1: false, outcome: false, certainty: false, terms: [] };
  for (const d of inc.disagreements || []) {
    if (d.kind === "count") {
      const tally = d.what === "injured" ? inc.injured : inc.fatalities;
      const names = new Set((d.values || []).map((v) => v[0]));
      for (const c of (tally && tally.claims) || []) {
        if (c.best !== null && c.best !== undefined && names.has(c.source || c.article)) {
          (d.what === "injured" ? out.injured : out.killed).add(c.article);
        }
      }
    } else if (d.kind === "perpetrator") out.actor1 = true;
    else if (d.kind === "outcome") out.outcome = true;
    else if (d.kind === "certainty") out.certainty = true;
    else if (d.kind === "terms") out.terms.push(d);
  }
  return out;
}

// A value node, flagged when the outlets disagree on it.
function flagged(value, isDisputed) {
  const s = el("span", null, isDisputed ? "value disagreement" : "value");
  if (value instanceof Node) s.appendChild(value);
  else s.textContent = String(value);
  if (isDisputed) {
    const f = el("span", "خلاف", "flag");
    f.title = "المصادر لا تتفق على هذه القيمة";
    s.appendChild(f);
  }
  return s;
}

function claimFor(tally, article) {
  return ((tally && tally.claims) || []).find((c) => c.article === article) || null;
}

function claimItem(inc, r, dis) {
  const box = el("article", null, "claim");
  box.dataset.article = r.article;
  box.dataset.event = String(r.event_index);
  const head = el("header", null, "claim-head");
  const a = el("a", "المقال", "article-link");
  a.href = "/articles/" + encodeURIComponent(r.article) + "#event-" + r.event_index;
  head.appendChild(a);
  if (r.published) {
    head.appendChild(document.createTextNode(" · نُشر "));
    head.appendChild(ltr(r.published));
  }
  box.appendChild(head);
  const killedClaim = claimFor(inc.fatalities, r.article);
  const injuredClaim = claimFor(inc.injured, r.article);
  const killed = r.killed || killedClaim;
  const pairs = [
    ["القتلى", killed ? flagged(range(killed), dis.killed.has(r.article)) : "لم يذكر رقماً", "count killed"],
    ["الجرحى", injuredClaim ? flagged(range(injuredClaim), dis.injured.has(r.article)) : null, "count injured"],
    ["بحسب", (killedClaim && killedClaim.source) || (injuredClaim && injuredClaim.source), "source"],
    [ROLES.actor1, r.actor1 && r.actor1.length ? flagged(actorList(r.actor1), dis.actor1) : null, "actors actor1"],
    [ROLES.actor2, actorList(r.actor2), "actors actor2"],
    ["ما جرى", flagged(label(SUBTYPES, r.subtype), dis.outcome), "outcome"],
    ["اليقين", flagged(label(CERTAINTY, r.certainty), dis.certainty), "certainty"],
    ["تاريخ الحدث", r.date ? ltr(r.date) : "غير معروف", "date"],
    ["نسخة من", r.copy_of || null, "copy"],
  ];
  for (const t of dis.terms) {
    const mine = (t.values || []).find((v) => v[0] === who(r));
    if (mine) pairs.push(["يسمّي " + label(ACTORS, t.actor), flagged((mine[1] || []).join("، "), true), "terms"]);
  }
  box.appendChild(defs(pairs));
  for (const sentence of r.evidence || []) {
    const q = el("blockquote", null, "evidence");
    q.appendChild(el("p", sentence));
    const link = el("a", "← في المقال", "article-link");
    link.href = a.href;
    q.appendChild(link);
    box.appendChild(q);
  }
  if (!(r.evidence || []).length) box.appendChild(el("p", "لا جملة دليل.", "hint"));
  return box;
}

function summaryNode(inc) {
  const place = (inc.places || [])[0];
  const placeNode = el("span");
  if (place) {
    placeNode.appendChild(document.createTextNode(place.name + (place.admin1 && place.admin1 !== place.name ? "، " + place.admin1 : "")));
    if (place.id) { placeNode.appendChild(document.createTextNode(" ")); placeNode.appendChild(ltr("(" + place.id + ")", "code")); }
    placeNode.appendChild(document.createTextNode(" — " + label(WHERE_PREC, inc.where_prec)));
  } else {
    placeNode.textContent = "غير معروف";
  }
  const dateNode = el("span");
  if (inc.date) dateNode.appendChild(ltr(inc.date));
  else dateNode.appendChild(document.createTextNode("غير معروف"));
  dateNode.appendChild(document.createTextNode(" — " + label(DATE_PREC, inc.date_prec)));
  const outlets = new Set((inc.reports || []).map(who));
  const actors = el("span");
  const roleOrder = ["actor1", "actor2", "associated"];
  const sorted = (inc.actors || []).slice().sort((a, b) => roleOrder.indexOf(a.role) - roleOrder.indexOf(b.role));
  sorted.forEach((a, i) => {
    if (i) actors.appendChild(document.createTextNode("؛ "));
    actors.appendChild(document.createTextNode(label(ROLES, a.role) + ": "));
    actors.appendChild(actorNode(a.id));
  });
  return [
    ["النوع", (inc.subtypes || []).map((s) => typeText(inc.type, s)).join("؛ ") || label(EVENT_TYPES, inc.type), "type"],
    ["التاريخ", dateNode, "date"],
    ["المكان", placeNode, "place"],
    ["القتلى", range(inc.fatalities), "fatalities"],
    ["الجرحى", inc.injured && inc.injured.claims && inc.injured.claims.length ? range(inc.injured) : null, "injured"],
    ["الأطراف", actors.childNodes.length ? actors : null, "actors"],
    ["التقارير", count(inc.reports.length, REPORTS) + " من " + count(outlets.size, OUTLETS), "reports"],
  ];
}

const DISAGREEMENT_TITLES = {
  count: (d) => "خلاف في عدد " + (d.what === "injured" ? "الجرحى" : "القتلى"),
  perpetrator: () => "خلاف في الجهة المنفذة",
  outcome: () => "خلاف في ما جرى",
  certainty: () => "خلاف في درجة اليقين",
  terms: (d) => "تسميات مختلفة للطرف نفسه (" + label(ACTORS, d.actor) + ")",
};

// The outlets whose claims a count disagreement names by cited source.
function outletsCiting(inc, d, source) {
  const tally = d.what === "injured" ? inc.injured : inc.fatalities;
  const names = ((tally && tally.claims) || [])
    .filter((c) => (c.source || c.article) === source && c.outlet && c.outlet !== source)
    .map((c) => c.outlet);
  return [...new Set(names)];
}

function disagreementItem(inc, d) {
  const li = el("li", null, "disagreement");
  li.dataset.kind = d.kind;
  const title = (DISAGREEMENT_TITLES[d.kind] || (() => "خلاف"))(d);
  li.appendChild(el("span", "خلاف", "flag"));
  li.appendChild(el("strong", " " + title + ": "));
  const values = el("ul", null, "values");
  for (const [name, v] of d.values || []) {
    const item = el("li");
    item.appendChild(el("bdi", name, "who"));
    if (d.kind === "count") {
      const via = outletsCiting(inc, d, name);
      if (via.length) item.appendChild(el("span", " (عبر " + via.join("، ") + ")", "via"));
    }
    item.appendChild(document.createTextNode(": "));
    let shown;
    if (d.kind === "count") shown = num(v);
    else if (d.kind === "perpetrator") shown = actorList(v) || "—";
    else if (d.kind === "outcome") shown = label(SUBTYPES, v);
    else if (d.kind === "certainty") shown = label(CERTAINTY, v);
    else if (d.kind === "terms") shown = (v || []).join("، ");
    else shown = JSON.stringify(v);
    if (shown instanceof Node) item.appendChild(shown);
    else item.appendChild(document.createTextNode(String(shown)));
    values.appendChild(item);
  }
  li.appendChild(values);
  return li;
}

// ------------------------------------------------------------------ review

const REVIEW_WHAT = {
  fatalities: "عدد القتلى", injured: "عدد الجرحى", place: "المكان", date: "التاريخ", claim: "رواية تقرير",
  type: "نوع الحدث", subtype: "النوع الفرعي", actor1: "الطرف الأول", actor2: "الطرف الثاني",
  reviewed: "تمت المراجعة", unreviewed: "أُلغيت المراجعة", "not-event": "ليس حدثاً",
  split: "فصل تقارير", merge: "دمج حادثتين", note: "ملاحظة",
};

// One correction: what, the extracted value struck through, the reviewer's.
function correctionItem(c) {
  const li = el("li", null, "correction");
  li.dataset.what = c.what;
  li.appendChild(el("strong", REVIEW_WHAT[c.what] || c.what));
  if (c.value !== undefined && c.value !== null) {
    li.appendChild(document.createTextNode(": "));
    if (c.original !== undefined && c.original !== null && c.original !== "") {
      li.appendChild(el("del", c.original, "original"));
      li.appendChild(document.createTextNode(" ← "));
    }
    li.appendChild(el("ins", c.value, "value"));
  }
  const why = c.note ? " «" + c.note + "»" : "";
  li.appendChild(el("span", " — " + c.reviewer + " (" + String(c.at).slice(0, 10) + ")" + why, "who"));
  return li;
}

function showReview(inc) {
  const state = byId("review-state");
  state.textContent = inc.reviewed ? "تمت مراجعة هذه الحادثة." : "لم تُراجَع هذه الحادثة بعد.";
  state.dataset.reviewed = inc.reviewed ? "true" : "false";
  byId("corrections").replaceChildren(...(inc.corrections || []).map(correctionItem));
}

async function postReview(token, body) {
  const r = await fetch("/api/review", {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: "Bearer " + token },
    body: JSON.stringify(body),
  });
  let answer = null;
  try { answer = await r.json(); } catch (_) { answer = null; }
  if (r.status === 401) throw new Error("رمز الكتابة غير صحيح");
  if (!r.ok) throw new Error(apiError(r.status, answer && answer.error));
  return answer;
}

// The review form: a field correction on submit, a reviewed mark on its
// button; the incident is shown again from the API after each write.
function initReview(id) {
  const form = byId("review-form");
  const say = (msg) => { byId("review-status").textContent = msg; };
  const common = () => {
    const note = form.elements.note.value.trim();
    return { reviewer: form.elements.reviewer.value.trim(), id, ...(note ? { note } : {}) };
  };
  const send = async (body, done) => {
    if (!form.elements.reviewer.value.trim() || !form.elements.token.value) {
      say("اكتب اسم المراجِع ورمز الكتابة.");
      return;
    }
    say("جارٍ الحفظ…");
    ready(false);
    try {
      await postReview(form.elements.token.value, body);
      await showIncident();
      say(done);
    } catch (e) {
      say("تعذّر الحفظ: " + e.message);
      ready(true);
    }
  };
  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const field = form.elements.field.value;
    // A claim's part names its report: claim.ARTICLE#EVENT.PART=VALUE.
    const name = field.startsWith("claim.") ? "claim." + form.elements.report.value + "." + field.slice(6) : field;
    send({ ...common(), op: "set", changes: [name + "=" + form.elements.value.value.trim()] }, "حُفظ التصحيح.");
  });
  byId("mark-reviewed").addEventListener("click", () => {
    send({ ...common(), op: "mark", mark: "reviewed" }, "سُجّلت المراجعة.");
  });
}

async function showIncident() {
  const id = pathId();
  status("جارٍ التحميل…");
  try {
    if (!id) throw new Error("no such incident");
    const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
    const place = (inc.places || [])[0];
    const name = typeText(inc.type, (inc.subtypes || [])[0]) + (place ? " في " + place.name : "") + (inc.date ? " (" + inc.date + ")" : "");
    byId("title").textContent = name;
    document.title = "رصد — " + name;
    byId("summary").replaceChildren(...defs(summaryNode(inc)).childNodes);
    showReview(inc);
    const list = byId("disagreements");
    list.replaceChildren(...(inc.disagreements || []).map((d) => disagreementItem(inc, d)));
    if (!list.childElementCount) list.appendChild(el("li", "لا خلاف بين التقارير في الأرقام أو الأطراف أو التسميات.", "none"));
    const dis = disputed(inc);
    const columns = new Map();
    for (const r of inc.reports || []) {
      const key = who(r);
      if (!columns.has(key)) {
        const col = el("section", null, "outlet-column");
        col.dataset.outlet = key;
        // The outlet's name opens its page (terms, reviewers' notes).
        const head = col.appendChild(el("h4", null, "outlet")).appendChild(el("a", null, "outlet-link"));
        head.href = "/outlets/" + encodeURIComponent(key);
        head.appendChild(el("bdi", key));
        columns.set(key, col);
      }
      columns.get(key).appendChild(claimItem(inc, r, dis));
    }
    const box = byId("columns");
    box.replaceChildren(...columns.values());
    box.classList.toggle("many", columns.size > 2);
    status("");
  } catch (e) {
    status("تعذّر عرض الحادثة: " + e.message);
  } finally {
    ready(true);
  }
}

// ------------------------------------------------------------------ start

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "search") initSearch();
  else if (page === "article") initArticle();
  else if (page === "incident") {
    initReview(pathId());
    showIncident();
  }
});
