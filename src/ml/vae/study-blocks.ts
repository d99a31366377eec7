/**
 * Rebuilds one run of the VAE gradient-variance study in a worker thread or a cluster worker, from its spec
 * (gradientVarianceAsync): the configuration, the packed weights, the data (shipped rows loaded here, or
 * inline), the key and sizes; then the same plan and blocks as on the submitting thread.
 */
import '../../ad/methods.js';
import { PathwiseRangeError, show } from '../../errors.js';
import { prepareGradient } from '../../estimators/expectation.js';
import type { BlockRunnerFactory } from '../../montecarlo/block.js';
import { keyFromWords } from '../../random/key.js';
import { loadPortableData } from '../portable-data-node.js';
import { unpackTree } from '../../portable-json.js';
import type { PortableData } from '../portable-data.js';
import { STUDY_RUNS, studyRun, type StudyRun } from './gradient-variance.js';
import type { VaeConfig, VaeParams } from './vae.js';

interface StudyArgs {
  readonly config: VaeConfig;
  readonly params: unknown;
  readonly data: PortableData;
  readonly run: StudyRun;
  readonly samples: number;
  readonly key: { readonly k0: number; readonly k1: number };
  readonly blockSize: number | null;
}

export const vaeStudyBlocks: BlockRunnerFactory = (raw: unknown) => {
  const a = raw as StudyArgs;
  const which = STUDY_RUNS.find((r) => r.part === a.run?.part && r.estimator === a.run.estimator);
  if (which === undefined) throw new PathwiseRangeError(`portable run: not a run of the VAE study: ${show(a.run)}`);
  const p = unpackTree(a.params) as VaeParams;
  const x = loadPortableData(a.data);
  const r = studyRun(p, x, a.config, which, {
    samples: a.samples, key: keyFromWords(a.key.k0, a.key.k1), ...(a.blockSize !== null ? { blockSize: a.blockSize } : {}),
  });
  const prep = prepareGradient(r.program, r.params, r.options);
  return { blocks: prep.job.blocks, compute: prep.job.compute };
};
