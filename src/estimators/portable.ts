/**
 * Rebuilds an `expectation` gradient run from its portable arguments (see portable-args.ts), in a worker
 * thread or a cluster worker: imports the module where the objective is defined, finds it, and prepares the
 * same run — the same pilot on the same key, the same blocks — so every block is the same bits as on the
 * submitting thread.
 */
import '../ad/methods.js';   // user programs call the Tensor methods (x.mul, …)
import { PathwiseTypeError, show } from '../errors.js';
import type { BlockRunnerFactory } from '../montecarlo/block.js';
import { unpackTree } from '../portable-json.js';
import { prepareGradient, programOf } from './expectation.js';
import type { GradOptions, Params } from './types.js';

interface Args {
  readonly module: string;
  readonly export: string;
  readonly params: unknown;
  readonly options: GradOptions;
  readonly ema: number | null;
}

export const expectationBlocks: BlockRunnerFactory = async (raw: unknown) => {
  const a = unpackTree(raw) as Args;
  const mod = (await import(a.module)) as Record<string, unknown>;
  const exported = mod[a.export];
  // `compare FILE` modules export { objective, params } as their default.
  const program = programOf(exported) ?? programOf((exported as { objective?: unknown } | undefined)?.objective);
  if (program === undefined) throw new PathwiseTypeError(`portable run: ${a.module} has no expectation objective named ${show(a.export)}`);
  const prep = prepareGradient(program, a.params as Params, a.options, { ema: a.ema });
  return { blocks: prep.job.blocks, compute: prep.job.compute };
};
