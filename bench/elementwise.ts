/**
 * Issue [1/7] benchmark: an elementwise chain of 10 ops on 1e6-element tensors.
 * - forward time against the same chain in NumPy (vectorized, single-threaded), in the same run;
 * - valueAndGrad time against the forward pass alone.
 * Goals: forward ≤ 1.5× NumPy; reverse (valueAndGrad) ≤ 3× forward. Run: npx tsx bench/elementwise.ts
 */
import * as pw from '../src/index.js';
import type { Tensor } from '../src/index.js';
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

const np = runPython(`${PY_TIMER}
import numpy as np
x = np.linspace(-1, 1, ${N}, endpoint=False)
def chain():
    return np.tanh(np.sqrt(np.log(np.exp(np.sin(x * 1.5 + 0.3) * x) + 1))) - 0.1
print(json.dumps({"forward": median_time(chain, ${RUNS})}))
`, ['numpy']);

console.log(`elementwise chain of 10 ops, n = ${N.toExponential(0)}, median of ${RUNS} runs (seconds)`);
row('', 'pathwise', 'NumPy', 'ratio');
row('forward', tForward, np?.forward ?? 'n/a', np ? tForward / np.forward : 'n/a');
row('forward, no tidy scope', tForwardFresh, np?.forward ?? 'n/a', np ? tForwardFresh / np.forward : 'n/a');
row('valueAndGrad (fwd + reverse)', tGrad, '', tGrad / tForwardSum);
row('jvp (forward mode)', tJvp, '', tJvp / tForward);
console.log(`  goals: forward/NumPy ≤ 1.5, valueAndGrad/forward ≤ 3`);
