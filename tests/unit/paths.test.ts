/**
 * Every link must work under any base path (BASE_PATH) and in every locale.
 */
import { describe, expect, test } from 'vitest';
import { createPathFormatter, getLocaleParam, normalizeBase, routes, toAbsoluteUrl } from '../../src/lib/paths.ts';

describe('routes', () => {
  test.each([
    ['home', routes.home(), ''],
    ['incident', routes.incident('2022-10-15-pangyo-datacenter-fire'), 'incidents/2022-10-15-pangyo-datacenter-fire/'],
    ['service', routes.service('kakao-t'), 'services/kakao-t/'],
    ['history', routes.history(), 'history/'],
    ['history page 1', routes.history(1), 'history/'],
    ['history page 2', routes.history(2), 'history/2/'],
    ['history page 0', routes.history(0), 'history/'],
    ['rss', routes.rss(), 'rss.xml'],
  ])('%s: %j', (_, route, expected) => {
    expect(route).toBe(expected);
  });
});

describe('normalizeBase', () => {
  test.each([
    ['', '/'],
    ['/', '/'],
    ['//', '/'],
    ['/status', '/status/'],
    ['status/', '/status/'],
    ['//status//', '/status/'],
    ['/kakao/status', '/kakao/status/'],
  ])('%j: %j', (base, expected) => {
    expect(normalizeBase(base)).toBe(expected);
  });
});

describe('createPathFormatter', () => {
  test.each([
    // base, default locale, route, locale, URL
    ['/', 'ko', routes.home(), 'ko', '/'],
    ['/', 'ko', routes.home(), 'en', '/en/'],
    ['/', 'ko', routes.incident('fire'), 'ko', '/incidents/fire/'],
    ['/', 'ko', routes.incident('fire'), 'en', '/en/incidents/fire/'],
    ['/status', 'ko', routes.home(), 'ko', '/status/'],
    ['/status', 'ko', routes.home(), 'en', '/status/en/'],
    ['/status', 'ko', routes.incident('fire'), 'ko', '/status/incidents/fire/'],
    ['/status', 'ko', routes.incident('fire'), 'en', '/status/en/incidents/fire/'],
    ['status/', 'ko', routes.rss(), 'en', '/status/en/rss.xml'],
    ['/status/', 'ko', routes.history(2), 'ko', '/status/history/2/'],
    ['/status/', 'ko', '404.html', 'ko', '/status/404.html'],
    ['/status/', 'ko', '/services/kakaotalk/', 'ko', '/status/services/kakaotalk/'],
    // English as the default locale: Korean moves under /ko/.
    ['/', 'en', routes.service('kakaotalk'), 'en', '/services/kakaotalk/'],
    ['/', 'en', routes.service('kakaotalk'), 'ko', '/ko/services/kakaotalk/'],
  ] as const)('base %j, default %s: %j in %s is %j', (base, defaultLocale, route, locale, url) => {
    expect(createPathFormatter(base, defaultLocale)(route, locale)).toBe(url);
  });
});

describe('getLocaleParam', () => {
  test.each([
    ['ko', 'ko', undefined],
    ['en', 'ko', 'en'],
    ['ko', 'en', 'ko'],
    ['en', 'en', undefined],
  ] as const)('%s with default %s: %s', (locale, defaultLocale, param) => {
    expect(getLocaleParam(locale, defaultLocale)).toBe(param);
  });
});

describe('toAbsoluteUrl', () => {
  test.each([
    ['/status/rss.xml', 'https://example.com', 'https://example.com/status/rss.xml'],
    ['/status/rss.xml', 'https://example.com/', 'https://example.com/status/rss.xml'],
    ['/incidents/fire/', 'https://status.kakao.example:8443', 'https://status.kakao.example:8443/incidents/fire/'],
    ['/en/', 'http://localhost:4321', 'http://localhost:4321/en/'],
  ])('%s on %s', (path, site, url) => {
    expect(toAbsoluteUrl(path, site)).toBe(url);
  });
});
