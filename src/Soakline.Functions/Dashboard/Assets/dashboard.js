// Soakline dashboard: confirmation step for actions, and the live canary view on a pipeline page.
// Plain browser JavaScript, no build step. The browser's signed session cookie says who is signed in (see docs/operations.md);
// under Azure Functions the page's ?code= function key is passed on to the API calls.
"use strict";

(function () {
  const SVG = "http://www.w3.org/2000/svg";
  const tones = { Running: "info", Completed: "ok", Failed: "bad", Terminated: "bad", Suspended: "warn" };

  function withCode(url) {
    const code = new URLSearchParams(location.search).get("code");
    return code ? url + (url.includes("?") ? "&" : "?") + "code=" + encodeURIComponent(code) : url;
  }

  async function post(url, body) {
    const response = await fetch(withCode(url), {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-Soakline-Dashboard": "1" },
      body: JSON.stringify(body),
    });
    const reply = await response.json().catch(() => ({}));
    if (!response.ok) throw new Error(reply.error || "HTTP " + response.status);
    return reply;
  }

  function flash(text) {
    const note = document.createElement("div");
    note.className = "flash";
    note.id = "flash";
    note.setAttribute("role", "status");
    note.textContent = text;
    document.body.appendChild(note);
    setTimeout(() => note.remove(), 4000);
  }

  // ---- actions -------------------------------------------------------------------------------------------------
  const describe = {
    approve: b => ({ title: "Approve this release?", text: "Production goes ahead with " + b.dataset.pipeline + ".", note: "Comment (optional)", required: false,
      url: "/api/pipelines/" + encodeURIComponent(b.dataset.pipeline) + "/approve", body: note => ({ comment: note || null }), done: "Approved" }),
    reject: b => ({ title: "Reject this release?", text: "The pipeline " + b.dataset.pipeline + " stops before production.", note: "Why (optional)", required: false,
      url: "/api/pipelines/" + encodeURIComponent(b.dataset.pipeline) + "/reject", body: note => ({ comment: note || null }), done: "Rejected" }),
    abort: b => ({ title: "Abort this pipeline?", text: "A running canary is rolled back to what ran before.", note: "Reason", required: true,
      url: "/api/pipelines/" + encodeURIComponent(b.dataset.pipeline) + "/abort", body: note => ({ reason: note }), done: "Abort requested" }),
    rollback: b => ({ title: "Emergency rollback of " + b.dataset.environment + "?", text: "Every host of " + b.dataset.repository + " in " + b.dataset.environment + " goes back to the previous release.", note: "Reason", required: true,
      url: "/api/environments/" + encodeURIComponent(b.dataset.environment) + "/rollback", body: note => ({ repository: b.dataset.repository, scope: "all", reason: note }), done: "Rollback started" }),
  };

  // Set by the live view on a pipeline page: redraws at once after an action instead of reloading the page.
  let refreshLiveView = null;

  function setUpActions() {
    const dialog = document.getElementById("confirm");
    if (!dialog) return;
    const form = document.getElementById("confirm-form");
    const note = document.getElementById("confirm-note");
    const error = document.getElementById("confirm-error");
    let pending = null;

    document.addEventListener("click", event => {
      const button = event.target.closest("button[data-action]");
      if (!button || !describe[button.dataset.action]) return;
      pending = describe[button.dataset.action](button);
      document.getElementById("confirm-title").textContent = pending.title;
      document.getElementById("confirm-text").textContent = pending.text;
      document.getElementById("confirm-note-caption").textContent = pending.note;
      note.required = pending.required;
      note.value = "";
      error.textContent = "";
      dialog.showModal();
    });

    document.getElementById("confirm-cancel").addEventListener("click", () => dialog.close());

    form.addEventListener("submit", async event => {
      event.preventDefault();
      if (!pending) return;
      if (pending.required && !note.value.trim()) { error.textContent = pending.note + " is required."; return; }
      try {
        await post(pending.url, pending.body(note.value.trim()));
        dialog.close();
        flash(pending.done);
        if (refreshLiveView) refreshLiveView();
        else setTimeout(() => location.reload(), 1500);
      } catch (e) {
        error.textContent = e.message;
      }
    });
  }

  // ---- live canary view ----------------------------------------------------------------------------------------
  function el(name, attributes, parent) {
    const node = document.createElementNS(SVG, name);
    for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
    if (parent) parent.appendChild(node);
    return node;
  }

  function time(at) { return new Date(at).toISOString().substring(11, 19); }

  // Draws values (0..max) as a line over the observations, with an optional dashed threshold.
  function drawChart(svg, samples, max, threshold, stepped) {
    while (svg.firstChild) svg.removeChild(svg.firstChild);
    const w = 600, h = 180, left = 38, right = 10, top = 10, bottom = 24;
    const x = i => left + (samples.length < 2 ? (w - left - right) / 2 : i * (w - left - right) / (samples.length - 1));
    const y = v => top + (h - top - bottom) * (1 - Math.min(v, max) / max);
    for (const f of [0, 0.25, 0.5, 0.75, 1]) {
      el("line", { class: "grid", x1: left, x2: w - right, y1: y(max * f), y2: y(max * f) }, svg);
      el("text", { class: "axis", x: left - 6, y: y(max * f) + 3, "text-anchor": "end" }, svg).textContent = +(max * f).toPrecision(2);
    }
    if (samples.length) {
      el("text", { class: "axis", x: left, y: h - 6 }, svg).textContent = time(samples[0].at);
      el("text", { class: "axis", x: w - right, y: h - 6, "text-anchor": "end" }, svg).textContent = time(samples[samples.length - 1].at);
    }
    let d = "";
    samples.forEach((s, i) => {
      if (i === 0) d = "M" + x(i) + " " + y(s.value);
      else d += (stepped ? " H" + x(i) + " V" + y(s.value) : " L" + x(i) + " " + y(s.value));
    });
    if (samples.length === 1) d += " h1";
    if (stepped && samples.length) el("path", { class: "area", d: d + " V" + y(0) + " H" + x(0) + " Z" }, svg);
    el("path", { class: "series", d, "data-points": samples.length }, svg);
    if (threshold != null) el("line", { class: "threshold", x1: left, x2: w - right, y1: y(threshold), y2: y(threshold) }, svg);
    samples.forEach((s, i) => { if (s.passed != null) el("circle", { class: "point " + (s.passed ? "ok" : "bad"), cx: x(i), cy: y(s.value), r: 3.5 }, svg); });
    svg.setAttribute("data-last", samples.length ? samples[samples.length - 1].value : "");
  }

  function currentRun(detail) {
    const runs = detail.environmentRuns || [];
    const byUpdate = (a, b) => new Date(b.lastUpdatedAt) - new Date(a.lastUpdatedAt);
    return runs.filter(r => r.runtimeStatus === "Running").sort(byUpdate)[0] || runs.slice().sort(byUpdate)[0] || detail.pipeline;
  }

  // The same colours as the server's StatusTone for stages.
  const badStages = new Set(["rolling-back", "rolled-back", "rollback-failed", "crashed", "rollback-incomplete", "deploy-failed", "failed", "gate-failed",
    "gate-timed-out", "spec-invalid", "spec-unavailable", "policy-refused", "refused", "rejected", "approval-expired", "e2e-required"]);

  function stageTone(stage) {
    if (!stage) return "muted";
    if (stage === "awaiting-approval" || stage === "queued") return "warn";
    if (stage === "released" || stage === "deployed" || stage === "nothing-to-deploy" || stage.startsWith("completed")) return "ok";
    if (stage === "ignored") return "muted";
    if (badStages.has(stage)) return "bad";
    return "info";
  }

  // Under the live share: what the stage asked for when the router applied another share, or where a finished run ended.
  function trafficHint(status) {
    const requested = status.requestedPercent;
    if (requested != null && requested !== (status.trafficPercent || 0)) return requested + "% requested";
    if (status.serving) return "serving " + status.serving;
    return "canary share";
  }

  // "50%", or "50% (5% requested)" when the router applied another share than the stage asked for.
  function trafficText(status) {
    const percent = status.trafficPercent || 0;
    const requested = status.requestedPercent;
    return percent + "%" + (requested != null && requested !== percent ? " (" + requested + "% requested)" : "");
  }

  // The same colours as the server's StatusTone.ForOutcome.
  function outcomeTone(status) {
    if (status === "Released" || status === "Deployed") return "ok";
    if (status === "Ignored" || status === "NothingToDeploy") return "muted";
    return "bad";
  }

  // How the pipeline ended (the API's typed outcome), once it has.
  function showOutcome(outcome) {
    const line = document.getElementById("outcome");
    if (!line || !outcome) return;
    line.replaceChildren();
    const badge = document.createElement("span");
    badge.className = "badge tone-" + outcomeTone(outcome.status);
    badge.textContent = outcome.status;
    const reason = document.createElement("span");
    reason.className = "reason";
    reason.textContent = outcome.reason;
    line.append(badge, " ", reason);
    line.hidden = false;
  }

  function updateRuns(runs) {
    for (const run of runs) {
      const row = document.querySelector("#runs tr[data-run=\"" + CSS.escape(run.id) + "\"]");
      if (!row) continue;
      const status = run.status || {};
      const cells = row.querySelectorAll("td");
      cells[1].querySelector(".badge").textContent = run.runtimeStatus;
      cells[1].querySelector(".badge").className = "badge tone-" + (tones[run.runtimeStatus] || "muted");
      cells[2].querySelector(".badge").textContent = status.stage || "–";
      cells[2].querySelector(".badge").className = "badge tone-" + stageTone(status.stage);
      cells[3].textContent = status.trafficPercent == null ? "–" : trafficText(status);
      cells[4].textContent = new Date(run.lastUpdatedAt).toISOString().replace("T", " ").substring(0, 19) + " UTC";
    }
  }

  function setUpLiveView() {
    const body = document.body;
    if (body.dataset.page !== "pipeline") return;
    const traffic = [];
    const metrics = new Map();
    let lastKey = null, lastAnalysisKey = null, seeded = false;

    function seed(timeline) {
      for (const entry of timeline || []) {
        // The share the router applied ("5% requested, 50% effective"), which is what the chart shows.
        const match = entry.kind === "StageStarted" && /([\d.]+)% effective/.exec(entry.detail);
        if (match) traffic.push({ at: entry.at, value: +match[1] });
      }
    }

    function render(detail) {
      if (!seeded) { seed(detail.timeline); seeded = true; }
      const run = currentRun(detail);
      const status = run.status || {};
      const percent = status.trafficPercent || 0;
      const key = run.lastUpdatedAt + "|" + percent;
      if (key !== lastKey) {
        traffic.push({ at: run.lastUpdatedAt, value: percent });
        lastKey = key;
      }
      document.getElementById("live-traffic").textContent = percent + "%";
      document.getElementById("live-traffic-hint").textContent = trafficHint(status);
      document.getElementById("live-stage").textContent = status.stage || "–";
      document.getElementById("live-environment").textContent = status.environment || "";
      document.getElementById("live-soak").textContent = run.runtimeStatus === "Running" && status.soakRemaining || "–";
      document.getElementById("live-analysis").textContent = status.lastAnalysis || "–";
      const badge = document.querySelector("#runtime-status .badge");
      badge.textContent = detail.pipeline.runtimeStatus;
      badge.className = "badge tone-" + (tones[detail.pipeline.runtimeStatus] || "muted");
      showOutcome(detail.pipeline.outcome);
      drawChart(document.getElementById("traffic-chart"), traffic, 100, null, true);
      updateRuns(detail.environmentRuns || []);

      const analysisKey = run.lastUpdatedAt + "|" + (status.lastAnalysis || "");
      if (status.lastChecks && analysisKey !== lastAnalysisKey) {
        lastAnalysisKey = analysisKey;
        drawChecks(status.lastChecks);
        for (const check of status.lastChecks) {
          if (check.value == null) continue;
          if (!metrics.has(check.name)) metrics.set(check.name, { limit: check.limit, samples: [] });
          const series = metrics.get(check.name);
          series.limit = check.limit;
          series.dryRun = !!check.dryRun;
          series.judge = check.judge || null;
          series.samples.push({ at: run.lastUpdatedAt, value: check.value, passed: check.passed });
        }
        drawMetrics();
      }
    }

    // The same words and tones as LiveChecks.cs: a dry run shows what it would have decided, muted, since it decides nothing.
    const verdicts = [["ok", "ok", "would pass"], ["breach", "bad", "would breach"], ["no data", "warn", "would fail on no data"], ["unhealthy", "bad", "would fail"], ["judge: worse", "bad", "judge would fail"]];

    function drawChecks(checks) {
      const body = document.querySelector("#live-checks tbody");
      if (!body) return;
      while (body.firstChild) body.removeChild(body.firstChild);
      const number = v => v == null ? "–" : String(+v.toFixed(3));
      for (const check of checks) {
        const [word, tone, wouldBe] = verdicts[check.status] || verdicts[3];
        const row = body.insertRow();
        if (check.dryRun) row.className = "dry-run";
        const name = row.insertCell();
        name.textContent = check.name;
        if (check.dryRun) {
          const mark = document.createElement("span");
          mark.className = "hint";
          mark.textContent = "dry run";
          name.append(" ", mark);
        }
        for (const value of [check.value, check.limit]) {
          const cell = row.insertCell();
          cell.className = "num";
          cell.textContent = number(value);
        }
        const badge = document.createElement("span");
        badge.className = "badge tone-" + (check.dryRun ? "muted" : tone);
        badge.textContent = check.dryRun ? wouldBe : word;
        row.insertCell().appendChild(badge);
        const detail = row.insertCell();
        detail.className = "hint";
        detail.textContent = check.detail || "";
      }
    }

    function drawMetrics() {
      const host = document.getElementById("metric-charts");
      for (const [name, series] of metrics) {
        const id = "metric-" + name.replace(/[^A-Za-z0-9_-]/g, "-");
        let figure = document.getElementById(id);
        if (!figure) {
          figure = document.createElement("figure");
          figure.className = "card chart";
          figure.id = id;
          figure.innerHTML = "<figcaption><span class=\"name\"></span><span class=\"judge\"></span><span class=\"limit\"></span></figcaption>";
          figure.querySelector(".name").textContent = name + (series.dryRun ? " (dry run)" : "");
          figure.appendChild(el("svg", { viewBox: "0 0 600 180", role: "img", "aria-label": name + " against its threshold" }));
          host.appendChild(figure);
        }
        figure.querySelector(".limit").textContent = series.limit == null ? "" : "threshold " + series.limit;
        const judge = figure.querySelector(".judge");
        judge.textContent = judgeText(series.judge);
        judge.className = "judge" + (isWorse(series.judge) ? " tone-bad" : "");
        const top = Math.max(series.limit || 0, ...series.samples.map(s => s.value)) * 1.2 || 1;
        drawChart(figure.querySelector("svg"), series.samples, top, series.limit, false);
      }
    }

    // The judge's verdict in a few words and the numbers behind it: "judge: worse · p 0.0001 · shift +30% · n 60/60".
    // The decision arrives as its enum number (0 pass, 1 canary worse, 2 no data) or name.
    function isWorse(judge) { return !!judge && (judge.decision === 1 || judge.decision === "CanaryWorse"); }

    function judgeText(judge) {
      if (!judge) return "";
      const counts = "n " + judge.canaryCount + "/" + judge.baselineCount;
      if (judge.decision === 2 || judge.decision === "NoData") return "judge: no data · " + counts;
      const effect = judge.effect == null ? "" : " (" + (judge.effect >= 0 ? "+" : "") + Math.round(judge.effect * 1000) / 10 + "%)";
      const shift = judge.shift == null ? "–" : (judge.shift >= 0 ? "+" : "") + +judge.shift.toPrecision(3);
      return "judge: " + (isWorse(judge) ? "worse" : "ok") + " · p " + +(judge.pValue ?? 1).toPrecision(2) + " · shift " + shift + effect + " · " + counts;
    }

    async function refresh() {
      const response = await fetch(withCode(body.dataset.api), { credentials: "same-origin", headers: { Accept: "application/json" } });
      if (response.ok) render(await response.json());
    }

    async function poll() {
      try {
        await refresh();
      } finally {
        setTimeout(poll, +body.dataset.pollMs || 2000);
      }
    }

    refreshLiveView = () => refresh().catch(() => {});
    poll();
  }

  document.addEventListener("DOMContentLoaded", () => { setUpActions(); setUpLiveView(); });
})();
