// ESLint (flat config): the recommended rules of ESLint and typescript-eslint, without type
// information (fast enough for every `npm test`); Prettier owns the layout.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

export default tseslint.config(
  {
    ignores: ['node_modules/**', 'dist/**', 'out/**', '.test-work/**', 'test/fixtures/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
    },
    rules: {
      // Control characters in patterns are deliberate here: the CLI shields terminal escapes and
      // control characters, and its tests look for them.
      'no-control-regex': 'off',
      // A leading underscore marks a parameter or a destructured part that is left out on purpose.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' },
      ],
    },
  },
);
