// rasad pages: DOM APIs and textContent only — article data is never parsed as HTML.
"use strict";

function el(tag, text, cls) {
  const e = document.createElement(tag);
  if (text !== undefined && text !== null) e.textContent = String(text);
  if (cls) e.className = cls;
  return e;
}

function status(msg) {
  document.getElementById("status").textContent = msg || "";
}

async function getJSON(url) {
  const r = await fetch(url, { headers: { Accept: "application/json" } });
  let body = null;
  try { body = await r.json(); } catch (_) { body = null; }
  if (!r.ok) throw new Error((body && body.error) || ("HTTP " + r.status));
  return body;
}

// The snippet with its marks (character ranges, counted in code points).
function snippetNode(text, marks) {
  const p = el("p");
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

async function runSearch(ev) {
  if (ev) ev.preventDefault();
  const q = document.getElementById("q").value.trim();
  const list = document.getElementById("results");
  list.replaceChildren();
  if (!q) return;
  const params = new URLSearchParams({ q: q, limit: "20" });
  for (const k of ["from", "to"]) {
    const v = document.getElementById(k).value;
    if (v) params.set(k, v);
  }
  history.replaceState(null, "", "/?" + params.toString());
  status("…");
  try {
    const data = await getJSON("/api/search?" + params.toString());
    status(data.hits.length ? "" : "لا نتائج");
    for (const h of data.hits) {
      const li = el("li");
      const a = el("a", h.title || h.id);
      a.href = "/articles/" + encodeURIComponent(h.id);
      li.appendChild(a);
      li.appendChild(el("div", [h.outlet, h.published].filter(Boolean).join(" · "), "meta"));
      li.appendChild(snippetNode(h.snippet, h.marks));
      list.appendChild(li);
    }
  } catch (e) {
    status(e.message);
  }
}

// Spans of the record by kind; later kinds are drawn over earlier ones.
function factSpans(rec) {
  const out = [];
  const add = (kind, spans) => { for (const s of spans || []) if (Array.isArray(s)) out.push([kind, s[0], s[1]]); };
  for (const c of rec.casualties || []) add("casualty", [c.span]);
  for (const p of rec.places || []) add("place", p.spans);
  for (const a of rec.actors || []) add("actor", a.spans);
  for (const s of rec.sources || []) add("source", s.spans);
  for (const t of rec.times || []) add("date", [t.span]);
  for (const q of rec.quantities || []) add("number", [q.span]);
  return out;
}

const KIND_NAMES = { place: "مكان", actor: "طرف", date: "تاريخ", number: "عدد", casualty: "ضحايا", source: "مصدر" };

function highlighted(text, spans) {
  const chars = Array.from(text || "");
  const kind = new Array(chars.length).fill(null);
  for (const [k, s, e] of spans) {
    for (let i = Math.max(0, s); i < Math.min(chars.length, e); i++) kind[i] = k;
  }
  const frag = document.createDocumentFragment();
  let i = 0;
  while (i < chars.length) {
    let j = i;
    while (j < chars.length && kind[j] === kind[i]) j++;
    const piece = chars.slice(i, j).join("");
    if (kind[i]) {
      const m = el("mark", piece, "k-" + kind[i]);
      m.title = KIND_NAMES[kind[i]] || kind[i];
      frag.appendChild(m);
    } else {
      frag.appendChild(document.createTextNode(piece));
    }
    i = j;
  }
  return frag;
}

async function showArticle() {
  const parts = location.pathname.split("/");
  const id = decodeURIComponent(parts[parts.length - 1] || "");
  status("…");
  try {
    const data = await getJSON("/api/articles/" + encodeURIComponent(id));
    const rec = data.record || {};
    document.getElementById("title").textContent = rec.title || data.id;
    document.title = "رصد — " + (rec.title || data.id);
    const pub = rec.published && rec.published.value;
    document.getElementById("meta").textContent = [rec.outlet, pub, data.id].filter(Boolean).join(" · ");
    document.getElementById("text").replaceChildren(highlighted(data.text, factSpans(rec)));
    status("");
  } catch (e) {
    status(e.message);
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const page = document.body.dataset.page;
  if (page === "search") {
    document.getElementById("search").addEventListener("submit", runSearch);
    const params = new URLSearchParams(location.search);
    for (const k of ["q", "from", "to"]) if (params.get(k)) document.getElementById(k).value = params.get(k);
    if (params.get("q")) runSearch();
  } else if (page === "article") {
    showArticle();
  }
});
