import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['.output/**', '.wxt/**', 'node_modules/**', 'bench-results/**', 'test-results/**', '.tmp/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-properties': [
        'error',
        { property: 'innerHTML', message: 'Glossary and note text never goes through innerHTML.' },
        { property: 'outerHTML', message: 'Glossary and note text never goes through outerHTML.' },
      ],
    },
  },
  {
    files: ['test/e2e/**', 'harness/**', 'scripts/**'],
    rules: { 'no-restricted-properties': 'off' },
  },
);
