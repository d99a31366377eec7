/** The package version lives in src/version.ts (the library and src/parallel need it too). */
export { VERSION } from '../version.js';
