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

/** What every renderer source file may not import: Node and Electron. */
const webPage = {
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
}

/** A renderer folder and the folders above it, which it must not import. */
const RENDERER_LAYERS = [
  { folder: 'app', above: ['components', 'App.svelte'] },
  { folder: 'stores', above: ['components', 'App.svelte', 'app'] },
  { folder: 'engine', above: ['components', 'App.svelte', 'app', 'stores', 'i18n'] },
  { folder: 'lib', above: ['components', 'App.svelte', 'app', 'stores', 'engine'] },
  { folder: 'i18n', above: ['components', 'App.svelte', 'app', 'stores', 'engine', 'lib'] },
]

/** One block for the whole renderer, then one per layer (a later block replaces the rule's options). */
function rendererLayers() {
  const source = (glob) => ({ files: [glob], ignores: ['**/*.test.ts'] })
  return [
    {
      ...source('src-renderer/**/*.{ts,svelte}'),
      rules: { 'no-restricted-imports': ['error', webPage] },
    },
    ...RENDERER_LAYERS.map(({ folder, above }) => ({
      ...source(`src-renderer/${folder}/**/*.{ts,svelte}`),
      rules: {
        'no-restricted-imports': [
          'error',
          {
            ...webPage,
            patterns: [
              ...webPage.patterns,
              {
                regex: `(?:^|/)(?:${above.map((name) => name.replace('.', '\\.')).join('|')})(?:/|$)`,
                message: `src-renderer/${folder}/ sits below ${above.join(', ')}: import downwards only (components → app → stores → engine → protocol; lib/ and i18n/ import none of them).`,
              },
            ],
          },
        ],
      },
    })),
  ]
}

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
  // The renderer is a web page, and its layers import only downwards:
  // components → app → stores → engine → protocol, with lib/ and i18n/ (pure) below them all.
  ...rendererLayers(),
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
  // contract/ is shared by main, preload and the page: nothing Electron, Node or app-specific.
  {
    files: ['contract/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(?!zod(?:/|$)|\\./[^/]+$|\\.\\./protocol/[^/]+$)',
              message: 'contract/ imports only zod, protocol/ and its own files.',
            },
          ],
        },
      ],
    },
  },

  // Small files and functions (STYLE.md §11): a source file past 300 lines or a function past 60 is
  // asking to be split. Tests, test kits and benches are exempt.
  {
    files: ['{protocol,contract,server,src-main,src-preload,src-renderer}/**/*.{ts,svelte}'],
    ignores: ['**/*.test.ts', '**/*.node.ts', '**/*.fakes.ts', '**/*.fakes.svelte.ts'],
    rules: {
      'max-lines': ['error', { max: 300 }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
    },
  },
])
