/**
 * The live script: keeps an open overview, incident or service page current.
 * The page is complete without it; this only changes what time has changed.
 *
 * - Every 60 s (and when the tab is shown again) it asks the build's
 *   `api/v2/status.json` for `page.updated_at`. When that is newer than the
 *   page, it fetches the page again and swaps in the new `<main>`, the "as of"
 *   line and its own data, keeping open `<details>` open and focus in place.
 * - At each moment the build listed (a maintenance window that starts or ends
 *   while the page is open: lib/live.ts), it writes the statuses, states and
 *   banner the build computed for that moment. It has no status rule of its own.
 * - Beside the absolute "as of" time it shows "5분 전"; once the page is older
 *   than `staleAfterMinutes` and no newer build can be had, it says so.
 * - Changes are announced politely to screen readers (`aria-live`), and the
 *   SPEC hooks (`data-indicator`, `data-status`, `data-state`) change with the
 *   words, so a script reading the page sees what a person sees.
 *
 * A same-origin module file with no inline code: it runs under a
 * Content-Security-Policy of `script-src 'self'`. Budget: 3 KB gzip.
 */
import type { LiveBanner, LiveChange, LiveData } from '../lib/live.ts';

const POLL_MS = 60_000;
/** The clock is looked at this often for "n분 전" and the scheduled changes. */
const TICK_MS = 15_000;
const MINUTE = 60_000;

let data: LiveData;
/** How many of `data.changes` are on the page. */
let applied = 0;
/** Whether a poll has finished since the page (or its last swap) was shown, and none found a newer build. */
let polled = false;
let tickTimer: ReturnType<typeof setTimeout> | undefined;

const byId = (id: string) => document.getElementById(id);
const all = (selector: string, root: ParentNode = document) => [...root.querySelectorAll<HTMLElement>(selector)];
const hook = (name: string, value: string) => `[data-${name}="${CSS.escape(value)}"]`;
const make = (tag: string, className: string, text: string) => {
  const element = document.createElement(tag);
  element.className = className;
  element.textContent = text;
  return element;
};

function readData(): boolean {
  const text = byId('live-data')?.textContent;
  if (!text) return false;
  data = JSON.parse(text) as LiveData;
  applied = 0;
  polled = false;
  return true;
}

/** "5분 전", "2 hours ago", "지금". */
function formatAgo(ms: number): string {
  const format = new Intl.RelativeTimeFormat(document.documentElement.lang, { numeric: 'auto' });
  const minutes = Math.floor(ms / MINUTE);
  if (minutes < 1) return format.format(0, 'second');
  if (minutes < 60) return format.format(-minutes, 'minute');
  if (minutes < 48 * 60) return format.format(-Math.floor(minutes / 60), 'hour');
  return format.format(-Math.floor(minutes / 1440), 'day');
}

function announce(text: string): void {
  const region = byId('live-status');
  if (region) region.textContent = text;
}

function writeBanner(banner: LiveBanner): void {
  const element = document.querySelector<HTMLElement>('[data-indicator]');
  if (!element) return;
  element.dataset.indicator = banner.indicator;
  element.className = `banner b-${banner.tone}`;
  const title = make('h1', '', banner.headline);
  title.id = 'banner-title';
  const parts: HTMLElement[] = [title];
  if (banner.lines.length > 0) {
    const list = make('ul', 'banner-lines', '');
    list.append(...banner.lines.map((line) => make('li', '', line)));
    parts.push(list);
  }
  if (banner.moreText) {
    const more = make('p', 'banner-more', '');
    const link = make('a', '', banner.moreText);
    link.setAttribute('href', '#services');
    more.append(link);
    parts.push(more);
  }
  if (banner.advice) parts.push(make('p', 'banner-advice', banner.advice));
  element.replaceChildren(...parts);
}

/** A status word and its hook: the element, its label and, for a service, its card's class. */
function writeStatus(element: HTMLElement, status: string): void {
  element.dataset.status = status;
  if (element.dataset.feature === undefined) element.className = element.className.replace(/\bsv-\S+/, `sv-${status}`);
  const label = element.querySelector('.status');
  if (label) {
    label.className = `status s-${status}`;
    label.textContent = data.words[status] ?? status;
  }
}

function applyChange(change: LiveChange): void {
  writeBanner(change.banner);
  for (const [key, status] of Object.entries(change.status)) {
    const [service = '', feature] = key.split('/');
    for (const element of all(hook('service', service))) {
      const target = feature === undefined ? element : element.querySelector<HTMLElement>(hook('feature', feature));
      if (target) writeStatus(target, status);
    }
  }
  for (const [slug, state] of Object.entries(change.state)) {
    for (const element of all(hook('maintenance', slug))) {
      element.dataset.state = state;
      const label = element.querySelector('.state');
      if (label) {
        label.className = `state st-${state}`;
        label.textContent = data.words[state] ?? state;
      }
    }
  }
}

function tick(): void {
  clearTimeout(tickTimer);
  const now = Date.now();
  let change: LiveChange | undefined;
  for (let next = data.changes[applied]; next && Date.parse(next.at) <= now; next = data.changes[applied]) {
    applyChange((change = next));
    applied += 1;
  }
  if (change) announce(data.text.updated.replace('{headline}', change.banner.headline));

  const age = now - Date.parse(data.generatedAt);
  const ago = formatAgo(age);
  for (const element of all('[data-live-ago]')) element.textContent = data.text.ago.replace('{ago}', ago);
  const stale = byId('live-stale');
  if (stale) {
    stale.hidden = !(polled && age > data.staleAfterMinutes * MINUTE);
    stale.textContent = data.text.stale.replace('{ago}', ago);
  }
  // Wake at the next scheduled change, or in TICK_MS.
  const next = data.changes[applied];
  tickTimer = setTimeout(tick, Math.max(0, Math.min(TICK_MS, next ? Date.parse(next.at) - now : TICK_MS)));
}

/** A key that finds the same <details> in a newer page: what it belongs to and its summary. */
function detailsKey(details: Element): string {
  const owner = details.closest<HTMLElement>(
    '[data-day],[data-feature],[data-service],[data-incident],[data-maintenance]',
  );
  const { day, feature, service, incident, maintenance } = owner?.dataset ?? {};
  const outer = owner?.parentElement?.closest<HTMLElement>('[data-service]')?.dataset.service;
  return [outer, day, feature, service, incident, maintenance, details.querySelector('summary')?.textContent].join();
}

/** Swaps in the newer page's main content, "as of" line and data. */
function swap(next: Document): void {
  const main = document.querySelector('main');
  const nextMain = next.querySelector('main');
  const nextData = next.getElementById('live-data');
  if (!main || !nextMain || !nextData) return;
  const open = new Set(all('details[open]', main).map(detailsKey));
  const focused = document.activeElement;
  const focusKey = focused && main.contains(focused) ? focused.id || focused.getAttribute('href') : null;
  for (const details of nextMain.querySelectorAll('details')) {
    if (open.has(detailsKey(details))) details.open = true;
  }
  main.replaceWith(document.adoptNode(nextMain));
  const asOf = document.querySelector('[data-generated-at]');
  const nextAsOf = next.querySelector('[data-generated-at]');
  if (asOf && nextAsOf) asOf.replaceWith(document.adoptNode(nextAsOf));
  byId('live-data')?.replaceWith(document.adoptNode(nextData));
  document.title = next.title;
  if (focusKey) all(`[id="${CSS.escape(focusKey)}"],[href="${CSS.escape(focusKey)}"]`, nextMain)[0]?.focus();
  readData();
  tick();
  const headline = document.querySelector('[data-indicator] h1, main h1')?.textContent ?? '';
  announce(data.text.updated.replace('{headline}', headline.trim()));
}

async function poll(): Promise<void> {
  try {
    const response = await fetch(data.poll, { cache: 'no-store' });
    const status = (await response.json()) as { page?: { updated_at?: string } };
    const updated = Date.parse(status.page?.updated_at ?? '');
    if (updated > Date.parse(data.generatedAt)) {
      const page = await fetch(location.href, { cache: 'no-store' });
      if (!page.ok) throw new Error(String(page.status));
      const next = new DOMParser().parseFromString(await page.text(), 'text/html');
      const nextAt = next.querySelector<HTMLElement>('[data-generated-at]')?.dataset.generatedAt ?? '';
      // Only ever forward: a cache may still hold an older copy of the page.
      if (Date.parse(nextAt) > Date.parse(data.generatedAt)) {
        swap(next);
        return;
      }
    }
  } catch {
    // Offline, or the host is down: the page says so once it is stale.
  }
  polled = true;
  tick();
}

if (readData()) {
  tick();
  void poll();
  setInterval(() => void poll(), POLL_MS);
  // A folded feature list prints open (global.css does it where ::details-content is known).
  addEventListener('beforeprint', () => {
    for (const details of all('details')) details.setAttribute('open', '');
  });
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void poll();
  });
}
