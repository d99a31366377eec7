/**
 * pathwise/ml, Node-only part: reading the shipped digits and MNIST IDX files from disk.
 * @module pathwise/ml-node
 */
export { loadDigits, DIGITS_PATH } from './data/digits-node.js';
export { loadIdx, loadMnist } from './data/idx-node.js';
