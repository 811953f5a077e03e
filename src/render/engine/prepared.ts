/**
 * What the engine prepares once per process (or worker) and passes explicitly to every rendering: the fonts
 * (parsed, reduced, compressed once; see `fonts.ts`) and a cache of texts already broken into lines, so the static
 * text of a batch (labels, letter paragraphs, headers) is measured once and only the variable text per document.
 */
import { prepareFonts, type PreparedFonts } from './fonts.ts';

/** Lines kept in the cache before it starts afresh (a bound on memory whatever the batch). */
const MAX_CACHED_TEXTS = 20_000;

/** Fonts and caches shared by every document rendered with them. */
export class PreparedResources {
  readonly fonts: PreparedFonts;
  /** Broken lines by style, size, width and text. */
  readonly lineCache = new Map<string, string[]>();

  constructor(fonts: PreparedFonts = prepareFonts()) {
    this.fonts = fonts;
  }

  /** Keeps the lines of a text (the cache is emptied when full, so it never grows without bound). */
  remember(key: string, lines: string[]): void {
    if (this.lineCache.size >= MAX_CACHED_TEXTS) this.lineCache.clear();
    this.lineCache.set(key, lines);
  }
}

let shared: PreparedResources | undefined;

/** Returns this process's (or worker's) prepared resources, made on first use. */
export function preparedResources(): PreparedResources {
  shared ??= new PreparedResources();
  return shared;
}
