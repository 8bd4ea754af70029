/** Provisions the Temporal binaries ahead of the tests (each step skipped when cached). */
import { provisionTemporalCli, provisionTestServer } from './provision/temporal-binaries.ts';

await provisionTemporalCli();
await provisionTestServer();
