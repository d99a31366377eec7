import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', 'dist.partial/', 'dist.old/', 'packages/*/dist/', 'packages/*/dist.partial/', 'packages/*/dist.old/', 'packages/pathwise/data/', 'playground/dist/', 'node_modules/', 'pathwise-report/', 'coverage/', 'bench/out/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      'no-constant-condition': ['error', { checkLoops: false }],
    },
  },
  {
    // "The same bits on any machine": ECMAScript leaves Math's transcendental functions (and **) to the
    // engine, and Node 20 and Chromium 156 differ on 2–8 % of inputs of each (scripts/compare-engine-math.ts).
    // The library computes them with its own code, src/ad/kernels/scalar-math.ts (import * as dmath).
    // Exceptions: the generated kernels (which implement them; eslint-disable there) and scalar-math.ts.
    files: ['src/**/*.ts', 'playground/src/**/*.ts'],
    ignores: ['src/ad/kernels/scalar-math.ts'],
    rules: {
      'no-restricted-properties': ['error',
        ...['exp', 'expm1', 'log', 'log1p', 'log2', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2',
          'sinh', 'cosh', 'tanh', 'asinh', 'acosh', 'atanh', 'cbrt', 'pow', 'hypot'].map((property) => ({
          object: 'Math', property,
          message: `Math.${property} differs between engines: use dmath.${property} from src/ad/kernels/scalar-math.ts (or an elementwise kernel).`,
        }))],
      'no-restricted-syntax': ['error',
        {
          // 2 ** k is exact in every engine; any other ** is Math.pow.
          selector: "BinaryExpression[operator='**']:not([left.type='Literal'][left.value=2])",
          message: 'x ** y is Math.pow, which differs between engines: use dmath.pow from src/ad/kernels/scalar-math.ts.',
        },
        { selector: "AssignmentExpression[operator='**=']", message: 'x **= y is Math.pow, which differs between engines: use dmath.pow.' },
      ],
    },
  },
);
