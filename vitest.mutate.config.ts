// Vitest for stryker.focused.config.mjs: only the test files named in TESTS (comma-separated globs).
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

export default defineConfig({ ...base, test: { ...base.test, include: (process.env.TESTS ?? '').split(',').filter(Boolean) } });
