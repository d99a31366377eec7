/**
 * Issue [1/7] benchmark: an elementwise chain of 10 ops on 1e6-element tensors.
 * - forward time against the same chain in NumPy (vectorized, single-threaded), in the same run;
 * - valueAndGrad time against the forward pass alone;
 * - the same with the chain fused (`fuse(chain)`: one pass over cache-sized tiles, same bits).
 * - the forward pass with the transcendental functions on the generated JavaScript loops instead of the
 *   WebAssembly SIMD kernels, and each op of the chain alone against the same NumPy op (what bounds it).
 * Goals: forward ≤ 1.5× NumPy; reverse (valueAndGrad) ≤ 3× forward. Run: npx tsx bench/elementwise.ts
 */
import * as pw from '../src/index.js';
import type { Tensor } from '../src/index.js';
import { setTranscendentalWasmEnabled } from '../src/ad/kernels/transcendental.js';
import { PY_TIMER, row, runPython, timeMedian } from './lib/harness.js';

const N = 1_000_000;
const RUNS = 9;

// tanh(sqrt(log(exp(sin(1.5x + 0.3)·x) + 1))) − 0.1: mul, add, sin, mul, exp, add, log, sqrt, tanh, sub.
const chain = (x: Tensor) =>
  pw.sub(pw.tanh(pw.sqrt(pw.log(pw.add(pw.exp(pw.mul(pw.sin(pw.add(pw.mul(x, 1.5), 0.3)), x)), 1)))), 0.1);

const xData = new Float64Array(N);
for (let i = 0; i < N; i++) xData[i] = -1 + (2 * i) / N;
const x = pw.tensor(xData);

// Each call runs in a tidy scope, as the Monte Carlo batch loop does: temporaries are recycled.
const tForward = timeMedian(() => pw.tidy(() => chain(x).data), RUNS);
const tForwardFresh = timeMedian(() => chain(x).data, RUNS);
const vg = pw.valueAndGrad((v: Tensor) => pw.sum(chain(v)));
const tForwardSum = timeMedian(() => pw.tidy(() => pw.sum(chain(x)).item()), RUNS);
const tGrad = timeMedian(() => pw.tidy(() => vg(x)[1].data), RUNS);
const tJvp = timeMedian(() => pw.tidy(() => pw.jvp(chain, x, pw.ones([N]))[1].data), RUNS);
const fused = pw.fuse(chain);
const tFused = timeMedian(() => pw.tidy(() => fused(x).data), RUNS);
const vgFused = pw.valueAndGrad((v: Tensor) => pw.sum(fused(v)));
const tFusedSum = timeMedian(() => pw.tidy(() => pw.sum(fused(x)).item()), RUNS);
const tGradFused = timeMedian(() => pw.tidy(() => vgFused(x)[1].data), RUNS);
const tJvpFused = timeMedian(() => pw.tidy(() => pw.jvp(fused, x, pw.ones([N]))[1].data), RUNS);
setTranscendentalWasmEnabled(false);
const tForwardJs = timeMedian(() => pw.tidy(() => chain(x).data), RUNS);
setTranscendentalWasmEnabled(true);

// Each op of the chain alone, on inputs in its domain (ns per element).
const pos = pw.tensor(xData.map((v) => 1.5 + v));
const OPS: [string, () => Tensor, string][] = [
  ['mul (x·1.5)', () => pw.mul(x, 1.5), 'x * 1.5'],
  ['add (x + 0.3)', () => pw.add(x, 0.3), 'x + 0.3'],
  ['mul (x·y)', () => pw.mul(x, pos), 'x * p'],
  ['sin', () => pw.sin(x), 'np.sin(x)'],
  ['exp', () => pw.exp(x), 'np.exp(x)'],
  ['log', () => pw.log(pos), 'np.log(p)'],
  ['sqrt', () => pw.sqrt(pos), 'np.sqrt(p)'],
  ['tanh', () => pw.tanh(x), 'np.tanh(x)'],
];
// The result goes back to the pool (a tidy scope returning a number), as in the chain: no page faults.
const tOps = OPS.map(([, f]) => (timeMedian(() => pw.tidy(() => f().data[N >> 1]!), RUNS) / N) * 1e9);
// The same op fused (a graph of one op over tiles): its cost with the operands in cache, the floor of a chain.
const tOpsFused = OPS.map(([, f]) => {
  const g = pw.fuse(f);
  return (timeMedian(() => pw.tidy(() => g().data[N >> 1]!), RUNS) / N) * 1e9;
});

const np = runPython(`${PY_TIMER}
import numpy as np
x = np.linspace(-1, 1, ${N}, endpoint=False)
def chain():
    return np.tanh(np.sqrt(np.log(np.exp(np.sin(x * 1.5 + 0.3) * x) + 1))) - 0.1
p = 1.5 + x
ops = {}
for i, e in enumerate(${JSON.stringify(OPS.map((o) => o[2]))}):
    f = eval('lambda: ' + e, {'np': np, 'x': x, 'p': p})
    ops['op' + str(i)] = median_time(f, ${RUNS}) / ${N} * 1e9
print(json.dumps({"forward": median_time(chain, ${RUNS}), **ops}))
`, ['numpy']);

console.log(`elementwise chain of 10 ops, n = ${N.toExponential(0)}, median of ${RUNS} runs (seconds)`);
row('', 'pathwise', 'NumPy', 'ratio');
row('forward', tForward, np?.forward ?? 'n/a', np ? tForward / np.forward : 'n/a');
row('forward, no tidy scope', tForwardFresh, np?.forward ?? 'n/a', np ? tForwardFresh / np.forward : 'n/a');
row('forward, JavaScript fallback kernels', tForwardJs, np?.forward ?? 'n/a', np ? tForwardJs / np.forward : 'n/a');
row('valueAndGrad (fwd + reverse)', tGrad, '', tGrad / tForwardSum);
row('jvp (forward mode)', tJvp, '', tJvp / tForward);
row('fused forward', tFused, np?.forward ?? 'n/a', np ? tFused / np.forward : 'n/a');
row('fused valueAndGrad (vs fused fwd)', tGradFused, '', tGradFused / tFusedSum);
row('fused jvp (vs fused forward)', tJvpFused, '', tJvpFused / tFused);
console.log(`  goals: forward/NumPy ≤ 1.5, valueAndGrad/forward ≤ 3`);
console.log(`\neach op of the chain alone, n = ${N.toExponential(0)} (ns per element)`);
row('', 'pathwise', 'NumPy', 'ratio', 'fused (tiles)');
OPS.forEach(([label], i) => {
  const t = np?.[`op${i}`];
  row(label, tOps[i]!, t ?? 'n/a', t ? tOps[i]! / t : 'n/a', tOpsFused[i]!);
});
console.log(`  sum of the ops: pathwise ${tOps.reduce((a, b) => a + b, 0).toFixed(2)} ns per element, ` +
  `fused one by one ${tOpsFused.reduce((a, b) => a + b, 0).toFixed(2)}` +
  (np ? `, NumPy ${OPS.reduce((a, _o, i) => a + np[`op${i}`]!, 0).toFixed(2)}` : ''));
console.log('  (shared machine: absolute times are noisy; ratios within one run are the result)');
