/**
 * The playground page: builds the three panels' forms from catalog.ts, sends each run to its panel's Web
 * Worker, shows progress, and renders tables and plots. Every result is also left, exactly as the library
 * produced it, on `window.__results` (the tests compare it bit for bit with the library in Node), and
 * `window.__timing` holds when the first result was shown.
 */
import { formatNumber } from '../../src/report/format-number.js';
import {
  COST_INFO, DISTRIBUTION_INFO, GREEKS, GREEK_METHODS, LAB_ESTIMATORS, PAYOFFS, SDE_INFO,
  type DistributionKey, type ParamInfo, type SdeKey,
} from './catalog.js';
import type { GreeksJob, GreeksSummary, LabJob, LabResult, SdeJob, SdeSummary } from './jobs.js';
import {
  draw, greekSpec, labConvergenceSpec, labEstimatesSpec, labHistogramSpec, labWorkSpec, sdePathsSpec, sdeTangentSpec,
} from './plots.js';
import type { JobMessage, JobRequest } from './worker.js';
import type {} from './page-globals.js';

type Kind = JobRequest['kind'];

window.__results = {};
window.__timing = { runMs: {} };

const $ = <T extends HTMLElement = HTMLElement>(id: string): T => {
  const el = document.getElementById(id);
  if (el === null) throw new Error(`playground: no element #${id}`);
  return el as T;
};
const fmt = (x: number | null | undefined): string => (x === null || x === undefined ? '—' : formatNumber(x));
const el = <K extends keyof HTMLElementTagNameMap>(tag: K, text = '', attrs: Record<string, string> = {}): HTMLElementTagNameMap[K] => {
  const e = document.createElement(tag);
  e.textContent = text;
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, v);
  return e;
};
const num = (id: string): number => Number($<HTMLInputElement>(id).value);

// ---------------------------------------------------------------------------------------------------
// Running a job in a panel's worker, with progress and cancel

/** One worker per panel, so that cancelling one panel's run leaves the others alone. */
class Runner {
  private worker: Worker | null = null;
  private nextId = 1;
  private pending: { id: number; reject: (e: Error) => void } | null = null;

  constructor(private readonly kind: Kind) {}

  run<R>(job: unknown, onProgress: (done: number, total: number, label: string) => void): Promise<{ result: R; ms: number }> {
    this.cancel();
    const worker = (this.worker ??= new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: `pathwise-${this.kind}` }));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending = { id, reject };
      worker.onmessage = (event: MessageEvent<JobMessage>) => {
        const m = event.data;
        if (m.id !== id) return;
        if (m.type === 'progress') onProgress(m.done, m.total, m.label);
        else {
          this.pending = null;
          if (m.type === 'result') resolve({ result: m.result as R, ms: m.ms });
          else reject(new Error(m.message));
        }
      };
      worker.onerror = (event) => {
        this.pending = null;
        reject(new Error(`worker failed: ${event.message}`));
      };
      worker.postMessage({ id, kind: this.kind, job } as JobRequest);
    });
  }

  /** Stops the current run by terminating the worker; the next run starts a fresh one. */
  cancel(): boolean {
    if (this.pending === null) return false;
    this.worker?.terminate();
    this.worker = null;
    this.pending.reject(new CancelledError());
    this.pending = null;
    return true;
  }
}

class CancelledError extends Error {
  constructor() {
    super('cancelled');
  }
}

/** Wires a panel's Run (form submit) and Cancel buttons, progress bar and status line to a Runner. */
function panel<R>(kind: Kind, readJob: () => unknown, show: (result: R) => Promise<void>): () => Promise<void> {
  const runner = new Runner(kind);
  const section = $(kind), status = $(`${kind}-status`), bar = $<HTMLProgressElement>(`${kind}-progress`);
  const cancelButton = $<HTMLButtonElement>(`${kind}-cancel`);
  const setStatus = (state: string, text: string, error = false) => {
    section.dataset.status = state;
    status.textContent = text;
    status.classList.toggle('error', error);
    status.setAttribute('role', error ? 'alert' : 'status');
  };
  const start = async (): Promise<void> => {
    let job: unknown;
    try {
      job = readJob();
    } catch (e) {
      setStatus('error', (e as Error).message, true);
      return;
    }
    setStatus('running', 'running…');
    bar.value = 0;
    cancelButton.disabled = false;
    const t0 = performance.now();
    try {
      const { result, ms } = await runner.run<R>(job, (done, total, label) => {
        bar.value = total > 0 ? done / total : 0;
        status.textContent = `running: ${label} (${formatNumber(done, 3)} of ${total})`;
      });
      window.__results[kind] = result;
      window.__timing.runMs[kind] = ms;
      await show(result);
      bar.value = 1;
      window.__timing.firstResultMs ??= performance.now();
      setStatus('done', `done in ${formatNumber((performance.now() - t0) / 1000, 3)} s (computing ${formatNumber(ms / 1000, 3)} s)`);
    } catch (e) {
      if (e instanceof CancelledError) setStatus('cancelled', 'cancelled');
      else setStatus('error', (e as Error).message, true);
    } finally {
      cancelButton.disabled = true;
      section.dataset.runs = String(Number(section.dataset.runs ?? 0) + 1);   // lets a test wait for this run's end
    }
  };
  $<HTMLFormElement>(`${kind}-form`).addEventListener('submit', (event) => {
    event.preventDefault();
    void start();
  });
  cancelButton.addEventListener('click', () => runner.cancel());
  return start;
}

// ---------------------------------------------------------------------------------------------------
// Form helpers

function fillSelect(select: HTMLSelectElement, options: readonly (readonly [string, string])[], selected?: string): void {
  select.replaceChildren(...options.map(([value, label]) => {
    const o = el('option', label, { value });
    if (value === selected) o.selected = true;
    return o;
  }));
}

function paramInputs(container: HTMLElement, prefix: string, params: readonly ParamInfo[]): void {
  container.replaceChildren(...params.map((q) => {
    const label = el('label', `${q.label} `);
    label.append(el('input', '', { id: `${prefix}-${q.name}`, type: 'number', step: 'any', value: String(q.value) }));
    return label;
  }));
}

function checkboxes(container: HTMLElement, prefix: string, names: readonly string[], checked: readonly string[]): void {
  container.replaceChildren(...names.map((name) => {
    const label = el('label');
    const box = el('input', '', { type: 'checkbox', id: `${prefix}-${name}`, value: name });
    box.checked = checked.includes(name);
    label.append(box, ` ${name}`);
    return label;
  }));
}

const checkedValues = (container: HTMLElement): string[] =>
  [...container.querySelectorAll<HTMLInputElement>('input[type=checkbox]:checked')].map((b) => b.value);

function slider(container: HTMLElement, id: string, label: string, min: number, max: number, step: number, value: number): void {
  const input = el('input', '', { id, type: 'range', min: String(min), max: String(max), step: String(step), value: String(value) });
  const out = el('output', String(value), { for: id, id: `${id}-value` });
  input.addEventListener('input', () => { out.textContent = input.value; });
  // The label names the range input explicitly: an <output> inside it would otherwise be what it labels.
  const wrap = el('label', `${label}: `, { for: id });
  wrap.append(out, input);
  container.append(wrap);
}

// ---------------------------------------------------------------------------------------------------
// 1. Estimator lab

const labDist = $<HTMLSelectElement>('lab-distribution');
fillSelect(labDist, Object.entries(DISTRIBUTION_INFO).map(([k, v]) => [k, v.label]), 'normal');
const labParamsBox = $('lab-params');
const setLabParams = () => paramInputs(labParamsBox, 'lab-param', DISTRIBUTION_INFO[labDist.value as DistributionKey].params);
labDist.addEventListener('change', setLabParams);
setLabParams();
fillSelect($<HTMLSelectElement>('lab-cost'), Object.entries(COST_INFO), 'step');
checkboxes($('lab-estimators'), 'lab-est', LAB_ESTIMATORS, LAB_ESTIMATORS);

function readLabJob(): LabJob {
  const distribution = labDist.value as DistributionKey;
  const estimators = checkedValues($('lab-estimators')) as LabJob['estimators'];
  if (estimators.length === 0) throw new Error('choose at least one estimator');
  return {
    distribution,
    cost: $<HTMLSelectElement>('lab-cost').value,
    params: Object.fromEntries(DISTRIBUTION_INFO[distribution].params.map((q) => [q.name, num(`lab-param-${q.name}`)])),
    c: num('lab-c'),
    estimators,
    samples: num('lab-samples'),
    seed: num('lab-seed'),
    blockSize: num('lab-block'),
    keepSamples: num('lab-keep'),
  };
}

let labResult: LabResult | null = null;

async function drawLabPlots(): Promise<void> {
  const r = labResult;
  if (r === null || r.rows.every((row) => row.error !== undefined)) return;
  const k = Number($<HTMLSelectElement>('lab-component').value);
  const name = r.componentNames[k]!;
  await Promise.all([
    draw($('lab-plot-estimates'), labEstimatesSpec(r, k), `Gradient ∂/∂${name} by estimator`,
      'Each estimator\'s gradient estimate as a dot with an error bar of ± 2 standard errors.'),
    draw($('lab-plot-convergence'), labConvergenceSpec(r, k), `Convergence of ∂/∂${name}`,
      'Running estimate against the number of samples (log scale) with a band of ± 2 standard errors, one line per estimator.'),
    r.job.keepSamples > 0
      ? draw($('lab-plot-histograms'), labHistogramSpec(r, k), `Per-sample estimates of ∂/∂${name}`,
        'Histograms (densities) of the per-sample gradient values, one row per estimator.')
      : Promise.resolve(),
    draw($('lab-plot-work'), labWorkSpec(r, k), `Variance × time for ∂/∂${name}`,
      'Per-sample variance times seconds per sample, per estimator: the variance per unit of compute.'),
  ]);
}

async function showLab(r: LabResult): Promise<void> {
  labResult = r;
  $('lab-output').hidden = false;
  const body = $('lab-table').querySelector('tbody')!;
  body.replaceChildren();
  const diag = $('lab-diagnostics').querySelector('tbody')!;
  diag.replaceChildren();
  for (const row of r.rows) {
    if (row.error !== undefined) {
      const tr = el('tr', '', { 'data-estimator': row.estimator });
      tr.append(el('th', row.estimator, { scope: 'row' }), ...Array.from({ length: 7 }, () => el('td', '—')), el('td', row.error, { class: 'biased' }));
      body.append(tr);
      continue;
    }
    row.components.forEach((c, k) => {
      const exact = r.exact?.[k] ?? null;
      const z = exact !== null && c.stderr > 0 ? (c.mean - exact) / c.stderr : null;
      const tr = el('tr', '', { 'data-estimator': row.estimator, 'data-component': c.name });
      tr.append(
        el('th', k === 0 ? row.estimator : '', { scope: 'row' }),
        el('td', c.name),
        el('td', `${fmt(c.mean)} ± ${fmt(c.stderr)}`, { class: 'estimate', 'data-mean': String(c.mean), 'data-stderr': String(c.stderr) }),
        el('td', fmt(exact)),
        el('td', z === null ? '—' : formatNumber(z, 2)),
        el('td', fmt(c.variance), { 'data-variance': String(c.variance) }),
        el('td', `${fmt(row.secondsPerSample * 1e9)} ns`),
        el('td', fmt(c.workNormalizedVariance)),
        el('td', row.biased ? 'biased' : '', row.biased ? { class: 'biased' } : {}),
      );
      body.append(tr);
    });
    const tr = el('tr', '', { 'data-estimator': row.estimator, 'data-biased': String(row.biased) });
    tr.append(
      el('th', row.estimator, { scope: 'row' }),
      el('td', row.sites.map((s) => `${s.name}: ${s.distribution} by ${s.estimator} (${s.reason})`).join('; ')),
      el('td', row.events.length === 0 ? 'none' : row.events.map((e) => `${e.op} ← ${e.sources.join(', ')}${e.biasing ? ' (biasing)' : ''}`).join('; ')),
      el('td', row.biased ? 'yes' : 'no', row.biased ? { class: 'biased' } : {}),
      el('td', row.warnings.join('; ')),
    );
    diag.append(tr);
  }
  const comp = $<HTMLSelectElement>('lab-component');
  fillSelect(comp, r.componentNames.map((n, k) => [String(k), n]), '0');
  await drawLabPlots();
}
$<HTMLSelectElement>('lab-component').addEventListener('change', () => void drawLabPlots());
const runLab = panel<LabResult>('lab', readLabJob, showLab);

// ---------------------------------------------------------------------------------------------------
// 2. Greeks explorer

fillSelect($<HTMLSelectElement>('greeks-payoff'), PAYOFFS.map((p) => [p, p]), 'digital-call');
const market = $('greeks-sliders');
slider(market, 'greeks-spot', 'Spot S₀', 50, 150, 1, 100);
slider(market, 'greeks-strike', 'Strike K', 50, 150, 1, 100);
slider(market, 'greeks-barrier', 'Barrier H (barrier payoff)', 50, 200, 1, 120);
slider(market, 'greeks-vol', 'Volatility σ (Heston: √v₀)', 0.05, 0.8, 0.01, 0.2);
slider(market, 'greeks-rate', 'Rate r', 0, 0.15, 0.005, 0.05);
slider(market, 'greeks-maturity', 'Maturity T (years)', 0.1, 3, 0.05, 1);
slider(market, 'greeks-dividend', 'Dividend yield q', 0, 0.1, 0.005, 0);
const heston = $('greeks-heston');
slider(heston, 'greeks-kappa', 'κ (mean reversion)', 0.1, 5, 0.1, 2);
slider(heston, 'greeks-theta', 'θ (long-run variance)', 0.01, 0.2, 0.005, 0.04);
slider(heston, 'greeks-xi', 'ξ (vol of variance)', 0.05, 1, 0.05, 0.3);
slider(heston, 'greeks-rho', 'ρ (correlation)', -0.95, 0.95, 0.05, -0.7);
checkboxes($('greeks-greeks'), 'greeks-greek', GREEKS, ['delta', 'gamma', 'vega']);
checkboxes($('greeks-methods'), 'greeks-method', GREEK_METHODS, ['pathwise', 'lr', 'mixed', 'fd', 'auto']);
const syncGreeksForm = () => {
  heston.hidden = $<HTMLSelectElement>('greeks-model').value !== 'heston';
  $('greeks-barrier-fields').hidden = $<HTMLSelectElement>('greeks-payoff').value !== 'barrier';
};
$('greeks-model').addEventListener('change', syncGreeksForm);
$('greeks-payoff').addEventListener('change', syncGreeksForm);
syncGreeksForm();

function readGreeksJob(): GreeksJob {
  const kind = $<HTMLSelectElement>('greeks-payoff').value as GreeksJob['payoff']['kind'];
  const greeks = checkedValues($('greeks-greeks')) as GreeksJob['greeks'];
  const methods = checkedValues($('greeks-methods')) as GreeksJob['methods'];
  if (greeks.length === 0 || methods.length === 0) throw new Error('choose at least one Greek and one method');
  const model: GreeksJob['model'] = $<HTMLSelectElement>('greeks-model').value === 'heston'
    ? { kind: 'heston', kappa: num('greeks-kappa'), theta: num('greeks-theta'), xi: num('greeks-xi'), rho: num('greeks-rho') }
    : { kind: 'bs' };
  const payoff: GreeksJob['payoff'] = kind === 'barrier'
    ? { kind, strike: num('greeks-strike'), barrier: num('greeks-barrier'), barrierType: $<HTMLSelectElement>('greeks-barrier-type').value as 'up-out' }
    : { kind, strike: num('greeks-strike') };
  return {
    model, payoff,
    market: { spot: num('greeks-spot'), vol: num('greeks-vol'), rate: num('greeks-rate'), maturity: num('greeks-maturity'), dividend: num('greeks-dividend') },
    greeks, methods, paths: num('greeks-paths'), seed: num('greeks-seed'),
    ...(model.kind === 'heston' || kind === 'barrier' ? { steps: num('greeks-steps') } : {}),
  };
}

async function showGreeks(r: GreeksSummary): Promise<void> {
  $('greeks-output').hidden = false;
  $('greeks-price').textContent = `Price: ${fmt(r.price.mean)} ± ${fmt(r.price.stderr)} (${r.price.n} paths, ${r.setup.steps} step${r.setup.steps === 1 ? '' : 's'})`
    + (r.closedPrice !== null ? `; closed form ${fmt(r.closedPrice)}` : '; no closed form for this model and payoff');
  const body = $('greeks-table').querySelector('tbody')!;
  body.replaceChildren(...r.rows.map((row) => {
    const tr = el('tr', '', { 'data-greek': row.greek, 'data-method': row.method });
    const z = row.mean !== null && row.stderr !== null && row.stderr > 0 && row.closedForm !== null ? (row.mean - row.closedForm) / row.stderr : null;
    const note = [row.chosen !== undefined ? `chose ${row.chosen}` : '', row.reason ?? ''].filter((s) => s !== '').join(': ');
    tr.append(
      el('th', row.greek, { scope: 'row' }), el('td', row.method),
      el('td', row.mean === null ? 'n/a' : `${fmt(row.mean)} ± ${fmt(row.stderr)}`, { class: 'estimate', 'data-mean': String(row.mean), 'data-stderr': String(row.stderr) }),
      el('td', fmt(row.closedForm), { 'data-closed-form': String(row.closedForm) }),
      el('td', z === null ? '—' : formatNumber(z, 2)),
      el('td', note, row.biased ? { class: 'biased' } : {}),
    );
    return tr;
  }));
  $('greeks-discontinuities').textContent = r.discontinuities.length === 0
    ? 'Discontinuities: none (the payoff is continuous in the inputs).'
    : `Discontinuities: ${r.discontinuities.map((d) => `${d.op} ← ${d.sources.join(', ')}`).join('; ')} (pathwise is biased through them).`;
  const plots = $('greeks-plots');
  const greeks = [...new Set(r.rows.filter((row) => row.mean !== null).map((row) => row.greek))];
  plots.replaceChildren(...greeks.map((g) => el('figure', '', { id: `greeks-plot-${g}`, class: 'plot' })));
  await Promise.all(greeks.map((g) => draw($(`greeks-plot-${g}`), greekSpec(r, g), `${g} by method`,
    `Monte Carlo ${g} by each method with ± 2 standard errors; the rule is the closed form where there is one.`)));
}
panel<GreeksSummary>('greeks', readGreeksJob, showGreeks);

// ---------------------------------------------------------------------------------------------------
// 3. SDE paths and tangent paths

const sdeModel = $<HTMLSelectElement>('sde-model');
fillSelect(sdeModel, Object.entries(SDE_INFO).map(([k, v]) => [k, v.label]), 'gbm');
const setSdeParams = () => {
  const params = SDE_INFO[sdeModel.value as SdeKey].params;
  paramInputs($('sde-params'), 'sde-param', params);
  fillSelect($<HTMLSelectElement>('sde-wrt'), params.map((q) => [q.name, q.label]), params[params.length - 1]!.name);
};
sdeModel.addEventListener('change', setSdeParams);
setSdeParams();

function readSdeJob(): SdeJob {
  const model = sdeModel.value as SdeKey;
  return {
    model,
    params: Object.fromEntries(SDE_INFO[model].params.map((q) => [q.name, num(`sde-param-${q.name}`)])),
    wrt: $<HTMLSelectElement>('sde-wrt').value,
    method: $<HTMLSelectElement>('sde-method').value as SdeJob['method'],
    t1: num('sde-t1'), steps: num('sde-steps'), paths: num('sde-paths'), seed: num('sde-seed'),
  };
}

async function showSde(r: SdeSummary): Promise<void> {
  $('sde-output').hidden = false;
  const last = r.meanTangent[r.meanTangent.length - 1]!;
  const exact = r.exactMeanTangent?.[r.exactMeanTangent.length - 1];
  $('sde-summary').textContent = `At t = ${fmt(r.times[r.times.length - 1])}: mean of ∂X/∂${r.job.wrt} over ${r.paths.length} paths = `
    + `${fmt(last.mean)} ± ${fmt(last.stderr)}` + (exact !== undefined ? `; exact ∂E[X_t]/∂${r.job.wrt} = ${fmt(exact)}` : '');
  $('sde-summary').dataset.mean = String(last.mean);
  await Promise.all([
    draw($('sde-plot-paths'), sdePathsSpec(r), 'Paths of the SDE', `Sample paths X_t against time t, ${r.paths.length} paths.`),
    draw($('sde-plot-tangents'), sdeTangentSpec(r), `Tangent paths ∂X_t/∂${r.job.wrt}`,
      'Each path\'s derivative with respect to the parameter against time, their mean with ± 2 standard errors, and the exact derivative of the mean where known.'),
  ]);
}
panel<SdeSummary>('sde', readSdeJob, showSde);

// The estimator lab runs once on load with its defaults, so that the page shows a result straight away.
void runLab();
