/**
 * Rebuilds a sensitivity run in a worker thread or a cluster worker: the options come from a module export
 * (`from`), with the plain options of the submitted run laid over them, then the same pilot and blocks.
 */
import '../ad/methods.js';   // user programs call the Tensor methods (x.mul, …)
import { PathwiseTypeError, show } from '../errors.js';
import type { BlockRunnerFactory } from '../montecarlo/block.js';
import { prepareSensitivity, type SensitivitySource } from './sensitivity.js';
import type { SdeParams, SensitivityOptions } from './types.js';

export const sensitivityBlocks: BlockRunnerFactory = async (raw: unknown) => {
  const a = raw as { from: SensitivitySource; overrides: Partial<SensitivityOptions<SdeParams>>; order?: readonly string[] };
  const mod = (await import(a.from.module)) as Record<string, unknown>;
  const make = mod[a.from.export];
  if (typeof make !== 'function') throw new PathwiseTypeError(`portable run: ${a.from.module} has no function export ${show(a.from.export)}`);
  const base = (await (make as (args: unknown) => unknown)(a.from.args)) as SensitivityOptions<SdeParams>;
  const merged = { ...base, ...a.overrides } as SensitivityOptions<SdeParams>;
  // The submitter's key order (the gradient's columns), whatever order the stored JSON gave the keys.
  const params = a.order === undefined ? merged.params : Object.fromEntries(a.order.map((k) => [k, merged.params[k]!]));
  const prep = prepareSensitivity({ ...merged, params });
  return { blocks: prep.job.blocks, compute: prep.job.compute };
};
