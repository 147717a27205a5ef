// @ts-check
import js from '@eslint/js';
import astro from 'eslint-plugin-astro';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['dist/', '.dist.*/', '.astro/', '.tmp/', 'node_modules/', 'coverage/', 'bench-*/'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  ...tseslint.configs.stylisticTypeChecked,
  ...astro.configs.recommended,
  {
    languageOptions: {
      globals: { ...globals.node },
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // Template literals with numbers are everywhere in messages and URLs.
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
    },
  },
  {
    // In .astro files the type-aware rules see JSX and Astro.props as
    // unresolved types and flag every line; `astro check` type-checks them.
    files: ['**/*.astro'],
    // astro-eslint-parser has no project service; it reads tsconfig.json.
    languageOptions: { parserOptions: { projectService: false, project: true } },
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    // Plain JavaScript (configs, scripts) is not type-checked.
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // The pure core: no Astro runtime, no environment, no clock. `now` and the
    // timezone are arguments (STYLE.md), which is what makes it testable.
    files: ['src/lib/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['astro:*'], message: 'src/lib is pure: pass data in from src/data/load.ts.' }] },
      ],
      'no-restricted-syntax': [
        'error',
        {
          selector: "MetaProperty[meta.name='import'][property.name='meta']",
          message: 'src/lib is pure: no import.meta (env); take values as arguments.',
        },
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'src/lib is pure: no Date.now(); take `now` as an argument.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'src/lib is pure: no new Date() without arguments; take `now` as an argument.',
        },
        {
          selector: "MemberExpression[object.name='process'][property.name='env']",
          message: 'src/lib is pure: no process.env; read it in src/data/env.ts.',
        },
      ],
    },
  },
);
