import { ConfigError, loadConfig } from '../src/config';

describe('configuration', () => {
  it('runs for local use with no variables at all: simulator on, LINE at the local stand-in', () => {
    const c = loadConfig({});
    expect(c.line.mode).toBe('local');
    expect(c.simulator).toBe(true);
    expect(c.line.apiBaseUrl).toBe('http://127.0.0.1:3000');
    expect(c.host).toBe('127.0.0.1');
    expect(c.line.channelSecret).toMatch(/^[0-9a-f]{32}$/);
    expect(c.port).toBe(3000);
  });

  it('uses a real channel when both credentials are set', () => {
    const c = loadConfig({ LINE_CHANNEL_SECRET: 's', LINE_CHANNEL_ACCESS_TOKEN: 't' });
    expect(c.line.mode).toBe('channel');
    expect(c.simulator).toBe(false);
    expect(c.line.apiBaseUrl).toBe('https://api.line.me');
    expect(c.line.dataApiBaseUrl).toBe('https://api-data.line.me');
    expect(c.host).toBe('0.0.0.0');
  });

  it('fails fast naming the bad variable', () => {
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'abc' })).toThrow(/PORT/);
    expect(() => loadConfig({ LINE_API_BASE_URL: 'not a url' })).toThrow(/LINE_API_BASE_URL/);
    expect(() => loadConfig({ LOG_LEVEL: 'loud' })).toThrow(/LOG_LEVEL/);
    expect(() => loadConfig({ LINE_CHANNEL_SECRET: 'only-one' })).toThrow(/LINE_CHANNEL_ACCESS_TOKEN/);
  });

  it('believes X-Forwarded-For only from proxies TRUST_PROXY names (none by default; never "true")', () => {
    expect(loadConfig({}).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: 'false' }).trustProxy).toBe(false);
    expect(loadConfig({ TRUST_PROXY: '1' }).trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(() => loadConfig({ TRUST_PROXY: 'true' })).toThrow(/TRUST_PROXY: name the proxy/);
    expect(() => loadConfig({ TRUST_PROXY: 'proxy.example' })).toThrow(/TRUST_PROXY: not an address.*proxy\.example/);
  });

  it('is frozen', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c.line)).toBe(true);
  });
});
