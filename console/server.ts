/** Console process: serves the coordinators' and staff's screens, calling the API at CONSOLE_API_URL. */
import { settingsOrExit } from '../config/environment.ts';
import { buildConsole } from './app.ts';
import { DEV_PEOPLE } from './dev-people.ts';
import { consoleSettings } from './settings.ts';

const settings = settingsOrExit('console', consoleSettings);
const app = await buildConsole({
  apiUrl: settings.apiUrl,
  ...(settings.devSigningSecret
    ? { devSignIn: { secret: settings.devSigningSecret, people: DEV_PEOPLE } }
    : {}),
  ...(settings.oidc ? { oidc: settings.oidc } : {}),
  ...(settings.temporalUi ? { temporalUi: settings.temporalUi } : {}),
  logger: true,
  trustProxy: settings.trustProxy,
});

let closing = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (closing) return;
    closing = true;
    void app.close().then(() => process.exit(0));
  });
}

await app.listen({ host: settings.host, port: settings.port });
