/**
 * Choosing an estimator per site. A pilot run (a small batch, every reparameterizable site sampled
 * pathwise, parameters marked as sources) records which discontinuous ops consume which sampled values.
 * `auto` then keeps a site pathwise only when it is reparameterizable and no discontinuous op consumed
 * its samples; otherwise it uses the score function with the leave-one-out baseline, which stays
 * unbiased. The report says, for every site, which estimator was used and why, and which events bias
 * what.
 */
import { PathwiseError } from '../errors.js';
import { Tensor } from '../tensor/tensor.js';
import { markSource } from '../ad/tracking.js';
import type { traceDiscontinuities } from '../ad/tracking.js';
import { autoEstimator, runPilot } from '../montecarlo/pilot.js';
import type { Distribution } from '../distributions/distribution.js';
import type { Key } from '../random/key.js';
import { PARAM_SOURCE as PARAM_PREFIX, SampleContext, type SiteMode, type SiteOptions } from './context.js';
import type { FlatParams } from './params.js';
import type { EstimatorName, EventReport, SiteReport } from './types.js';

type Concrete = Exclude<EstimatorName, 'auto' | 'fd'>;

export interface Plan {
  readonly modeOf: (name: string) => SiteMode;
  /** Control variates the program registers. */
  readonly controls: number;
  /** Discrete sites under finite differences (a run that sees no flip reports a degenerate 0 ± 0). */
  readonly discreteFd: readonly string[];
  /** Parameter paths that feed a discrete site under finite differences (their differences need flips). */
  readonly discreteFdPaths: readonly string[];
  readonly sites: SiteReport[];
  readonly events: EventReport[];
  readonly warnings: string[];
  readonly biased: boolean;
}

type Program = (p: unknown, s: SampleContext) => unknown;

interface PilotSite { dist: Distribution; requested: SiteOptions['estimator'] }

/** Runs the program once on a small batch to find its sites and the discontinuities they flow into. */
function pilot(program: Program, fp: FlatParams, root: Key, rows: number, data?: Tensor): { sites: Map<string, PilotSite>; events: ReturnType<typeof traceDiscontinuities>[1]; controls: number } {
  const sites = new Map<string, PilotSite>();
  const marked = fp.leaves.map((t, i) => markSource(new Tensor(t.data, t.shape), PARAM_PREFIX + fp.paths[i]));
  const ctx = new SampleContext({
    root, rows, rowOffset: 0, data,
    modeOf: (name, dist, requested) => {
      sites.set(name, { dist, requested });
      return dist.hasRsample && requested !== 'score' && requested !== 'mvd' ? 'pathwise' : 'value';
    },
  });
  const { events } = runPilot(() => program(fp.rebuild(marked), ctx));
  return { sites, events, controls: ctx.controlVariates.length };
}

/** True when the support has a bound given by a parameter that depends on the user's parameters. */
function supportMoves(dist: Distribution): boolean {
  const s = dist.support;
  const paramBound = (s.kind === 'interval' && (s.low === 'param' || s.high === 'param'));
  return paramBound && dist.parameters().some((p) => [...(p.sources ?? [])].some((src) => src.startsWith(PARAM_PREFIX)));
}

export function makePlan(program: Program, fp: FlatParams, root: Key, rows: number, estimator: EstimatorName, data?: Tensor): Plan {
  const { sites, events, controls } = pilot(program, fp, root, rows, data);
  const discontinuous = new Map<string, Set<string>>();
  for (const e of events) for (const s of e.sources) {
    if (!discontinuous.has(s)) discontinuous.set(s, new Set());
    discontinuous.get(s)!.add(e.op);
  }
  const chosen = new Map<string, Concrete>();
  const movingSupport = new Set<string>();
  const discreteFd = new Set<string>();
  const discreteFdPaths = new Set<string>();
  const reports: SiteReport[] = [];
  for (const [name, { dist, requested }] of sites) {
    const want = requested ?? estimator;
    const ops = discontinuous.get(name);
    let est: Concrete;
    let reason: string;
    if (want === 'fd') {
      est = 'pathwise';
      reason = 'finite differences of the whole objective with common random numbers';
      if (!dist.hasRsample) {
        // A discrete sample flips between θ ± h with probability O(h): unbiased up to O(h²), variance O(1/h).
        reason += `; high variance: ${dist.name}'s samples are piecewise constant in the parameters, so a difference sees a jump only with probability O(h) (prefer 'score' or 'mvd')`;
        discreteFd.add(name);
        for (const p of dist.parameters()) for (const src of p.sources ?? []) if (src.startsWith(PARAM_PREFIX)) discreteFdPaths.add(src.slice(PARAM_PREFIX.length));
      }
    } else if (want === 'auto') {
      if (!dist.hasRsample) {
        est = 'score';
        reason = `${dist.name} has no reparameterized sampler: score function with the leave-one-out baseline`;
      } else {
        const c = autoEstimator<Concrete>([...(ops ?? [])], [{ name: 'score', applies: true, why: 'score function with the leave-one-out baseline' }]);
        est = c.name;
        reason = ops === undefined ? 'reparameterizable, and no discontinuous op consumes its samples' : c.reason;
      }
    } else {
      if (want === 'pathwise' && !dist.hasRsample) {
        throw new PathwiseError(`site '${name}': ${dist.name} has no reparameterized sampler, so 'pathwise' cannot be used; use 'score', 'mvd' or 'auto'`);
      }
      est = want;
      reason = requested !== undefined ? 'requested for this site' : 'requested for the run';
      if (want === 'pathwise' && ops !== undefined) reason += `; biased: its samples flow into discontinuous op(s) ${[...ops].join(', ')}`;
    }
    if (est === 'pathwise' && dist.biased) reason += `; biased by design: ${dist.name}'s reparameterized gradient is not that of its samples`;
    if (est === 'score' && supportMoves(dist)) {
      reason += `; biased: ${dist.name}'s support depends on the parameters, and the score function does not see its moving boundary (use 'fd')`;
      movingSupport.add(name);
    }
    chosen.set(name, est);
    reports.push({ name, distribution: dist.name, estimator: est, reason });
  }
  const warnings: string[] = [];
  const eventReports: EventReport[] = events.map((e) => {
    const siteSources = e.sources.filter((s) => !s.startsWith(PARAM_PREFIX));
    const params = e.sources.filter((s) => s.startsWith(PARAM_PREFIX)).map((s) => s.slice(PARAM_PREFIX.length));
    const pathwiseSite = estimator !== 'fd' && siteSources.some((s) => chosen.get(s) === 'pathwise');
    const paramBias = estimator !== 'fd' && params.length > 0 && siteSources.length > 0;
    if (paramBias) {
      warnings.push(`parameter(s) ${params.join(', ')} enter discontinuous op '${e.op}' together with sampled values (${siteSources.join(', ')}): no sample-site estimator sees the jump, so their gradient is biased; let them enter through a distribution's parameters, or use 'fd'`);
    }
    return { op: e.op, sources: e.sources, count: e.count, biasing: pathwiseSite || paramBias };
  });
  const biased = eventReports.some((e) => e.biasing) || movingSupport.size > 0 ||
    reports.some((r) => r.estimator === 'pathwise' && sites.get(r.name)!.dist.biased);
  const modeOf = (name: string): SiteMode => {
    const m = chosen.get(name);
    if (m === undefined) throw new PathwiseError(`site '${name}' was not seen in the pilot run: the program must sample the same sites on every run`);
    return m;
  };
  return { modeOf, controls, sites: reports, events: eventReports, warnings, biased, discreteFd: [...discreteFd], discreteFdPaths: [...discreteFdPaths] };
}

/**
 * Plans are cached per program, keyed by the estimator and the parameters' structure and shapes: an
 * optimization loop that calls `grad` thousands of times runs the pilot once. The pilot's findings (which
 * sites exist, which discontinuous ops consume what) depend on the program's structure, not on the values.
 */
const planCache = new WeakMap<Program, Map<string, Plan>>();

export function cachedPlan(program: Program, fp: FlatParams, root: Key, rows: number, estimator: EstimatorName, data?: Tensor): { plan: Plan; cached: boolean } {
  const id = `${estimator}|${fp.paths.map((p, i) => `${p}:${fp.leaves[i]!.shape.join('x')}:${fp.scalarLeaf[i] ? 's' : 't'}`).join(',')}`;
  let byProgram = planCache.get(program);
  if (byProgram === undefined) planCache.set(program, (byProgram = new Map()));
  const hit = byProgram.get(id);
  if (hit !== undefined) return { plan: hit, cached: true };
  const plan = makePlan(program, fp, root, rows, estimator, data);
  byProgram.set(id, plan);
  return { plan, cached: false };
}
