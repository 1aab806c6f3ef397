import type { MemoryEvent, Verdict } from '../../../domain/memory.js';
import { field, lines, rulesOf, scopeText, stringsFor, type TemplateContext } from './common.js';
import { formatPct, formatSignificant, formatUtc } from './format.js';
import { escapeHtml } from './html.js';
import { ruleNameText, verdictDetailText } from './reasonText.js';
import type { Strings } from './strings.js';

function modelOf(verdict: Verdict, s: Strings): string {
  return escapeHtml(verdict.scope.kind === 'model' ? s.model[verdict.scope.model] : scopeText(verdict.scope, s));
}

/** Icon and title of an event; arguments to the string table are escaped here. */
function title(event: MemoryEvent, s: Strings): { icon: string; text: string } {
  const v = event.verdict;
  const start = event.kind === 'start';
  const m = s.memory;
  const scope = escapeHtml(scopeText(v.scope, s));
  switch (v.type) {
    case 'lock':
      if (v.scope.kind === 'global') return start ? { icon: '⏸', text: m.pauseStart } : { icon: '▶️', text: m.pauseEnd };
      if (v.scope.kind === 'symbol') {
        const symbol = escapeHtml(v.scope.symbol);
        return start ? { icon: '🧊', text: m.cooldownStart(symbol) } : { icon: '🔓', text: m.cooldownEnd(symbol) };
      }
      return start ? { icon: '🚫', text: m.modelOff(modelOf(v, s)) } : { icon: '✅', text: m.modelOn(modelOf(v, s)) };
    case 'dailyCap':
      return start ? { icon: '📉', text: m.dailyCapOn(escapeHtml(String(v.maxSignals))) } : { icon: '📈', text: m.drawdownOff };
    case 'riskCap':
      return start ? { icon: '📉', text: m.riskCapOn(escapeHtml(formatPct(v.maxRiskPct))) } : { icon: '📈', text: m.drawdownOff };
    case 'threshold':
      return start
        ? { icon: '🎯', text: m.thresholdOn(escapeHtml(`+${formatSignificant(v.add)}`), scope) }
        : { icon: '🎯', text: m.thresholdOff(scope) };
    case 'notice':
      return start ? { icon: '🔥', text: m.goodRunStart(modelOf(v, s)) } : { icon: '💤', text: m.goodRunEnd(modelOf(v, s)) };
  }
}

/**
 * A memory rule starting or ending: pause, symbol cooldown, model disabled/restored, drawdown
 * rules on/off, threshold raised/normal, a good run of a model. Names the rule (its human name,
 * never its id) and its scope; a lock that starts says until when, and a start words the rule's
 * facts (win rate, streak, drawdown). Titles from the string table are trusted HTML; data is escaped.
 */
export function renderMemoryEvent(event: MemoryEvent, ctx: TemplateContext): string {
  const s = stringsFor(ctx.language);
  const v = event.verdict;
  const { icon, text } = title(event, s);
  const detail = event.kind === 'start' ? verdictDetailText(v.detail, s) : '';
  return lines([
    `${icon} <b>${text}</b>`,
    event.kind === 'start' && v.type === 'lock' && field(s.until, `<b>${escapeHtml(formatUtc(v.untilMs))}</b>`),
    `${field(s.rule, escapeHtml(ruleNameText(v.rule, s, rulesOf(ctx))))} · ${field(s.scope, escapeHtml(scopeText(v.scope, s)))}`,
    detail !== '' && field(s.memory.detail, `<i>${escapeHtml(detail)}</i>`),
    `<i>${escapeHtml(formatUtc(event.atMs))}</i>`,
  ]);
}
