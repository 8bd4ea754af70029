import { afterEach, describe, expect, it } from 'vitest';
import { ConfigurationError, metricsAddress } from '../../../config/environment.ts';

describe('API_METRICS_ADDRESS / WORKER_METRICS_ADDRESS', () => {
  afterEach(() => {
    delete process.env.WORKER_METRICS_ADDRESS;
  });
  const read = (value: string) => {
    process.env.WORKER_METRICS_ADDRESS = value;
    return metricsAddress('WORKER_METRICS_ADDRESS');
  };

  it('is off when unset or empty', () => {
    expect(metricsAddress('WORKER_METRICS_ADDRESS')).toBeUndefined();
    expect(read('')).toBeUndefined();
  });

  it('takes an IPv4 or a bracketed IPv6 address and gives the runtime its bind address', () => {
    expect(read('0.0.0.0:9464')).toEqual({ host: '0.0.0.0', port: 9464, address: '0.0.0.0:9464' });
    expect(read('[::1]:9465')).toEqual({ host: '::1', port: 9465, address: '[::1]:9465' });
  });

  // The Temporal runtime's exporter binds only to an IP; the API takes the same form, so that one
  // value reads the same in both processes.
  it.each(['localhost:9464', '9464', '127.0.0.1', '127.0.0.1:99999', '127.0.0.1:port'])(
    'refuses %s',
    (value) => {
      expect(() => read(value)).toThrow(ConfigurationError);
      expect(() => read(value)).toThrow(/WORKER_METRICS_ADDRESS must be <ip>:<port>/);
    },
  );
});
