/**
 * Rebuilds a sensitivity run in a worker thread or a cluster worker: the options come from a module export
 * (`from`), with the plain options of the submitted run laid over them, then the same pilot and blocks.
 */
import '../ad/methods.js';   // user programs call the Tensor methods (x.mul, …)
import { PathwiseTypeError, show } from '../errors.js';
import type { BlockRunnerFactory } from '../montecarlo/block.js';
import { unpackTree } from '../portable-json.js';
import { prepareSensitivity, type SensitivitySource } from './sensitivity.js';
import type { SdeParams, SensitivityOptions } from './types.js';

export const sensitivityBlocks: BlockRunnerFactory = async (raw: unknown) => {
  const a = unpackTree(raw) as { from: SensitivitySource; overrides: Partial<SensitivityOptions<SdeParams>> };
  const mod = (await import(a.from.module)) as Record<string, unknown>;
  const make = mod[a.from.export];
  if (typeof make !== 'function') throw new PathwiseTypeError(`portable run: ${a.from.module} has no function export ${show(a.from.export)}`);
  const base = (await (make as (args: unknown) => unknown)(a.from.args)) as SensitivityOptions<SdeParams>;
  const prep = prepareSensitivity({ ...base, ...a.overrides } as SensitivityOptions<SdeParams>);
  return { blocks: prep.job.blocks, compute: prep.job.compute };
};
