// Type-aware lint, the same locally and in CI: `npm run lint` (zero warnings).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**', '*.config.js', '*.config.mjs', '*.config.ts', 'scripts/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': [
        'error',
        { 'ts-expect-error': 'allow-with-description' },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    // Tests read JSON bodies field by field.
    files: ['**/*.test.ts', 'e2e/**/*.ts', 'bench/**/*.ts', 'server/src/testing/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // The wire protocol imports nothing from node, express, sequelize or our own server code.
    files: ['server/protocol/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: ['node:*', 'express', 'sequelize', 'socket.io', '../src/*', '../../db/*'] },
      ],
    },
  },
  {
    // Front ends import only the protocol from the server.
    files: ['kiosk/**/*.ts', 'display/**/*.ts', 'counter/**/*.ts', 'ui/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/src/**', '**/db/**'],
              message: 'front ends import only server/protocol',
            },
            {
              group: ['node:*', 'express', 'sequelize'],
              message: 'no server packages in the browser',
            },
          ],
        },
      ],
    },
  },
  {
    // db/ sits below the server: it may use the protocol, never server/src (test harness aside).
    files: ['db/**/*.ts'],
    ignores: ['db/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['**/server/src/**'], message: 'db/ must not import server/src' }] },
      ],
    },
  },
);
