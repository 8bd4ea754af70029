/** The project's vitest config plus the clock probe (bench/lib/clock-probe.ts); see bench/test-speed.ts. */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from '../vitest.config.ts';

export default mergeConfig(base, defineConfig({ test: { setupFiles: ['bench/lib/clock-probe.ts'] } }));
