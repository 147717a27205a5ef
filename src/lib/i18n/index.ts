export * from './locales.ts';
export * from './translate.ts';
export type { StringKey } from './strings.ts';
