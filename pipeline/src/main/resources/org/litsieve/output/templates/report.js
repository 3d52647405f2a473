(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("litsieve-data").textContent);
  var records = data.records;
  var state = { text: "", decision: "", tag: "", reason: "", source: "", sort: "rank", dir: 1, page: 0, size: 50 };
  var open = {};
  var $ = function (id) { return document.getElementById(id); };

  function el(tag, attrs, children) {
    var e = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (k) {
        if (k === "text") { e.textContent = attrs[k]; } else { e.setAttribute(k, attrs[k]); }
      });
    }
    (children || []).forEach(function (c) { e.appendChild(typeof c === "string" ? document.createTextNode(c) : c); });
    return e;
  }

  // The reviewer's own decisions: record id -> { decision, date }, kept in localStorage under the
  // run's id so that a reload (or reopening the file) keeps them and two runs' pages never mix.
  var storeKey = "litsieve-decisions:" + data.runId;
  var DECISIONS = ["include", "exclude", "maybe"];
  var mine = {};
  var storageOk = true;
  try {
    var kept = JSON.parse(window.localStorage.getItem(storeKey) || "{}");
    Object.keys(kept).forEach(function (id) {
      if (kept[id] && DECISIONS.indexOf(kept[id].decision) >= 0) { mine[id] = kept[id]; }
    });
  } catch (e) {
    storageOk = false; // file pages without storage (some browsers' settings): decisions last until the tab closes
  }
  function keep() {
    try {
      window.localStorage.setItem(storeKey, JSON.stringify(mine));
    } catch (e) {
      storageOk = false;
    }
  }

  // Search text per record, built once.
  records.forEach(function (r) {
    r._search = [r.title, r.authors.join(" "), r.doi, r.pmid, r.id, r.journal].join(" ").toLowerCase();
  });

  function fillSelect(id, counts) {
    var select = $(id);
    Object.keys(counts).sort(function (a, b) { return a.localeCompare(b); }).forEach(function (k) {
      select.appendChild(el("option", { value: k, text: (k === "" ? "(none)" : k) + " (" + counts[k] + ")" }));
    });
  }
  function count(fn) {
    var c = {};
    records.forEach(function (r) { fn(r).forEach(function (v) { c[v] = (c[v] || 0) + 1; }); });
    return c;
  }
  (function () {
    var c = count(function (r) { return [r.decision]; });
    var select = $("filter-decision");
    select.options[0].textContent = "included and review (" + ((c.include || 0) + (c.review || 0)) + ")";
    ["include", "review", "exclude"].forEach(function (d) {
      if (c[d]) {
        select.appendChild(el("option", { value: d, text: (d === "exclude" ? "excluded by keywords" : d) + " (" + c[d] + ")" }));
      }
    });
    select.appendChild(el("option", { value: "*", text: "all (" + records.length + ")" }));
  })();
  fillSelect("filter-tag", count(function (r) { return r.tags; }));
  fillSelect("filter-reason", count(function (r) { return r.reason ? [r.reason] : []; }));
  fillSelect("filter-source", count(function (r) { return r.sources; }));

  function matches(r) {
    if (state.decision === "" ? r.decision === "exclude" : state.decision !== "*" && r.decision !== state.decision) { return false; }
    if (state.tag && r.tags.indexOf(state.tag) < 0) { return false; }
    if (state.reason && r.reason !== state.reason) { return false; }
    if (state.source && r.sources.indexOf(state.source) < 0) { return false; }
    if (state.text && r._search.indexOf(state.text) < 0) { return false; }
    return true;
  }
  function sortValue(r) {
    switch (state.sort) {
      case "year": return r.year;
      case "tags": return r.tags.length;
      case "sources": return r.sources.join(" ");
      case "decision": return r.decision;
      case "reason": return r.reason;
      case "rank": return r.rank === null || r.rank === undefined ? Number.MAX_SAFE_INTEGER : r.rank;
      case "relevance": return r.relevance === "" ? -1 : parseFloat(r.relevance);
      case "mine": return mine[r.id] ? mine[r.id].decision : "~";
      default: return r.title.toLowerCase();
    }
  }
  function compare(a, b) {
    var x = sortValue(a), y = sortValue(b);
    var c = typeof x === "number" ? x - y : String(x).localeCompare(String(y));
    if (c === 0) { c = a.title.toLowerCase().localeCompare(b.title.toLowerCase()) || a.id.localeCompare(b.id); return c; }
    return c * state.dir;
  }

  // Highlights: every hit on this field becomes an interval; overlapping intervals combine classes.
  function highlight(text, field, r) {
    var marks = [];
    function collect(list) {
      list.forEach(function (b) {
        b.hits.forEach(function (h) {
          if (h[0] !== field || h[2] > text.length || h[1] >= h[2]) { return; }
          if (text.substring(h[1], h[2]).toLowerCase() !== String(h[3]).toLowerCase()) { return; }
          marks.push({ start: h[1], end: h[2], cls: "hl-" + b.kind, name: b.name });
        });
      });
    }
    collect(r.blocks);
    collect(r.tagHits);
    var frag = document.createDocumentFragment();
    if (!marks.length) { frag.appendChild(document.createTextNode(text)); return frag; }
    var points = [0, text.length];
    marks.forEach(function (m) { points.push(m.start, m.end); });
    points = points.filter(function (p, i, a) { return a.indexOf(p) === i; }).sort(function (a, b) { return a - b; });
    for (var i = 0; i < points.length - 1; i++) {
      var s = points[i], e = points[i + 1];
      var piece = text.substring(s, e);
      var active = marks.filter(function (m) { return m.start <= s && m.end >= e; });
      if (!active.length) { frag.appendChild(document.createTextNode(piece)); continue; }
      var classes = [], names = [];
      active.forEach(function (m) {
        if (classes.indexOf(m.cls) < 0) { classes.push(m.cls); }
        if (names.indexOf(m.name) < 0) { names.push(m.name); }
      });
      frag.appendChild(el("mark", { "class": classes.join(" "), title: names.join(", ") }, [piece]));
    }
    return frag;
  }

  function evidenceList(list, kindLabel) {
    var ul = el("ul", { "class": "evidence" });
    list.forEach(function (b) {
      var terms = [];
      b.hits.forEach(function (h) {
        var t = h[0] + ": " + String(h[3]).toLowerCase();
        if (terms.indexOf(t) < 0) { terms.push(t); }
      });
      ul.appendChild(el("li", null, [el("mark", { "class": "hl-" + b.kind, text: b.name }),
        " " + kindLabel(b) + " — " + (terms.length ? terms.join(", ") : "matched")]));
    });
    return ul;
  }

  function detail(r) {
    var box = el("div", { "class": "detail-body" });
    box.appendChild(el("h3", null, [highlight(r.title, "title", r)]));
    var cite = [r.authors.join("; "), r.year ? "(" + r.year + ")" : "", r.journal,
      [r.volume, r.issue ? "(" + r.issue + ")" : "", r.pages ? ": " + r.pages : ""].join("")].filter(Boolean).join(" ");
    box.appendChild(el("p", { "class": "cite", text: cite }));
    var ids = el("p", { "class": "ids" });
    ids.appendChild(document.createTextNode("Record " + r.id));
    if (r.doi) {
      ids.appendChild(document.createTextNode(" · DOI "));
      ids.appendChild(el("a", { href: "https://doi.org/" + r.doi, rel: "noreferrer", text: r.doi }));
    }
    if (r.pmid) { ids.appendChild(document.createTextNode(" · PMID " + r.pmid)); }
    ids.appendChild(document.createTextNode(" · " + r.decision + (r.reason ? " (" + r.reason + ")" : "") + ", stage " + r.stage));
    box.appendChild(ids);
    box.appendChild(el("h4", { text: "Abstract" }));
    box.appendChild(r.abstract ? el("p", { "class": "abstract" }, [highlight(r.abstract, "abstract", r)])
      : el("p", { "class": "hint", text: "No abstract." }));
    box.appendChild(el("h4", { text: "Matched blocks" }));
    box.appendChild(r.blocks.length ? evidenceList(r.blocks, function (b) { return b.kind + " block"; })
      : el("p", { "class": "hint", text: "None." }));
    box.appendChild(el("h4", { text: "Outcome tags" }));
    box.appendChild(r.tagHits.length ? evidenceList(r.tagHits, function () { return "tag"; })
      : el("p", { "class": "hint", text: "None." }));
    box.appendChild(el("h4", { text: "Provenance (" + r.provenance.length + " input record" + (r.provenance.length === 1 ? "" : "s") + ")" }));
    var t = el("table", { "class": "provenance" }, [el("thead", null, [el("tr", null,
      ["File", "Position", "Line", "Database", "Id in export", "Kept", "Merged by"].map(function (h) { return el("th", { text: h }); }))])]);
    var tb = el("tbody");
    r.provenance.forEach(function (p) {
      tb.appendChild(el("tr", null, [p.file, String(p.position), p.line ? String(p.line) : "", p.database, p.sourceId,
        p.kept ? "kept" : "merged", p.rule].map(function (v) { return el("td", { text: v }); })));
    });
    t.appendChild(tb);
    box.appendChild(t);
    return box;
  }

  // The keyboard's current record: an index into the filtered, sorted rows (-1: none yet).
  var cursor = -1;
  var current = [];

  function isoNow() {
    return new Date().toISOString().slice(0, 19) + "Z";
  }
  // A click on a pressed button takes the decision back; a key always sets it.
  function decide(id, value, toggle) {
    if (value && !(toggle && mine[id] && mine[id].decision === value)) {
      mine[id] = { decision: value, date: isoNow(), reason: mine[id] ? mine[id].reason || "" : "" };
    } else {
      delete mine[id];
    }
    keep();
    render();
  }
  function decisionButtons(r) {
    var box = el("span", { "class": "mine", role: "group", "aria-label": "Your decision" });
    DECISIONS.forEach(function (d) {
      var on = !!(mine[r.id] && mine[r.id].decision === d);
      var b = el("button", { type: "button", "class": "decide-btn decide-" + d, "data-value": d,
        "aria-pressed": on ? "true" : "false", title: d + " (" + d.charAt(0) + ")", text: d });
      b.addEventListener("click", function (ev) { ev.stopPropagation(); decide(r.id, d, true); });
      box.appendChild(b);
    });
    if (mine[r.id]) {
      // the reviewer's own words, into decisions.csv's reason column (the next run reports them)
      var reason = el("input", { type: "text", "class": "decide-reason", placeholder: "reason (optional)",
        "aria-label": "Reason for your decision", maxlength: "500" });
      reason.value = mine[r.id].reason || "";
      reason.addEventListener("click", function (ev) { ev.stopPropagation(); });
      reason.addEventListener("change", function () {
        if (mine[r.id]) {
          mine[r.id].reason = this.value.trim();
          keep();
        }
      });
      box.appendChild(reason);
    }
    return box;
  }

  function renderSecondLook() {
    var body = $("second-look-body");
    if (!body) { return; }
    var fresh = document.createDocumentFragment();
    (data.secondLook || []).forEach(function (s) {
      var title = el("button", { type: "button", "class": "linkish", title: "show it in the table above" }, [s.title]);
      title.addEventListener("click", function () {
        $("filter-text").value = s.id;
        $("filter-decision").value = "*";
        state.text = s.id.toLowerCase();
        state.decision = "*";
        state.page = 0;
        open[s.id] = true;
        render();
        $("records").scrollIntoView();
      });
      fresh.appendChild(el("tr", { "class": "record", "data-id": s.id }, [
        el("td", { "class": "num rank", text: s.rank }),
        el("td", { "class": "num relevance", text: s.relevance }),
        el("td", { "class": "title" }, [title]),
        el("td", { "class": "num", text: s.year }),
        el("td", { text: s.reason }),
        el("td", null, [decisionButtons({ id: s.id })])]));
    });
    body.textContent = "";
    body.appendChild(fresh);
    $("second-look-empty").hidden = (data.secondLook || []).length > 0;
  }

  function renderDecisionCount() {
    var n = { include: 0, exclude: 0, maybe: 0 };
    Object.keys(mine).forEach(function (id) { n[mine[id].decision]++; });
    var total = n.include + n.exclude + n.maybe;
    $("decision-count").textContent = total + " decided here (" + n.include + " include, " + n.exclude + " exclude, " +
      n.maybe + " maybe)" + (storageOk ? "" : "; this browser does not keep them after the tab closes: download them");
    $("decision-count").setAttribute("data-decided", String(total));
  }

  function render() {
    var rows = records.filter(matches).sort(compare);
    current = rows;
    if (cursor >= rows.length) { cursor = rows.length - 1; }
    var pages = Math.max(1, Math.ceil(rows.length / state.size));
    if (state.page >= pages) { state.page = pages - 1; }
    var body = $("records-body");
    var fresh = document.createDocumentFragment();
    rows.slice(state.page * state.size, (state.page + 1) * state.size).forEach(function (r, k) {
      var title = el("button", { type: "button", "class": "linkish", "aria-expanded": open[r.id] ? "true" : "false" }, [highlight(r.title, "title", r)]);
      title.addEventListener("click", function () { open[r.id] = !open[r.id]; render(); });
      var index = state.page * state.size + k;
      var tr = el("tr", { "class": "record" + (index === cursor ? " current" : ""), "data-id": r.id, "data-decision": r.decision,
        "data-mine": mine[r.id] ? mine[r.id].decision : "" }, [
        el("td", { "class": "title" }, [title]),
        el("td", { "class": "num", text: r.year ? String(r.year) : "" }),
        el("td", null, [el("span", { "class": "badge " + r.decision, text: r.decision })]),
        el("td", { text: r.reason }),
        el("td", null, r.tags.map(function (t) { return el("span", { "class": "chip", text: t }); })),
        el("td", { text: r.sources.join(", ") }),
        el("td", { "class": "num rank", text: r.rank === null || r.rank === undefined ? "" : String(r.rank) }),
        el("td", { "class": "num relevance", text: r.relevance }),
        el("td", null, [decisionButtons(r)])]);
      tr.addEventListener("click", function () { cursor = index; markCurrent(); });
      fresh.appendChild(tr);
      if (open[r.id]) {
        fresh.appendChild(el("tr", { "class": "detail", "data-id": r.id }, [el("td", { colspan: "9" }, [detail(r)])]));
      }
    });
    body.textContent = "";
    body.appendChild(fresh);
    var first = rows.length ? state.page * state.size + 1 : 0;
    $("records-status").textContent = rows.length + (rows.length === 1 ? " record matches" : " records match") + " the filters" +
      (rows.length ? "; showing " + first + "–" + Math.min(rows.length, (state.page + 1) * state.size) : "");
    $("records-status").setAttribute("data-matching", String(rows.length));
    $("page-info").textContent = "Page " + (state.page + 1) + " of " + pages;
    $("page-prev").disabled = state.page === 0;
    $("page-next").disabled = state.page >= pages - 1;
    renderSecondLook();
    renderDecisionCount();
    Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (th) {
      if (th.getAttribute("data-sort") === state.sort) {
        th.setAttribute("aria-sort", state.dir > 0 ? "ascending" : "descending");
      } else {
        th.removeAttribute("aria-sort");
      }
    });
  }

  function markCurrent() {
    Array.prototype.forEach.call(document.querySelectorAll("#records-body tr.record"), function (tr) {
      tr.classList.toggle("current", current[cursor] !== undefined && tr.getAttribute("data-id") === current[cursor].id);
    });
  }
  // Moves the keyboard's current record by delta rows, turning pages as needed.
  function move(delta) {
    if (!current.length) { return; }
    cursor = Math.max(0, Math.min(current.length - 1, cursor < 0 ? 0 : cursor + delta));
    state.page = Math.floor(cursor / state.size);
    render();
    var tr = document.querySelector("#records-body tr.record.current");
    if (tr && tr.scrollIntoView) { tr.scrollIntoView({ block: "nearest" }); }
  }
  document.addEventListener("keydown", function (ev) {
    var t = ev.target;
    if (ev.ctrlKey || ev.metaKey || ev.altKey || (t && /^(INPUT|SELECT|TEXTAREA|BUTTON)$/.test(t.tagName) && !(t.tagName === "BUTTON" && /^[jkiemuo]$/.test(ev.key)))) {
      return;
    }
    var r = current[cursor];
    switch (ev.key) {
      case "j": move(1); break;
      case "k": move(-1); break;
      case "i": case "e": case "m":
        if (!r) { return; }
        decide(r.id, { i: "include", e: "exclude", m: "maybe" }[ev.key]);
        move(1);
        break;
      case "u":
        if (!r) { return; }
        delete mine[r.id];
        keep();
        render();
        break;
      case "o": case "Enter":
        if (!r || (t && t.tagName === "BUTTON")) { return; }
        open[r.id] = !open[r.id];
        render();
        break;
      default: return;
    }
    ev.preventDefault();
  });

  // decisions.csv as --decisions reads it: record_id,decision,reason,reviewer,date,note; cells
  // that a spreadsheet would run as a formula get a leading quote, as litsieve's own CSV files do.
  function cell(v) {
    v = String(v === undefined || v === null ? "" : v);
    if (/^'*[=+\-@\t\r]/.test(v) && !/^[+-]?[0-9]+(\.[0-9]+)?$/.test(v)) { v = "'" + v; }
    return /[",\r\n]/.test(v) ? "\"" + v.replace(/"/g, "\"\"") + "\"" : v;
  }
  function decisionsCsv(reviewer) {
    var lines = ["record_id,decision,reason,reviewer,date,note"];
    Object.keys(mine).sort().forEach(function (id) {
      lines.push([id, mine[id].decision, mine[id].reason || "", reviewer, mine[id].date, "decided in report.html"].map(cell).join(","));
    });
    return lines.join("\n") + "\n";
  }
  try { $("reviewer").value = window.localStorage.getItem("litsieve-reviewer") || ""; } catch (e) { /* no storage */ }
  $("reviewer").addEventListener("change", function () {
    try { window.localStorage.setItem("litsieve-reviewer", this.value.trim()); } catch (e) { /* no storage */ }
  });
  $("decisions-download").addEventListener("click", function () {
    var reviewer = $("reviewer").value.trim();
    if (!reviewer) {
      $("decide-message").textContent = "Enter your name or initials first: decisions.csv names the reviewer of each decision.";
      $("reviewer").focus();
      return;
    }
    if (!Object.keys(mine).length) {
      $("decide-message").textContent = "No decisions to download yet.";
      return;
    }
    var url = URL.createObjectURL(new Blob([decisionsCsv(reviewer)], { type: "text/csv;charset=utf-8" }));
    var a = el("a", { href: url, download: "decisions.csv" });
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    $("decide-message").textContent = Object.keys(mine).length + " decisions downloaded as decisions.csv.";
  });
  $("decisions-clear").addEventListener("click", function () {
    if (window.confirm("Forget the decisions made on this page?")) {
      mine = {};
      keep();
      render();
    }
  });

  function bind(id, key, event) {
    $(id).addEventListener(event || "change", function () {
      state[key] = key === "text" ? this.value.trim().toLowerCase() : this.value;
      state.page = 0;
      cursor = -1;
      render();
    });
  }
  bind("filter-text", "text", "input");
  bind("filter-decision", "decision");
  bind("filter-tag", "tag");
  bind("filter-reason", "reason");
  bind("filter-source", "source");
  $("filter-reset").addEventListener("click", function () {
    ["filter-text", "filter-decision", "filter-tag", "filter-reason", "filter-source"].forEach(function (id) { $(id).value = ""; });
    state.text = state.decision = state.tag = state.reason = state.source = "";
    state.page = 0;
    render();
  });
  $("page-size").addEventListener("change", function () { state.size = parseInt(this.value, 10); state.page = 0; render(); });
  $("page-prev").addEventListener("click", function () { state.page--; render(); });
  $("page-next").addEventListener("click", function () { state.page++; render(); });
  Array.prototype.forEach.call(document.querySelectorAll("th[data-sort]"), function (th) {
    th.addEventListener("click", function () {
      var key = th.getAttribute("data-sort");
      state.dir = state.sort === key ? -state.dir : 1;
      state.sort = key;
      render();
    });
  });
  // Clicking a bar in the tag chart filters the table by that tag.
  Array.prototype.forEach.call(document.querySelectorAll("#tag-chart .bar"), function (g) {
    g.style.cursor = "pointer";
    g.addEventListener("click", function () {
      var tag = g.getAttribute("data-tag");
      $("filter-tag").value = tag;
      state.tag = $("filter-tag").value === tag ? tag : "";
      state.page = 0;
      render();
      $("records").scrollIntoView();
    });
  });
  render();
  document.documentElement.setAttribute("data-report-ready", "true");
})();
