/** Provisions the Temporal binaries ahead of the tests (each step skipped when cached). */
import { provisionTemporalCli, provisionTestServer } from './provision/temporal-binaries.ts';
import { provisionClusterBinaries } from './provision/temporal-cluster-binaries.ts';

await provisionTemporalCli();
await provisionTestServer();
// The cluster's binaries take minutes to build on a cold Go cache: only when a run asks for them.
if (process.env.TEMPORAL_TARGET === 'cluster') await provisionClusterBinaries();
