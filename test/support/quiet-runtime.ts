import { DefaultLogger, Runtime } from '@temporalio/worker';

// Workers log every state change at INFO; tests only want to see real errors.
Runtime.install({ logger: new DefaultLogger('ERROR') });
