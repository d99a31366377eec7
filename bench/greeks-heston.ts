/**
 * Heston price with Greeks, 1e5 paths × 100 full-truncation Euler steps, one thread: `greeks()` (price,
 * pathwise delta and vega in one forward pass; and price with all five Greeks by auto) against QuantLib's
 * MCEuropeanHestonEngine with the same discretization (HestonProcess.FullTruncation), measured in the same
 * run. QuantLib's Monte Carlo engine returns a price only: its Greeks cost central bump-and-reprice runs
 * (delta and vega: 4 more pricings with the same seed), so its "price + delta + vega" time is 5 × one pricing.
 * Peak RSS of one run is printed too (the streaming path generation keeps it flat in steps).
 * Medians of a few runs; the machine is shared, timings are noisy.
 * Run: npx tsx bench/greeks-heston.ts
 */
import { greeks } from '../src/finance/greeks/greeks.js';
import { hestonPrice } from '../src/finance/closed-form/heston.js';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

const PATHS = 100_000;
const STEPS = 100;
const RUNS = 3;
const market = { spot: 100, vol: 0.2, rate: 0.03, maturity: 1, dividend: 0.01 };
const model = { kind: 'heston' as const, kappa: 2, theta: 0.04, xi: 0.3, rho: -0.7 };
const K = 100;

const options = { paths: PATHS, steps: STEPS, seed: 1 };
let last = greeks(model, { kind: 'call', strike: K }, market, { ...options, greeks: ['delta', 'vega'], methods: ['pathwise'] });
const tPathwise = timeMedian(() => (last = greeks(model, { kind: 'call', strike: K }, market, { ...options, greeks: ['delta', 'vega'], methods: ['pathwise'] })).price.mean, RUNS, 0);
const tAuto = timeMedian(() => greeks(model, { kind: 'call', strike: K }, market, { ...options, methods: ['auto'] }).price.mean, RUNS, 0);

const ql = runPython(`${PY_TIMER}
import QuantLib as ql
today = ql.Date(30, 11, 2026); ql.Settings.instance().evaluationDate = today
dc = ql.Actual365Fixed()
def curve(r): return ql.YieldTermStructureHandle(ql.FlatForward(today, r, dc))
def price():
    p = ql.HestonProcess(curve(${market.rate}), curve(${market.dividend}), ql.QuoteHandle(ql.SimpleQuote(${market.spot})), ${market.vol ** 2},
                         ${model.kappa}, ${model.theta}, ${model.xi}, ${model.rho}, ql.HestonProcess.FullTruncation)
    opt = ql.VanillaOption(ql.PlainVanillaPayoff(ql.Option.Call, ${K}), ql.EuropeanExercise(today + 365))
    opt.setPricingEngine(ql.MCEuropeanHestonEngine(p, "pseudorandom", timeSteps=${STEPS}, requiredSamples=${PATHS}, seed=42))
    return opt.NPV(), opt.errorEstimate()
v, e = price()
print(json.dumps({"t": median_time(price, 1, 0), "price": v, "stderr": e}))
`, ['QuantLib']);

const { kind: _k, ...hp } = model;
const exact = hestonPrice({ ...market, ...hp, strike: K, kind: 'call', v0: market.vol ** 2 });
console.log(`Heston call, ${PATHS} paths × ${STEPS} steps, median of ${RUNS} (seconds); peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
row('', 'seconds', 'vs ours (pw)');
row('greeks(): price + pathwise Δ, vega', tPathwise, 1);
row('greeks(): price + 5 Greeks (auto)', tAuto, tAuto / tPathwise);
row('QuantLib MC: price only', ql?.t ?? 'n/a', ql ? ql.t! / tPathwise : 'n/a');
row('QuantLib MC: price + Δ, vega (bumps)', ql ? 5 * ql.t! : 'n/a', ql ? (5 * ql.t!) / tPathwise : 'n/a');
console.log(`  price: ours ${last.price.mean.toFixed(4)} ± ${last.price.stderr.toFixed(4)}, QuantLib ${ql?.price?.toFixed(4) ?? 'n/a'} ± ${ql?.stderr?.toFixed(4) ?? 'n/a'}, semi-analytic ${exact.toFixed(4)}`);
console.log(`  delta ${last.greeks.delta!.pathwise!.mean.toFixed(4)} ± ${last.greeks.delta!.pathwise!.stderr.toFixed(4)}, vega ${last.greeks.vega!.pathwise!.mean.toFixed(3)} ± ${last.greeks.vega!.pathwise!.stderr.toFixed(3)}`);
