// rasad review pages (loaded after app.js, whose helpers it uses: el, byId,
// status, ready, getJSON, postReview, label, typeText, EVENT_TYPES, ACTORS,
// REVIEW_WHAT, correctionItem). The review queue (/review), an incident's
// history (/incidents/ID/history), outlets (/outlets, /outlets/NAME), and
// the review controls added to the incident page (split, merge, not an event)
// and the article page (its incidents, corrections and notes). DOM APIs and
// textContent only.
"use strict";

const Review = (function () {
  const PAGE = 1000; // the API's largest page
  const MAX_PAGES = 10;

  // Every incident, a page at a time.
  async function allIncidents() {
    const out = [];
    for (let page = 0; page < MAX_PAGES; page++) {
      const data = await getJSON("/api/incidents?limit=" + PAGE + "&offset=" + page * PAGE);
      out.push(...(data.incidents || []));
      if (!data.incidents || data.incidents.length < PAGE || out.length >= (data.total || 0)) break;
    }
    return out;
  }

  const reportKey = (r) => r.article + "#" + r.event_index;
  const outletOf = (r) => r.outlet || r.article;
  const incidentHref = (id) => "/incidents/" + encodeURIComponent(id);
  const outletHref = (name) => "/outlets/" + encodeURIComponent(name);

  function link(text, href, cls) {
    const a = el("a", text, cls);
    a.href = href;
    return a;
  }

  // «الفاعل: …؛ الطرف المستهدف: …» as text.
  function rolesText(inc) {
    return [["actor1", "الفاعل"], ["actor2", "الطرف المستهدف"]].map(([role, name]) => {
      const ids = [...new Set((inc.actors || []).filter((a) => a.role === role).map((a) => a.id))];
      return name + ": " + (ids.length ? ids.map((x) => label(ACTORS, x)).join("، ") : "—");
    }).join(" · ");
  }

  function incidentName(inc) {
    const place = (inc.places || [])[0];
    return [inc.date || "بلا تاريخ", typeText(inc.type, (inc.subtypes || [])[0]), place ? place.name : ""]
      .filter(Boolean).join(" · ");
  }

  // Reviewer, token and reason from a form with those fields; null (and a
  // message in `say`) when one is missing.
  function author(form, say) {
    const reviewer = form.elements.reviewer.value.trim(), token = form.elements.token.value;
    if (!reviewer || !token) {
      say("اكتب اسم المراجِع ورمز الكتابة.");
      return null;
    }
    const note = form.elements.note ? form.elements.note.value.trim() : "";
    return { token, body: { reviewer, ...(note ? { note } : {}) } };
  }

  async function write(who, body, say) {
    say("جارٍ الحفظ…");
    try {
      const out = await postReview(who.token, { ...who.body, ...body });
      say("حُفظ.");
      return out;
    } catch (e) {
      say("تعذّر الحفظ: " + e.message);
      return null;
    }
  }

  // The incident holding report `key` now (after a split or merge moved it).
  async function holding(key) {
    return (await allIncidents()).find((i) => (i.reports || []).some((r) => reportKey(r) === key)) || null;
  }

  // ------------------------------------------------------------ incident page

  // Split, merge and not-an-event under the correction form (whose reviewer,
  // token and reason fields they share).
  async function incidentControls(id) {
    const form = byId("review-form");
    const say = (msg) => { byId("review-status").textContent = msg; };
    byId("history-link").href = incidentHref(id) + "/history";
    const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
    const box = byId("split-reports");
    box.replaceChildren(...(inc.reports || []).map((r) => {
      const lab = el("label", null, "split-report");
      const cb = el("input");
      cb.type = "checkbox"; cb.name = "report"; cb.value = reportKey(r);
      lab.append(cb, " ", el("bdi", outletOf(r)), " — ", el("bdi", reportKey(r)));
      return lab;
    }));
    // The reports whose claims the correction form can set.
    form.elements.report.replaceChildren(...(inc.reports || []).map((r) => new Option(outletOf(r) + " — " + reportKey(r), reportKey(r))));
    byId("split-form").dataset.loaded = "1";
    const go = async (written, stay) => {
      if (!written) return;
      const now = await holding(stay);
      location.assign(now ? incidentHref(now.id) : "/review");
    };
    byId("split-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const chosen = [...byId("split-reports").querySelectorAll("input:checked")].map((c) => c.value);
      const kept = (inc.reports || []).map(reportKey).find((k) => !chosen.includes(k));
      if (!chosen.length || !kept) return say("اختر بعض التقارير (لا كلها) لفصلها.");
      const who = author(form, say);
      if (who) go(await write(who, { op: "split", id, reports: chosen }, say), kept);
    });
    byId("merge-form").addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const other = byId("merge-other").value.trim();
      const who = author(form, say);
      if (who && other) go(await write(who, { op: "merge", id, other }, say), reportKey(inc.reports[0]));
    });
    byId("mark-not-event").addEventListener("click", async () => {
      const who = author(form, say);
      if (who && await write(who, { op: "mark", id, mark: "not-event" }, say)) location.assign("/review");
    });
    // Other incidents of the same day or place as merge candidates.
    const near = (await allIncidents()).filter((o) => o.id !== id && (o.date === inc.date
      || (o.places || []).some((p) => (inc.places || []).some((q) => q.name === p.name))));
    byId("merge-candidates").replaceChildren(...near.slice(0, 50).map((o) => {
      const opt = el("option");
      opt.value = o.id;
      opt.label = incidentName(o);
      return opt;
    }));
  }

  // ------------------------------------------------------------ article page

  // The article's incidents (one per event), a correction form for them and
  // the article's notes.
  async function articleControls(id) {
    const box = byId("article-incidents");
    const say = (msg) => { byId("article-review-status").textContent = msg; };
    await articleLinks(id);
    await showNotes("article", id, byId("article-notes"));
    const form = byId("article-review-form");
    const done = async () => {
      delete box.dataset.loaded;
      await articleLinks(id);
      box.dataset.loaded = "1";
    };
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const who = author(form, say);
      const change = form.elements.field.value + "=" + form.elements.value.value.trim();
      if (who && await write(who, { op: "set", id: form.elements.incident.value, changes: [change] }, say)) await done();
    });
    byId("article-not-event").addEventListener("click", async () => {
      const who = author(form, say);
      const body = { op: "mark", id: form.elements.incident.value, mark: "not-event", reports: [id] };
      if (who && await write(who, body, say)) await done();
    });
    const noteForm = byId("article-note-form");
    noteForm.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const who = author(form, say);
      const text = noteForm.elements.text.value.trim();
      if (who && text && await write(who, { op: "note", target: "article", subject: id, text }, say)) {
        noteForm.elements.text.value = "";
        await showNotes("article", id, byId("article-notes"));
      }
    });
    box.dataset.loaded = "1";
  }

  // The incidents holding events of article `id`, as links and as choices
  // of the correction form.
  async function articleLinks(id) {
    const mine = (await allIncidents()).filter((i) => (i.reports || []).some((r) => r.article === id));
    const list = byId("incident-links");
    const select = byId("article-review-form").elements.incident;
    list.replaceChildren();
    select.replaceChildren();
    for (const inc of mine) {
      const events = inc.reports.filter((r) => r.article === id).map((r) => "الحدث " + (r.event_index + 1));
      const li = el("li", null, "incident-link");
      li.dataset.id = inc.id;
      li.append(link(incidentName(inc), incidentHref(inc.id)), " (" + events.join("، ") + ")",
        el("span", inc.reviewed ? " ✓ تمت مراجعتها" : " لم تُراجَع", inc.reviewed ? "reviewed" : "unreviewed"));
      list.appendChild(li);
      select.appendChild(new Option(incidentName(inc), inc.id));
    }
    if (!mine.length) list.appendChild(el("li", "لا حادثة من هذا المقال.", "none"));
  }

  // Notes of the review log on an article or an outlet, into `ul`.
  async function showNotes(target, subject, ul) {
    const log = await getJSON("/api/review");
    const notes = log.filter((e) => e.target === target && e.subject === subject && e.action === "note");
    ul.replaceChildren(...notes.map((e) => {
      const li = el("li", null, "note");
      li.append(el("q", e.new), el("span", " — " + e.reviewer + " (" + String(e.at).slice(0, 10) + ")", "who"));
      return li;
    }));
    if (!notes.length) ul.appendChild(el("li", "لا ملاحظات بعد.", "none"));
  }

  // ------------------------------------------------------------ review queue

  const QUEUE_FILTERS = ["state", "outlet", "type", "place", "from", "to", "disputed"];

  function queueFilters() {
    const p = new URLSearchParams(location.search), f = {};
    for (const k of QUEUE_FILTERS) f[k] = (p.get(k) || "").trim();
    if (!p.has("state")) f.state = "unreviewed";
    return f;
  }

  function passes(inc, f) {
    const places = (inc.places || []).flatMap((p) => [p.name, p.admin1]).filter(Boolean);
    return (!f.state || (f.state === "reviewed") === !!inc.reviewed)
      && (!f.outlet || (inc.reports || []).some((r) => r.outlet === f.outlet))
      && (!f.type || inc.type === f.type)
      && (!f.place || places.some((n) => n.includes(f.place)))
      && (!f.from || (inc.date && inc.date >= f.from))
      && (!f.to || (inc.date && inc.date <= f.to))
      && (!f.disputed || (inc.disagreements || []).length > 0);
  }

  // Unreviewed first; then those the outlets disagree on, then the most
  // reported, then the latest.
  function queueOrder(a, b) {
    return (!!a.reviewed - !!b.reviewed)
      || ((b.disagreements || []).length > 0) - ((a.disagreements || []).length > 0)
      || (b.reports || []).length - (a.reports || []).length
      || String(b.date || "").localeCompare(String(a.date || ""))
      || String(a.id).localeCompare(String(b.id));
  }

  function queueItem(inc) {
    const li = el("li", null, "queue-item" + (inc.reviewed ? " reviewed" : ""));
    li.dataset.id = inc.id;
    li.dataset.reviewed = inc.reviewed ? "true" : "false";
    li.appendChild(el("span", inc.reviewed ? "✓ تمت مراجعتها" : "بانتظار المراجعة", "state"));
    li.append(" ", link(incidentName(inc), incidentHref(inc.id)));
    const outlets = [...new Set((inc.reports || []).map((r) => r.outlet).filter(Boolean))];
    const meta = el("div", null, "meta");
    const fat = inc.fatalities && typeof inc.fatalities.best === "number" ? "القتلى: " + inc.fatalities.best : "القتلى: لا رقم";
    meta.append(fat + " · " + rolesText(inc) + " · ");
    outlets.forEach((o, i) => meta.append(i ? "، " : "", link(o, outletHref(o), "outlet")));
    li.appendChild(meta);
    if ((inc.disagreements || []).length) li.appendChild(el("span", "خلاف بين المصادر", "flag"));
    if ((inc.corrections || []).length) li.appendChild(el("span", (inc.corrections || []).length + " تصحيح", "flag corrected"));
    li.append(" ", link("السجل", incidentHref(inc.id) + "/history", "history"));
    return li;
  }

  async function showQueue() {
    const f = queueFilters();
    const form = byId("queue-filters");
    for (const k of QUEUE_FILTERS) {
      const input = form.elements[k];
      if (input.type === "checkbox") input.checked = !!f[k]; else input.value = f[k];
    }
    status("جارٍ التحميل…");
    try {
      const [incs, outlets] = await Promise.all([allIncidents(), getJSON("/api/outlets")]);
      const sel = form.elements.outlet;
      for (const o of outlets.outlets || []) if (![...sel.options].some((x) => x.value === o.outlet)) sel.appendChild(new Option(o.outlet, o.outlet));
      sel.value = f.outlet;
      const shown = incs.filter((i) => passes(i, f)).sort(queueOrder);
      byId("queue").replaceChildren(...shown.map(queueItem));
      const left = incs.filter((i) => !i.reviewed).length;
      byId("queue-totals").textContent = shown.length + " معروضة؛ " + left + " من " + incs.length + " بانتظار المراجعة";
      status(shown.length ? "" : "لا حوادث تطابق هذه الشروط");
    } catch (e) {
      status("تعذّر تحميل الحوادث: " + e.message);
    }
    ready(true);
  }

  function initQueue() {
    const form = byId("queue-filters");
    const type = form.elements.type;
    for (const [code, name] of Object.entries(EVENT_TYPES)) type.appendChild(new Option(name, code));
    form.addEventListener("submit", (ev) => {
      ev.preventDefault();
      const p = new URLSearchParams();
      for (const k of QUEUE_FILTERS) {
        const input = form.elements[k];
        const v = input.type === "checkbox" ? (input.checked ? "1" : "") : input.value.trim();
        if (v || k === "state") p.set(k, v);
      }
      history.pushState(null, "", "/review?" + p.toString());
      ready(false);
      showQueue();
    });
    window.addEventListener("popstate", () => { ready(false); showQueue(); });
    showQueue();
  }

  // ------------------------------------------------------------ history page

  async function showHistory() {
    const parts = location.pathname.split("/");
    const id = decodeURIComponent(parts[parts.length - 2] || "");
    status("جارٍ التحميل…");
    try {
      const inc = await getJSON("/api/incidents/" + encodeURIComponent(id));
      byId("title").textContent = "سجل المراجعة: " + incidentName(inc);
      byId("back").href = incidentHref(id);
      const items = (inc.corrections || []).slice().sort((a, b) => a.seq - b.seq).map((c) => {
        const li = correctionItem(c);
        li.dataset.seq = c.seq;
        return li;
      });
      byId("history").replaceChildren(...items);
      if (!items.length) byId("history").appendChild(el("li", "لم يُصحَّح شيء في هذه الحادثة بعد.", "none"));
      const arts = [...new Set((inc.reports || []).map((r) => r.article))];
      const log = await getJSON("/api/review");
      const notes = log.filter((e) => e.target === "article" && arts.includes(e.subject));
      byId("article-notes").replaceChildren(...notes.map((e) => {
        const li = el("li", null, "note");
        li.append(link(e.subject, "/articles/" + encodeURIComponent(e.subject)), ": ", el("q", e.new),
          el("span", " — " + e.reviewer + " (" + String(e.at).slice(0, 10) + ")", "who"));
        return li;
      }));
      status("");
    } catch (e) {
      status("تعذّر عرض السجل: " + e.message);
    }
    ready(true);
  }

  // ------------------------------------------------------------ outlets

  async function showOutlet() {
    const parts = location.pathname.split("/").filter(Boolean);
    const name = parts.length > 1 ? decodeURIComponent(parts[1]) : "";
    status("جارٍ التحميل…");
    try {
      const data = await getJSON("/api/outlets");
      const all = data.outlets || [];
      byId("outlet-list").replaceChildren(...all.map((o) => {
        const li = el("li");
        li.append(link(o.outlet, outletHref(o.outlet)), " — " + o.articles + " مقالاً، " + o.incidents + " حادثة");
        return li;
      }));
      const o = all.find((x) => x.outlet === name);
      byId("outlet-one").hidden = !o;
      if (name && !o) throw new Error("لا وسيلة باسم «" + name + "»");
      if (o) {
        byId("title").textContent = "الوسيلة: " + o.outlet;
        byId("outlet-stats").textContent = o.articles + " مقالاً في " + o.incidents + " حادثة؛ أرقام القتلى مقارنة بغيرها: أعلى "
          + o.counts_above + "، أدنى " + o.counts_below + "، مساوية " + o.counts_equal;
        byId("terms").replaceChildren(...Object.entries(o.terms || {}).map(([actor, words]) => {
          const tr = el("tr");
          tr.dataset.actor = actor;
          tr.append(el("th", label(ACTORS, actor)), el("td", words.join("، ")));
          return tr;
        }));
        await showNotes("outlet", o.outlet, byId("outlet-notes"));
      }
      status("");
    } catch (e) {
      status("تعذّر عرض الوسيلة: " + e.message);
    }
    ready(true);
  }

  function initOutlet() {
    const form = byId("outlet-note-form");
    const say = (msg) => { byId("outlet-note-status").textContent = msg; };
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      const name = decodeURIComponent(location.pathname.split("/").filter(Boolean)[1] || "");
      const who = author(form, say);
      const text = form.elements.text.value.trim();
      if (!who || !text) return;
      ready(false);
      if (await write(who, { op: "note", target: "outlet", subject: name, text }, say)) form.elements.text.value = "";
      await showNotes("outlet", name, byId("outlet-notes"));
      ready(true);
    });
    showOutlet();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    const id = typeof pathId === "function" ? pathId() : "";
    if (page === "incident") incidentControls(id).catch((e) => { byId("review-status").textContent = "تعذّر: " + e.message; });
    else if (page === "article") articleControls(id).catch((e) => { byId("article-review-status").textContent = "تعذّر: " + e.message; });
    else if (page === "review") initQueue();
    else if (page === "history") showHistory();
    else if (page === "outlet") initOutlet();
  });

  return { allIncidents };
})();
