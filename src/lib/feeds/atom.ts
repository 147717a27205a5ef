/**
 * Atom 1.0: one entry per update (see ./entries.ts), built as a typed
 * document, then serialised by ./xml.ts.
 * @see https://www.rfc-editor.org/rfc/rfc4287
 */
import { toIsoString } from '../time.ts';
import type { FeedEntry } from './entries.ts';
import type { Feed } from './feed.ts';
import { serializeXml, XML_DECLARATION } from './xml.ts';

const ATOM_NAMESPACE = 'http://www.w3.org/2005/Atom';

/** `<link>`: RFC 4287 §4.2.7. */
export interface AtomLink {
  '@_rel': 'self' | 'alternate';
  '@_href': string;
  '@_type': string;
  '@_hreflang'?: string;
}

/** `<category>`: §4.2.2; `term` is the stable word, `label` what readers show. */
export interface AtomCategory {
  '@_term': string;
  '@_label': string;
}

export interface AtomEntry {
  /** The entry's link: permanent, since anchors come from the update's time. */
  id: string;
  title: string;
  /** RFC 3339 with the site's offset. */
  updated: string;
  published: string;
  link: AtomLink;
  category: AtomCategory[];
  /** Escaped HTML (§3.1.1.2), already sanitised. */
  content: { '@_type': 'html'; '#text': string };
}

export interface AtomDocument {
  '?xml': typeof XML_DECLARATION;
  feed: {
    '@_xmlns': typeof ATOM_NAMESPACE;
    '@_xml:lang': string;
    /** The feed's own URL: stable, and unique to the feed and its locale. */
    id: string;
    title: string;
    subtitle: string;
    updated: string;
    link: AtomLink[];
    author: { name: string };
    entry: AtomEntry[];
  };
}

/**
 * The Atom document of `feed`: feed `id` and `rel="self"` link are the feed's
 * URL, `updated` is the build's moment; each entry's `id` is its link and its
 * `updated` and `published` the update's time.
 */
export function createAtomDocument(feed: Feed): AtomDocument {
  const { info } = feed;
  const time = (instant: number) => toIsoString(instant, info.timezone);
  const toEntry = (entry: FeedEntry): AtomEntry => ({
    id: entry.link,
    title: entry.title,
    updated: time(entry.published),
    published: time(entry.published),
    link: { '@_rel': 'alternate', '@_href': entry.link, '@_type': 'text/html', '@_hreflang': info.locale },
    category: entry.categories.map((c) => ({ '@_term': c.term, '@_label': c.label })),
    content: { '@_type': 'html', '#text': entry.html },
  });
  return {
    '?xml': XML_DECLARATION,
    feed: {
      '@_xmlns': ATOM_NAMESPACE,
      '@_xml:lang': info.locale,
      id: info.feedUrl,
      title: info.title,
      subtitle: info.description,
      updated: time(info.now),
      link: [
        { '@_rel': 'self', '@_href': info.feedUrl, '@_type': 'application/atom+xml' },
        { '@_rel': 'alternate', '@_href': info.pageUrl, '@_type': 'text/html', '@_hreflang': info.locale },
      ],
      author: { name: info.author },
      entry: feed.entries.map(toEntry),
    },
  };
}

/**
 * The Atom feed of `feed` as XML.
 * @example
 * buildAtomFeed(createFeed(source, 'atom')) // '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom" ...'
 */
export function buildAtomFeed(feed: Feed): string {
  return serializeXml(createAtomDocument(feed));
}
