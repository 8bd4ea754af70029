import net from 'node:net';

function inUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** The named ports something already listens on, so a second stack fails with a clear message. */
export async function busyPorts(ports: Record<string, number>): Promise<[string, number][]> {
  const checks = await Promise.all(
    Object.entries(ports).map(async ([name, port]) => [name, port, await inUse(port)] as const),
  );
  return checks.filter(([, , busy]) => busy).map(([name, port]) => [name, port]);
}
