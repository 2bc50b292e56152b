// Lint: TypeScript recommended rules plus the layering rule of DEVELOPERS.md (an error, never a warning).
import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';
import layering from './eslint-rules/layering.js';

const root = import.meta.dirname;

const layers = {
  twins: {
    why: 'twins/ is the common layer: pure TypeScript, deterministic, no Node/DOM/React/Electron/SQLite.',
    packages: ['xstate', '@noble/hashes', '@noble/curves'],
  },
  protocol: {
    why: 'protocol/ holds the engine<->renderer contract: types and constants only.',
    mayImportLayers: ['twins'],
    packages: [],
  },
  engine: {
    why: 'engine/ is the Node side: it may use twins/ but never renderer/ or electron/.',
    mayImportLayers: ['twins', 'protocol', 'scenarios', 'package.json'],
    packages: 'any',
    deniedPackages: ['electron', 'react', 'react-dom', '@react-three/fiber', 'three'],
  },
  renderer: {
    why: 'renderer/ talks to the engine only through the typed transport in protocol/.',
    mayImportLayers: ['protocol', 'twins'],
    packages: 'any',
    noNodeBuiltins: true,
    deniedPackages: ['electron', 'better-sqlite3', 'mqtt', 'aedes', 'pino'],
  },
  electron: {
    why: 'electron/ is a thin shell: it hosts engine/ and never imports renderer/ code.',
    mayImportLayers: ['engine', 'protocol', 'twins'],
    packages: 'any',
  },
};

export default tseslint.config(
  { ignores: ['node_modules/', '.tsbuild/', 'dist/', 'test-results/', 'playwright-report/', 'artifacts/', '**/*.d.ts'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    plugins: { twinbench: { rules: { layering } } },
    rules: {
      'twinbench/layering': ['error', { root, layers }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Determinism: the twins get time and randomness from the kernel only.
    files: ['twins/**/*.ts'],
    ignores: ['twins/**/*.test.ts', 'twins/**/test-support/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-globals': ['error',
        ...['window', 'document', 'navigator', 'process', 'Buffer', 'require', 'global', 'setTimeout', 'setInterval',
          'setImmediate', 'clearTimeout', 'clearInterval', 'queueMicrotask', 'performance', 'Date', 'fetch', 'crypto']
          .map((name) => ({ name, message: `twins/ must not use the host global "${name}": use the kernel (Scheduler, RandomSource) instead.` })),
      ],
      'no-restricted-properties': ['error', { object: 'Math', property: 'random', message: 'Use a RandomStream from the kernel.' }],
    },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
);
