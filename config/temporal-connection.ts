import { readFile } from 'node:fs/promises';
import type { TemporalSettings } from './environment.ts';

/** Connection options shared by the API's client and the worker: address, TLS, API key. */
export async function connectionOptions(settings: TemporalSettings) {
  const tls =
    settings.tlsCertPath && settings.tlsKeyPath
      ? {
          clientCertPair: {
            crt: await readFile(settings.tlsCertPath),
            key: await readFile(settings.tlsKeyPath),
          },
        }
      : settings.tls || settings.apiKey
        ? true
        : undefined;
  return { address: settings.address, tls, apiKey: settings.apiKey };
}
