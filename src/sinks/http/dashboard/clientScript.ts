/**
 * The dashboard's browser code: polls the JSON API every `refreshMs` and rebuilds each panel with
 * `createElement` and `textContent` only, so a symbol or a reason can never inject markup. It reads
 * its labels and settings from the page's `ks-labels` and `ks-config` JSON blocks and needs
 * `drawEquityChart` (see equityChart.ts) on the page first. Exposes `window.ksDashboard.refresh()`
 * returning a promise, for tests and the console. Plain ES2017: the browser runs it as is.
 */
export const DASHBOARD_SCRIPT = String.raw`
(function () {
  'use strict';
  var L = JSON.parse(document.getElementById('ks-labels').textContent);
  var cfg = JSON.parse(document.getElementById('ks-config').textContent);
  function $(id) { return document.getElementById(id); }
  function el(tag, text, cls) {
    var n = document.createElement(tag);
    if (text !== undefined && text !== null) n.textContent = String(text);
    if (cls) n.className = cls;
    return n;
  }
  function fill(id, node) { var box = $(id); box.textContent = ''; box.appendChild(node); }
  function cell(text, cls) { return { text: text, cls: cls }; }
  function table(headers, rows) {
    if (!rows || rows.length === 0) return el('p', L.none, 'muted');
    var t = el('table'), head = el('tr'), thead = el('thead'), body = el('tbody');
    headers.forEach(function (h) { head.appendChild(el('th', h)); });
    thead.appendChild(head);
    t.appendChild(thead);
    rows.forEach(function (r) {
      var tr = el('tr');
      r.forEach(function (c) { tr.appendChild(c !== null && typeof c === 'object' ? el('td', c.text, c.cls) : el('td', c)); });
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }
  // One label and one value per row: the status facts stay inside a half-width panel in any language.
  function facts(pairs) {
    var t = el('table', null, 'facts'), body = el('tbody');
    pairs.forEach(function (p) {
      var tr = el('tr');
      tr.appendChild(el('th', p[0]));
      tr.appendChild(el('td', p[1]));
      body.appendChild(tr);
    });
    t.appendChild(body);
    return t;
  }
  function time(ms) { return typeof ms === 'number' && isFinite(ms) ? new Date(ms).toISOString().slice(0, 16).replace('T', ' ') : ''; }
  function num(v, digits) { return typeof v === 'number' && isFinite(v) ? v.toFixed(digits) : ''; }
  // Thresholds as Telegram gives them: at most one decimal, 75 or 77.5.
  function points(v) { return typeof v === 'number' && isFinite(v) ? String(Number(v.toFixed(1))) : ''; }
  function price(v) { return typeof v === 'number' && isFinite(v) ? String(Number(v.toPrecision(8))) : ''; }
  // As Telegram words a duration (formatDuration): zero parts left out, minutes when nothing else.
  function duration(s) {
    var d = Math.floor(s / 86400), h = Math.floor((s % 86400) / 3600), m = Math.floor((s % 3600) / 60), parts = [];
    if (d > 0) parts.push(d + L.dayUnit);
    if (h > 0) parts.push(h + L.hourUnit);
    if (m > 0 || parts.length === 0) parts.push(m + L.minuteUnit);
    return parts.join(' ');
  }
  function side(row) { return cell(row.sideText || row.side, row.side); }
  function scope(v) { return v.text && v.text.scope ? v.text.scope : !v.scope || v.scope.kind === 'global' ? L.global : v.scope.kind === 'symbol' ? v.scope.symbol : ''; }
  function effect(v) {
    switch (v.type) {
      case 'lock': return L.lockUntil + ' ' + time(v.untilMs);
      case 'threshold': return L.thresholdAdd + v.add;
      case 'riskCap': return L.riskCap + ' ' + v.maxRiskPct + '%';
      case 'dailyCap': return L.dailyCap + ' ' + v.maxSignals;
      default: return L.notice;
    }
  }
  function reasons(list) {
    return (list || []).join('; ');
  }

  function renderStatus(s) {
    var health = $('ks-health');
    var problems = s.problems || [];
    health.textContent = s.ok ? L.healthy : L.unhealthy + (problems.length > 0 ? ': ' + problems.join('; ') : '');
    health.className = s.ok ? 'ok' : 'bad';
    var box = el('div');
    box.appendChild(facts([[L.profile, s.profileText || s.profile], [L.uptime, duration(s.uptimeS)], [L.openTrades, s.openTradeCount],
      [L.heldChats, (s.heldChats || []).join(', ') || L.none], [L.lateSymbols, (s.lateSymbols || []).join(', ') || L.none]]));
    box.appendChild(el('h3', L.universe + ' (' + s.universe.length + ')'));
    var chips = el('div', null, 'chips');
    s.universe.forEach(function (sym) { chips.appendChild(el('span', sym)); });
    box.appendChild(chips);
    box.appendChild(el('h3', L.shards));
    box.appendChild(table([L.shard, L.streams, L.lastFrame, L.status], s.shards.map(function (sh) {
      var age = sh.lastFrameAgeMs === null ? L.noFrame : num(sh.lastFrameAgeMs / 1000, 1) + L.secondUnit;
      var state = !sh.stale ? L.fresh : sh.lastFrameAgeMs === null ? L.notConnected : L.stale;
      return [sh.id, sh.streams, age, cell(state, sh.stale ? 'stale' : 'fresh')];
    })));
    fill('ks-status', box);
  }
  function signed(v, digits) { return typeof v === 'number' && isFinite(v) ? (v > 0 ? '+' : '') + v.toFixed(digits) : ''; }
  function pnlCell(v, digits) { return cell(signed(v, digits), v > 0 ? 'gain' : v < 0 ? 'loss' : ''); }
  // A level with the move the price still needs to reach it, as /open words it: 95666.6 (-2.19%).
  function level(v, movePct) { return price(v) + (typeof movePct === 'number' && isFinite(movePct) ? ' (' + signed(movePct, 2) + '%)' : ''); }
  function renderOpen(trades) {
    fill('ks-open', table([L.symbol, L.interval, L.model, L.side, L.entry, L.markPrice, L.unrealisedR, L.unrealisedUsdt, L.stopLoss, L.takeProfit, L.quantity, L.age],
      trades.map(function (t) {
        var f = t.figures;
        if (!f) {
          return [t.symbol, t.interval, t.modelText, side(t), price(t.entry), L.noPrice, '', '', price(t.stopLoss), price(t.takeProfit),
            price(t.quantity), time(t.openedAtMs)];
        }
        return [t.symbol, t.interval, t.modelText, side(t), price(t.entry), price(f.mark.price) + ' (' + time(f.mark.asOfMs).slice(11) + ')',
          pnlCell(f.rMultiple, 2), pnlCell(f.pnlUsdt, 2), level(t.stopLoss, f.stopLossMovePct), level(t.takeProfit, f.takeProfitMovePct),
          price(t.quantity), duration(f.ageMs / 1000)];
      })));
  }
  function renderSignals(signals) {
    var sent = signals.filter(function (s) { return s.status === 'sent'; });
    var blocked = signals.filter(function (s) { return s.status !== 'sent'; });
    fill('ks-signals', table([L.time, L.symbol, L.interval, L.model, L.side, L.score, L.threshold, L.entry, L.stopLoss, L.takeProfit, L.quantity, L.risk],
      sent.map(function (s) {
        return [time(s.endMs), s.symbol, s.interval, s.modelText, side(s), num(s.score, 1), points(s.threshold), price(s.entry),
          price(s.stopLoss), price(s.takeProfit), price(s.quantity), num(s.riskPct, 2)];
      })));
    fill('ks-blocked', table([L.time, L.symbol, L.interval, L.model, L.side, L.score, L.threshold, L.reasons],
      blocked.map(function (s) {
        return [time(s.endMs), s.symbol, s.interval, s.modelText, side(s), num(s.score, 1), points(s.threshold), cell(reasons(s.reasonTexts), 'reasons')];
      })));
  }
  function renderTrades(closed) {
    fill('ks-trades', table([L.time, L.symbol, L.model, L.side, L.entry, L.exit, L.outcome, L.rMultiple, L.pnl, L.equity],
      closed.map(function (t) {
        return [time(t.exitTimeMs), t.symbol, t.modelText, side(t), price(t.entry), price(t.exitPrice), cell(t.outcomeText, t.outcome),
          num(t.rMultiple, 2), num(t.pnl, 2), num(t.equityAfter, 2)];
      })));
  }
  function renderMemory(m) {
    var idle = m.rulesOn === 0 ? L.memoryOff : typeof m.rulesOn === 'number' ? L.rulesOnNoneInForce.replace('{n}', m.rulesOn) : L.none;
    fill('ks-memory-active', m.active.length === 0 ? el('p', idle, 'muted') : table([L.rule, L.scope, L.effect, L.reason], m.active.map(function (v) {
      return [cell(v.text.rule, 'rule'), scope(v), effect(v), cell(v.text.detail, 'reasons')];
    })));
    fill('ks-memory-events', table([L.time, L.event, L.rule, L.scope, L.effect, L.reason], m.events.map(function (e) {
      return [time(e.atMs), e.kind === 'start' ? L.eventStart : L.eventEnd, cell(e.verdict.text.rule, 'rule'), scope(e.verdict), effect(e.verdict),
        cell(e.verdict.text.detail, 'reasons')];
    })));
  }
  function get(path) {
    return fetch(path, { cache: 'no-store' }).then(function (r) {
      if (!r.ok) throw new Error(path + ' answered ' + r.status);
      return r.json();
    });
  }
  function refresh() {
    return Promise.all([get('api/status'), get('api/signals?limit=' + cfg.limit), get('api/trades?limit=' + cfg.limit), get('api/memory'), get('api/equity')])
      .then(function (r) {
        renderStatus(r[0]);
        renderOpen(r[0].openTrades);
        renderSignals(r[1].signals);
        renderTrades(r[2].closed);
        renderMemory(r[3]);
        // Drawn at the panel's own pixel width: a fixed 720 viewBox stretched over a wide panel blew its text up 1.7x.
        var chartBox = $('ks-equity-chart');
        drawEquityChart(chartBox, r[4].points, { width: Math.max(480, chartBox.clientWidth || 720), labels: { equity: L.equity, drawdown: L.drawdown, empty: L.chartEmpty } });
        $('ks-banner').className = '';
        // UTC and 24-hour like every other time here, whatever the browser's locale.
        $('ks-updated').textContent = L.updated + ' ' + new Date().toISOString().slice(11, 19) + ' UTC';
        return true;
      })
      .catch(function () {
        $('ks-banner').className = 'shown';
        return false;
      });
  }
  window.ksDashboard = { refresh: refresh };
  refresh();
  setInterval(refresh, cfg.refreshMs);
})();
`;
