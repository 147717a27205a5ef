/**
 * The URLs a built file refers to, for the gates that follow every one of them: the link gate
 * (links.test.ts, the static server) and the nginx gate (nginx.test.ts, deploy/nginx.conf).
 */
import { load, type CheerioAPI } from 'cheerio';

/** The references a page makes: links, assets (also inside inline CSS) and srcset candidates. */
export function htmlReferences($: CheerioAPI): string[] {
  const found: string[] = [];
  $('[href]').each((_, el) => void found.push($(el).attr('href') ?? ''));
  $('[src], [poster], object[data], form[action]').each((_, el) => {
    for (const name of ['src', 'poster', 'data', 'action']) {
      const value = $(el).attr(name);
      if (value !== undefined && !(name === 'data' && el.tagName !== 'object')) found.push(value);
    }
  });
  $('[srcset]').each((_, el) => {
    for (const candidate of ($(el).attr('srcset') ?? '').split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) found.push(url);
    }
  });
  $('style').each((_, el) => void found.push(...cssReferences($(el).text())));
  $('[style]').each((_, el) => void found.push(...cssReferences($(el).attr('style') ?? '')));
  return found;
}

export function cssReferences(css: string): string[] {
  return [...css.matchAll(/url\(\s*(['"]?)([^'")]+)\1\s*\)|@import\s+(['"])([^'"]+)\3/g)].map(
    (m) => m[2] ?? m[4] ?? '',
  );
}

/**
 * The URLs a feed gives. RSS: channel and item links, permalink guids, the atom self link, links
 * in items. Atom: every link, http(s) ids, links in content. JSON Feed: home, feed and item URLs.
 */
export function feedReferences(body: string, type: string): string[] {
  const found: string[] = [];
  if (type.includes('json')) {
    const feed = JSON.parse(body) as {
      home_page_url?: string;
      feed_url?: string;
      items?: { url?: string; external_url?: string; content_html?: string }[];
    };
    found.push(...[feed.home_page_url, feed.feed_url].filter((u) => u !== undefined));
    for (const item of feed.items ?? []) {
      found.push(...[item.url, item.external_url].filter((u) => u !== undefined));
      if (item.content_html) found.push(...htmlReferences(load(item.content_html)));
    }
    return found;
  }
  const $ = load(body, { xml: true });
  $('channel > link, item > link, channel > image > url').each((_, el) => void found.push($(el).text().trim()));
  $('item > guid').each((_, el) => {
    if ($(el).attr('isPermaLink') !== 'false') found.push($(el).text().trim());
  });
  $('atom\\:link, enclosure, feed link').each(
    (_, el) => void found.push($(el).attr('href') ?? $(el).attr('url') ?? ''),
  );
  $('feed > id, entry > id').each((_, el) => {
    if (/^https?:/.test($(el).text().trim())) found.push($(el).text().trim());
  });
  $('item > description, entry > content, entry > summary').each(
    (_, el) => void found.push(...htmlReferences(load($(el).text()))),
  );
  return found;
}

const isFeed = (body: string, type: string) =>
  type.includes('json') ? body.includes('https://jsonfeed.org/version/') : /<(rss|feed)[\s>]/.test(body);

/** What a crawler reads from one answer: its kind, the references it makes, and a page's fragment ids. */
export interface FileReferences {
  kind: 'page' | 'feed' | 'stylesheet' | undefined;
  raws: string[];
  /** A page's `id`s and `a[name]`s, the targets of `#fragment` links. */
  ids?: Set<string>;
}

/** The references of a file served with `type`: a page's, a feed's (RSS, Atom, JSON Feed) or a stylesheet's. */
export function readReferences(body: string, type: string): FileReferences {
  if (type.startsWith('text/html')) {
    const $ = load(body);
    const ids = new Set(
      $('[id], a[name]')
        .map((_, el) => $(el).attr('id') ?? $(el).attr('name') ?? '')
        .get(),
    );
    return { kind: 'page', raws: htmlReferences($), ids };
  }
  if ((type.includes('xml') || type.includes('json')) && isFeed(body, type)) {
    return { kind: 'feed', raws: feedReferences(body, type) };
  }
  if (type.startsWith('text/css')) return { kind: 'stylesheet', raws: cssReferences(body) };
  return { kind: undefined, raws: [] };
}
