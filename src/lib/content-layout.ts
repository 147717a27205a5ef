/**
 * Which entries a content folder may hold (SPEC.md, "Content folder"):
 *
 * ```
 * site.yaml                 site settings
 * services/<id>.md          one file per service
 * incidents/**\/<slug>.md    incidents and maintenance, any sub-folders
 * ```
 *
 * Every other entry is a problem, named with what was probably meant, so that
 * a file in a misspelt folder (`incident/`) or with the wrong ending
 * (`.markdown`) is never silently left out of the page. Only dotfiles and the
 * litter operating systems and editors leave behind are ignored
 * ({@link isIgnoredName}).
 */
import { suggest } from './schema.ts';

export const SITE_FILE = 'site.yaml';
export const SERVICES_DIR = 'services';
export const INCIDENTS_DIR = 'incidents';

/** What an entry of the content folder is. */
export type EntryRole =
  { role: 'site' | 'service' | 'incident' | 'folder' | 'ignored' } | { role: 'unexpected'; message: string };

// Finder, Explorer and editors write these next to the files people edit.
const OS_LITTER: ReadonlySet<string> = new Set(['thumbs.db', 'ehthumbs.db', 'desktop.ini', '__macosx', 'icon\r']);

/**
 * Names the build ignores: dotfiles and dot-folders (`.DS_Store`, `.git`,
 * `.draft.md`), OS litter (`Thumbs.db`, `desktop.ini`, `__MACOSX`) and editor
 * backups (`*~`, `*.swp`, `*.bak`, `#*#`).
 * @example isIgnoredName('.DS_Store') // true
 */
export function isIgnoredName(name: string): boolean {
  return (
    name.startsWith('.') ||
    OS_LITTER.has(name.toLowerCase()) ||
    name.endsWith('~') ||
    /\.(swp|swo|bak|tmp)$/i.test(name) ||
    /^#.*#$/.test(name)
  );
}

/**
 * The role of the entry at `path` (relative to the content folder, `/`
 * separators), a file or a folder.
 * @example
 * classifyEntry('incidents/2022/fire.md', 'file') // { role: 'incident' }
 * classifyEntry('incident', 'folder') // { role: 'unexpected', message: 'unknown folder; … (did you mean "incidents"?)' }
 */
export function classifyEntry(path: string, kind: 'file' | 'folder'): EntryRole {
  const parts = path.split('/');
  const name = parts.at(-1) ?? path;
  if (parts.some(isIgnoredName)) return { role: 'ignored' };
  const [top = '', ...rest] = parts;

  if (rest.length === 0) {
    if (kind === 'file' && name === SITE_FILE) return { role: 'site' };
    if (kind === 'folder' && (name === SERVICES_DIR || name === INCIDENTS_DIR)) return { role: 'folder' };
    const known = kind === 'folder' ? [SERVICES_DIR, INCIDENTS_DIR] : [SITE_FILE];
    const hint =
      kind === 'file' && name.endsWith('.md')
        ? '; incidents go in incidents/, services in services/'
        : suggest(name.toLowerCase().replace(/\.yml$/, '.yaml'), known);
    return {
      role: 'unexpected',
      message: `unknown ${kind}; the content folder holds only site.yaml, services/ and incidents/${hint}`,
    };
  }
  if (top === SERVICES_DIR) {
    if (kind === 'folder' || rest.length > 1) {
      return {
        role: 'unexpected',
        message: `${kind === 'folder' ? 'a folder' : 'a file in a folder'} inside services/; services are services/<id>.md, without sub-folders`,
      };
    }
    return name.endsWith('.md')
      ? { role: 'service' }
      : { role: 'unexpected', message: `not a service file; services are services/<id>.md${markdownHint(name)}` };
  }
  if (top === INCIDENTS_DIR) {
    if (kind === 'folder') return { role: 'folder' };
    return name.endsWith('.md')
      ? { role: 'incident' }
      : {
          role: 'unexpected',
          message: `not a Markdown file; incidents are incidents/**/<slug>.md${markdownHint(name)}`,
        };
  }
  // Below an unknown top-level folder: that folder is the problem, reported once.
  return { role: 'ignored' };
}

/** ` (rename it to x.md)` for `x.markdown`, `x.MD`, `x.md.txt`. */
function markdownHint(name: string): string {
  const base = /^(.+?)\.(?:markdown|mdown|mkd|md\.txt|md)$/i.exec(name)?.[1];
  return base === undefined ? '' : ` (rename it to ${base}.md)`;
}
