// ESLint (flat config). Kept under test/ so the project's top level stays small; run with
// `eslint --config test/eslint.config.mjs .` from the project root.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

const knexOnlyHere = ['**/*.queries.ts', 'src/platform/db/**', 'migrations/**', 'test/helpers/**', 'test/db/**'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'public/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'error',
      'no-console': 'off',
      // Only queries, platform/db and migrations talk to the database.
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'knex', message: 'Only *.queries.ts, platform/db and migrations may import knex.' }] },
      ],
    },
  },
  { files: knexOnlyHere, rules: { 'no-restricted-imports': 'off' } },
  {
    files: ['**/*.mjs', '**/*.cjs'],
    languageOptions: { globals: { ...globals.node } },
  },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' }, rules: { '@typescript-eslint/no-require-imports': 'off' } },
);
