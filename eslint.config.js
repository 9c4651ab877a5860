import { builtinModules } from 'node:module'
import js from '@eslint/js'
import { defineConfig, globalIgnores } from 'eslint/config'
import svelte from 'eslint-plugin-svelte'
import globals from 'globals'
import tseslint from 'typescript-eslint'
import svelteConfig from './svelte.config.js'

const root = import.meta.dirname

/** Bare and `node:` names of every Node builtin: none of them exist in a browser. */
const nodeBuiltins = builtinModules.filter((name) => !name.startsWith('_'))

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'bench/results/',
  ]),

  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  svelte.configs.recommended,

  {
    languageOptions: {
      parserOptions: {
        // Explicit projects rather than the project service: there is no single root tsconfig.json
        // covering both the Node side (NodeNext) and the renderer (bundler, DOM).
        project: ['./tsconfig.node.json', './tsconfig.e2e.json', './tsconfig.web.json'],
        tsconfigRootDir: root,
        extraFileExtensions: ['.svelte'],
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/consistent-type-imports': 'error',
    },
  },

  // Svelte components: TypeScript inside, parsed by the TS parser. Not in a TS program (tsc does not
  // read .svelte), so type-aware rules are off here; svelte-check type-checks components instead.
  {
    files: ['**/*.svelte'],
    languageOptions: {
      parserOptions: { parser: tseslint.parser, svelteConfig, project: null, program: null },
    },
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: tseslint.parser, svelteConfig } },
  },
  // Plain JS config files are in no tsconfig.
  { files: ['**/*.js', '**/*.cjs', '**/*.mjs'], extends: [tseslint.configs.disableTypeChecked] },

  // Globals by where the code runs.
  { files: ['src-renderer/**'], languageOptions: { globals: globals.browser } },
  {
    files: [
      'src-main/**',
      'src-preload/**',
      'server/**',
      'tests/**',
      'bench/**',
      'scripts/**',
      'bin/**',
      '*.{js,ts}',
    ],
    languageOptions: { globals: globals.node },
  },

  // Boundaries (STYLE.md §12). Tests may import test tooling, so the rules cover source files only.
  {
    files: ['src-renderer/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The renderer is a web page: no Node builtins (ask the bridge).',
          })),
          patterns: [
            {
              group: ['electron', 'electron/*'],
              message: 'The renderer reaches the desktop only through NoomBridge.',
            },
            {
              group: ['node:*'],
              message: 'The renderer is a web page: no Node builtins (ask the bridge).',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['protocol/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(?:/|$)|\\./)',
              message: 'protocol/ imports only zod and its own files.',
            },
          ],
        },
      ],
    },
  },
  {
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(?:^|/)src-(?:main|preload|renderer)(?:/|$)',
              message: 'The server shares code with the app only through protocol/.',
            },
          ],
        },
      ],
    },
  },
])
