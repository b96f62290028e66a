// The serviceUrl allow-list: Microsoft's connector hosts by default, loopback only in development.
import { describe, expect, it } from 'vitest';
import { serviceUrlAllowList } from '../../adapters/botframework/service-url-allowlist.js';

describe('security: serviceUrl allow-list', () => {
  const production = serviceUrlAllowList(undefined, false);
  const development = serviceUrlAllowList(undefined, true);

  it.each([
    'https://smba.trafficmanager.net/amer/',
    'https://smba.trafficmanager.net/emea/',
    'https://webchat.botframework.com/',
    'https://directline.botframework.com/v3/',
  ])('allows the connector %s', (url) => {
    expect(production.allows(url)).toBe(true);
  });

  it.each([
    'http://smba.trafficmanager.net/amer/', // not https
    'https://smba.trafficmanager.net.attacker.example/',
    'https://botframework.com.attacker.example/',
    'https://attacker-botframework.com/',
    'https://user:pw@webchat.botframework.com/',
    'https://smba.trafficmanager.net:8443/',
    'http://127.0.0.1:9000/',
    'http://169.254.169.254/latest/meta-data/',
    'not a url',
  ])('refuses %s in production', (url) => {
    expect(production.allows(url)).toBe(false);
  });

  it('adds loopback (any port) in development only', () => {
    for (const url of ['http://127.0.0.1:9000', 'http://localhost:3979/', 'http://[::1]:5000/'])
      expect(development.allows(url)).toBe(true);
    expect(development.allows('http://10.0.0.5:9000/')).toBe(false);
  });

  it('BOTFRAMEWORK_SERVICE_URLS replaces the default list, path prefixes included', () => {
    const list = serviceUrlAllowList('https://connector.example.cn/bot/, https://*.azure.cn/', false);
    expect(list.allows('https://connector.example.cn/bot/v3')).toBe(true);
    expect(list.allows('https://connector.example.cn/other/')).toBe(false);
    expect(list.allows('https://china.azure.cn/')).toBe(true);
    expect(list.allows('https://smba.trafficmanager.net/amer/')).toBe(false);
  });
});
