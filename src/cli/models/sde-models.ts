/** The built-in SDE problems now live in the library (`sde.models`); the CLI and the demo use them from there. */
export { GENE, geneExpression as geneProblem, geneSensitivity, GBM, gbm as gbmProblem, gbmSensitivity } from '../../sde/models.js';
export type { Gene, Gbm } from '../../sde/models.js';
