/**
 * RSS 2.0: one item per update (see ./entries.ts), through @astrojs/rss's
 * pure `getRssString()`.
 * @see https://www.rssboard.org/rss-specification
 */
import { getRssString } from '@astrojs/rss';
import type { Feed } from './feed.ts';
import { serializeXml, toXmlChars } from './xml.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/**
 * The RSS document of `feed`. Besides what @astrojs/rss writes, the channel
 * has its `language`, `lastBuildDate` (the build's moment) and an
 * `atom:link rel="self"` (validators and WebSub want one; RSS has none).
 * Item `guid`s are the items' links, permanent (see ../anchors.ts).
 * @example
 * await buildRssFeed(createFeed(source, 'rss', 'kakaotalk')) // '<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" ...'
 */
export function buildRssFeed(feed: Feed): Promise<string> {
  const { info, entries } = feed;
  return getRssString({
    title: toXmlChars(info.title),
    description: toXmlChars(info.description),
    site: info.pageUrl,
    xmlns: { atom: ATOM_NAMESPACE },
    // @astrojs/rss takes extra channel elements only as XML text (which it
    // parses back into its own document): serialised here from an object.
    customData: serializeXml({
      language: info.locale,
      lastBuildDate: new Date(info.now).toUTCString(),
      'atom:link': { '@_href': info.feedUrl, '@_rel': 'self', '@_type': 'application/rss+xml' },
    }),
    items: entries.map((entry) => ({
      title: toXmlChars(entry.title),
      link: entry.link,
      pubDate: new Date(entry.published),
      description: toXmlChars(entry.html),
      categories: entry.categories.map((c) => c.term),
    })),
  });
}
