import { afterEach, describe, expect, it } from 'vitest';
import { clientAddressOf } from '@/lib/site-url';

const xff = (value: string) => new Headers({ 'x-forwarded-for': value });

describe('clientAddressOf', () => {
  afterEach(() => {
    delete process.env.TRUSTED_PROXY_HOPS;
  });

  it('reads the entry the load balancer appended, not what the client sent before it', () => {
    expect(clientAddressOf(xff('203.0.113.9'))).toBe('203.0.113.9');
    // A client forging the header: the proxy appends the address it saw.
    expect(clientAddressOf(xff('1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
    expect(clientAddressOf(xff(' 1.2.3.4 ,5.6.7.8,  203.0.113.9 '))).toBe('203.0.113.9');
  });

  it('counts back past each trusted proxy', () => {
    process.env.TRUSTED_PROXY_HOPS = '2';
    // CDN then load balancer: the CDN saw the client, the load balancer saw the CDN.
    expect(clientAddressOf(xff('1.2.3.4, 203.0.113.9, 198.51.100.7'))).toBe('203.0.113.9');
    // Fewer entries than proxies: the leftmost there is.
    expect(clientAddressOf(xff('203.0.113.9'))).toBe('203.0.113.9');
  });

  it('falls back on X-Real-IP, then on "unknown"', () => {
    expect(clientAddressOf(new Headers({ 'x-real-ip': '192.0.2.1' }))).toBe('192.0.2.1');
    expect(clientAddressOf(xff(' , '))).toBe('unknown');
    expect(clientAddressOf(new Headers())).toBe('unknown');
    process.env.TRUSTED_PROXY_HOPS = 'nonsense';
    expect(clientAddressOf(xff('1.2.3.4, 203.0.113.9'))).toBe('203.0.113.9');
  });
});
