/**
 * Gate: the RSS feeds (ko and en) of every gate build, beyond well-formedness, which is all a
 * feed parser checks: RFC 822 dates, absolute links, unique guids, a channel description, and
 * an atom self link equal to the feed's own URL.
 * @see https://www.rssboard.org/rss-specification
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { load } from 'cheerio';
import Parser from 'rss-parser';
import { afterAll, expect, test } from 'vitest';
import { expectNone, SITE_NAMES, SITE_URL, SITES, siteDirs } from './sites.ts';

/** Every RSS feed of every build: the site's (ko at rss.xml, en at en/rss.xml) and any others. */
const FEEDS = SITE_NAMES.flatMap((name) => {
  const dir = siteDirs()[name];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((path) => path.endsWith('.xml') && /<rss[\s>]/.test(readFileSync(join(dir, path), 'utf8')))
    .sort()
    .map((path) => [name, path] as const);
});

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const RFC_822 = new RegExp(
  `^(${DAYS.join('|')}), (\\d\\d) (${MONTHS.join('|')}) (\\d{4}) (\\d\\d):(\\d\\d):(\\d\\d) (GMT|\\+0000)$`,
);

/** The moment an RFC 822 date (as feeds write it, in UTC) names, or a reason it is not one. */
function parseRfc822(value: string): number | string {
  const m = RFC_822.exec(value);
  if (!m) return `"${value}" is not an RFC 822 date ("Sun, 22 Nov 2026 03:00:00 GMT")`;
  const [, day = '', date, month = '', year, hours, minutes, seconds] = m;
  const fields = [year, date, hours, minutes, seconds].map(Number) as [number, number, number, number, number];
  const time = Date.UTC(fields[0], MONTHS.indexOf(month), fields[1], fields[2], fields[3], fields[4]);
  const back = new Date(time);
  if (back.getUTCDate() !== fields[1] || back.getUTCHours() !== fields[2] || back.getUTCMinutes() !== fields[3])
    return `"${value}" is not a real date and time`;
  if (DAYS[back.getUTCDay()] !== day) return `"${value}": ${date} ${month} ${year} is a ${DAYS[back.getUTCDay()]}`;
  return time;
}

function isAbsolute(url: string, schemes = ['https:', 'http:']): boolean {
  try {
    return schemes.includes(new URL(url).protocol);
  } catch {
    return false;
  }
}

const tally = { feeds: 0, items: 0 };
afterAll(() => {
  console.log(`feeds: ${tally.feeds} RSS feeds in ${SITE_NAMES.length} builds, ${tally.items} items`);
});

test('every build has the site feed in Korean and in English', () => {
  for (const name of SITE_NAMES) {
    expect(FEEDS.filter(([n]) => n === name).map(([, path]) => path)).toEqual(
      expect.arrayContaining(['rss.xml', 'en/rss.xml']),
    );
  }
});

test.each(FEEDS)('%s /%s: RFC 822 dates, absolute links, unique guids, description, self link', async (name, path) => {
  const xml = readFileSync(join(siteDirs()[name], path), 'utf8');
  // Well-formed and RSS, as a feed reader sees it.
  await new Parser().parseString(xml);
  const $ = load(xml, { xml: true });
  const problems: string[] = [];
  const home = `${SITE_URL}${SITES[name].base}`;
  const own = `${home}${path}`;

  expect($('rss').attr('version')).toBe('2.0');
  const channel = $('rss > channel');
  expect(channel).toHaveLength(1);
  const field = (parent: typeof channel, tag: string) => parent.children(tag).first().text().trim();
  if (!field(channel, 'title')) problems.push('channel: no <title>');
  if (!field(channel, 'description')) problems.push('channel: no <description>');
  const link = field(channel, 'link');
  if (!isAbsolute(link) || !link.startsWith(home))
    problems.push(`channel <link> "${link}" is not an absolute URL under ${home}`);

  const lastBuild = parseRfc822(field(channel, 'lastBuildDate'));
  if (typeof lastBuild === 'string') problems.push(`channel <lastBuildDate>: ${lastBuild}`);
  const self = channel.children('atom\\:link[rel="self"]');
  if (self.length !== 1) problems.push(`channel: ${self.length} <atom:link rel="self">, expected 1`);
  else if (self.attr('href') !== own)
    problems.push(`<atom:link rel="self"> is "${self.attr('href') ?? ''}", not ${own}`);
  else if (self.attr('type') !== 'application/rss+xml')
    problems.push(`<atom:link rel="self"> type is not application/rss+xml`);

  const guids = new Map<string, number>();
  const items = channel.children('item');
  items.each((i, el) => {
    const item = $(el);
    const where = `item ${i + 1} "${field(item, 'title')}"`;
    if (!field(item, 'title')) problems.push(`${where}: no <title>`);
    const itemLink = field(item, 'link');
    if (!isAbsolute(itemLink) || !itemLink.startsWith(home))
      problems.push(`${where}: <link> "${itemLink}" is not an absolute URL under ${home}`);
    const guid = item.children('guid');
    const id = guid.text().trim();
    if (!id) problems.push(`${where}: no <guid>`);
    else {
      if (guid.attr('isPermaLink') !== 'false' && !isAbsolute(id))
        problems.push(`${where}: permalink <guid> "${id}" is not absolute`);
      const first = guids.get(id);
      if (first !== undefined) problems.push(`${where}: <guid> "${id}" is also item ${first}'s`);
      else guids.set(id, i + 1);
    }
    const published = parseRfc822(field(item, 'pubDate'));
    if (typeof published === 'string') problems.push(`${where}: <pubDate>: ${published}`);
    else if (typeof lastBuild === 'number' && published > lastBuild)
      problems.push(`${where}: <pubDate> is after the feed's <lastBuildDate>`);
    // Links inside an item are read outside the site: they must be absolute too.
    const $body = load(field(item, 'description'));
    $body('[href], [src]').each((_, inner) => {
      const url = $body(inner).attr('href') ?? $body(inner).attr('src') ?? '';
      if (!isAbsolute(url, ['https:', 'http:', 'mailto:', 'tel:']))
        problems.push(`${where}: a link in <description> is not absolute: "${url}"`);
    });
  });
  tally.feeds += 1;
  tally.items += items.length;
  expect(items.length, 'items').toBeGreaterThan(0);
  expectNone(problems, `${name}/${path}`);
});
