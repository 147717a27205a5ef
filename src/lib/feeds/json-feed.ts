/**
 * JSON Feed 1.1: one item per update (see ./entries.ts), a typed object
 * serialised with `JSON.stringify`.
 * @see https://jsonfeed.org/version/1.1
 */
import { toIsoString } from '../time.ts';
import type { Feed } from './feed.ts';

export const JSON_FEED_VERSION = 'https://jsonfeed.org/version/1.1';

export interface JsonFeedItem {
  /** The item's link: permanent, since anchors come from the update's time. */
  id: string;
  url: string;
  title: string;
  /** Sanitised HTML. */
  content_html: string;
  /** RFC 3339 with the site's offset. */
  date_published: string;
  /** The state word, then the ids of the services affected: the same in every locale, for filters. */
  tags: string[];
}

export interface JsonFeed {
  version: typeof JSON_FEED_VERSION;
  title: string;
  home_page_url: string;
  feed_url: string;
  description: string;
  /** RFC 5646 language tag. */
  language: string;
  authors: { name: string }[];
  items: JsonFeedItem[];
}

/** The JSON Feed object of `feed`. */
export function createJsonFeed(feed: Feed): JsonFeed {
  const { info } = feed;
  return {
    version: JSON_FEED_VERSION,
    title: info.title,
    home_page_url: info.pageUrl,
    feed_url: info.feedUrl,
    description: info.description,
    language: info.locale,
    authors: [{ name: info.author }],
    items: feed.entries.map((entry) => ({
      id: entry.link,
      url: entry.link,
      title: entry.title,
      content_html: entry.html,
      date_published: toIsoString(entry.published, info.timezone),
      tags: entry.categories.map((c) => c.term),
    })),
  };
}

/**
 * The JSON Feed of `feed` as text.
 * @example
 * JSON.parse(buildJsonFeed(createFeed(source, 'json'))).version // 'https://jsonfeed.org/version/1.1'
 */
export function buildJsonFeed(feed: Feed): string {
  return JSON.stringify(createJsonFeed(feed));
}
