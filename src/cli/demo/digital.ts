/** Part of section 6: a digital option's delta — pathwise returns 0 and is flagged; auto and LR are right. */
import { greeks } from '../../finance/index.js';
import type { Table } from '../../report/index.js';
import { zOf, type DemoContext } from './section.js';

export function digitalDelta(ctx: DemoContext): Table {
  const market = { spot: 100, vol: 0.2, rate: 0.05, maturity: 1, dividend: 0 };
  const r = greeks({ kind: 'bs' }, { kind: 'digital-call', strike: 100 }, market, { greeks: ['delta'], methods: ['pathwise', 'lr', 'fd', 'auto'], paths: ctx.samples * 2, seed: ctx.seed });
  const truth = r.closedForm.delta!;
  const rows = Object.entries(r.greeks.delta ?? {}).map(([method, e]) => [
    method, e!.mean, e!.stderr, zOf(e!.mean, e!.stderr, truth),
    e!.biased === true ? (e!.reason ?? 'biased') : e!.chosen !== undefined ? `auto chose ${e!.chosen}` : '',
  ]);
  return {
    columns: ['method', 'delta', 'stderr', 'z vs exact', { name: 'diagnostics', align: 'left' }],
    rows,
    caption: `Cash-or-nothing call (S = K = 100, σ = 0.2, r = 0.05, T = 1): closed-form delta ${truth.toPrecision(6)}`,
  };
}
