/** The package version, printed in reports and by --version. Kept in step with package.json (a test checks). */
export const VERSION = '0.1.0';
