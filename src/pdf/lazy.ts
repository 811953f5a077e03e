/**
 * A user's PDF opened lazily: once the skeleton check (`skeleton.ts`) has placed every object of the newest
 * revision, an object is parsed the first time something looks it up, never before. Reading a returned form needs
 * its catalog, fields, attached data and signatures: a few hundred small objects, not the appearance streams and
 * the embedded font that make up most of the file, which a whole-file parse (pdf-lib's `PDFDocument.load`) reads
 * every time.
 *
 * The document is an ordinary pdf-lib `PDFDocument` whose context holds its objects in a `LazyObjects` map: a
 * lookup parses the object at its offset, or decodes its object stream (within the decompression budget, each
 * stream once), with Paperasse's object parser (`object-parser.ts`: the objects pdf-lib's parser would build, faster,
 * a stream's indirect /Length resolved here). Anything that lists every object (saving, `enumerateIndirectObjects`) parses them all first, so
 * pdf-lib behaves as after a full load. An object that cannot be parsed looks up as absent (as pdf-lib skips an
 * invalid object); a stream over the budget is recorded as the document's refusal.
 */
import { PDFContext, PDFDocument, PDFName, PDFNumber, PDFObjectParser, PDFRawStream, PDFRef, type PDFObject } from 'pdf-lib';
import type { Issue } from '../core/issues.ts';
import { formatBytes } from '../core/json.ts';
import { inflateIfFlate } from './inflate.ts';
import { CompletingMap } from './completing-map.ts';
import { Cursor, isObjectHeader } from './lexer.ts';
import type { PdfLimits } from './limits.ts';
import { ObjectParser } from './object-parser.ts';
import type { Skeleton, XrefEntry } from './skeleton.ts';

/** A decoded object stream: its objects' offsets (relative to its data) by their number, and its data. */
interface DecodedObjectStream {
  offsets: Map<number, number>;
  data: Uint8Array;
}

/** Parses the object at `pos` in `bytes` (throwing when it is malformed). */
export type ParseObject = (bytes: Uint8Array, pos: number) => PDFObject;

/** Which parser reads the objects: Paperasse's (`object-parser.ts`), or pdf-lib's own (kept to compare them). */
export type ObjectParserKind = 'paperasse' | 'pdf-lib';

/** Most objects one object stream may declare (its /N), a bound on the header read. */
const MAX_STREAM_OBJECTS = 100_000;

/**
 * The indirect objects of a lazily opened document: a `Map` from reference to object that parses an object of the
 * skeleton's table the first time it is asked for, and parses them all before any listing.
 */
export class LazyObjects extends CompletingMap<PDFRef, PDFObject> {
  /** The first stream refused by the decompression budget, if any. */
  refusal: Issue | undefined;
  #context: PDFContext | undefined;
  readonly #buf: Uint8Array;
  /** The cursor that checks an object's header before its parse. */
  readonly #cursor: Cursor;
  readonly #entries: ReadonlyMap<number, XrefEntry>;
  readonly #name: string;
  readonly #maxInflated: number;
  #inflated = 0;
  readonly #streams = new Map<number, DecodedObjectStream | null>();
  /** Objects whose parse is in progress (a /Length pointing back at its own stream must not loop). */
  readonly #parsing = new Set<number>();
  /** Every object of the table has been parsed (a listing was asked for). */
  #allLoaded = false;
  readonly #parserKind: ObjectParserKind;
  #parse: ParseObject | undefined;

  constructor(bytes: Uint8Array, entries: ReadonlyMap<number, XrefEntry>, name: string, maxInflatedBytes: number, parser: ObjectParserKind = 'paperasse') {
    super();
    this.#buf = bytes;
    this.#cursor = new Cursor(bytes, 0);
    this.#entries = entries;
    this.#name = name;
    this.#maxInflated = maxInflatedBytes;
    this.#parserKind = parser;
  }

  /** Ties the map to the context its objects are parsed in (their references resolve there). */
  attach(context: PDFContext): void {
    this.#context = context;
    if (this.#parserKind === 'pdf-lib') {
      this.#parse = (bytes, pos) => PDFObjectParser.forBytes(bytes.subarray(pos), context).parseObject();
    } else {
      // A stream's indirect /Length is looked up here (the `#parsing` guard stops one pointing at its own stream).
      const parser = new ObjectParser(context, (ref) => this.get(ref));
      this.#parse = (bytes, pos) => parser.parse(bytes, pos);
    }
  }

  /** Returns the object of `ref`, parsed now if it was not yet. */
  override get(ref: PDFRef): PDFObject | undefined {
    if (super.has(ref) || this.#allLoaded) return super.get(ref);
    this.#load(ref);
    return super.get(ref);
  }

  /** Returns whether `ref` names an object of the document (parsing it if needed). */
  override has(ref: PDFRef): boolean {
    return this.get(ref) !== undefined;
  }

  /** Returns every reference, after parsing every object of the table. */
  override keys(): MapIterator<PDFRef> {
    this.complete();
    return super.keys();
  }

  /** Returns the number of objects, after parsing every object of the table. */
  override get size(): number {
    this.complete();
    return super.size;
  }

  /** Parses every object of the table not parsed yet. */
  protected override complete(): void {
    if (this.#allLoaded || this.#context === undefined) return;
    for (const [number, entry] of this.#entries) {
      const ref = PDFRef.of(number, 'offset' in entry ? entry.generation : 0);
      if (!super.has(ref)) this.#load(ref);
    }
    this.#allLoaded = true;
  }

  /** Parses the object `ref` names, when the table places it (an unknown or unparsable one stays absent). */
  #load(ref: PDFRef): void {
    const entry = this.#entries.get(ref.objectNumber);
    const context = this.#context;
    const parse = this.#parse;
    if (entry === undefined || context === undefined || parse === undefined || this.#parsing.has(ref.objectNumber)) return;
    this.#parsing.add(ref.objectNumber);
    try {
      const object = 'offset' in entry ? this.#parseAt(entry, ref, parse) : this.#parseInStream(entry, ref, context, parse);
      if (object !== undefined) super.set(ref, object);
    } catch {
      // An object pdf-lib cannot parse is absent, as after pdf-lib's own lenient full parse.
    } finally {
      this.#parsing.delete(ref.objectNumber);
    }
  }

  /** Returns the object at a file offset, when its header names `ref`. */
  #parseAt(entry: { offset: number; generation: number }, ref: PDFRef, parse: ParseObject): PDFObject | undefined {
    if (entry.generation !== ref.generationNumber) return undefined;
    const cursor = this.#cursor;
    cursor.pos = entry.offset;
    if (!isObjectHeader(cursor, ref.objectNumber, entry.generation)) return undefined;
    return parse(this.#buf, cursor.pos);
  }

  /** Returns the object at its index in an object stream (generation 0), decoding the stream once. */
  #parseInStream(entry: { stream: number; index: number }, ref: PDFRef, context: PDFContext, parse: ParseObject): PDFObject | undefined {
    if (ref.generationNumber !== 0) return undefined;
    const stream = this.#objectStream(entry.stream, context);
    const offset = stream?.offsets.get(ref.objectNumber);
    if (stream === undefined || offset === undefined) return undefined;
    return parse(stream.data, offset);
  }

  /** Returns the decoded object stream `number` (each decoded once, within the budget), or undefined. */
  #objectStream(number: number, context: PDFContext): DecodedObjectStream | undefined {
    const known = this.#streams.get(number);
    if (known !== undefined) return known ?? undefined;
    this.#streams.set(number, null);
    const entry = this.#entries.get(number);
    if (entry === undefined || !('offset' in entry)) return undefined;
    const raw = this.get(PDFRef.of(number, entry.generation));
    if (!(raw instanceof PDFRawStream) || raw.dict.get(PDFName.of('Type')) !== PDFName.of('ObjStm')) return undefined;
    const inflated = inflateIfFlate(raw, this.#maxInflated - this.#inflated, this.#name, () => `${formatBytes(this.#maxInflated)} au total pour les flux d’objets`);
    if (!inflated.ok) {
      this.refusal ??= inflated.erreur;
      return undefined;
    }
    this.#inflated += inflated.valeur.length;
    const decoded = readObjectStreamHeader(raw, inflated.valeur, context);
    if (decoded !== undefined) this.#streams.set(number, decoded);
    return decoded;
  }
}

/** Returns the offsets (from the data's start) of an object stream's objects by number, from its /N and /First. */
function readObjectStreamHeader(raw: PDFRawStream, data: Uint8Array, context: PDFContext): DecodedObjectStream | undefined {
  const n = context.lookup(raw.dict.get(PDFName.of('N')));
  const first = context.lookup(raw.dict.get(PDFName.of('First')));
  const count = n instanceof PDFNumber ? n.asNumber() : NaN;
  const start = first instanceof PDFNumber ? first.asNumber() : NaN;
  if (!Number.isInteger(count) || !Number.isInteger(start) || count < 0 || count > MAX_STREAM_OBJECTS || start < 0 || start > data.length) return undefined;
  const cursor = new Cursor(data, 0);
  const offsets = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    cursor.skipSpace();
    const number = cursor.readInt();
    cursor.skipSpace();
    const offset = cursor.readInt();
    if (number === undefined || offset === undefined) return undefined;
    if (!offsets.has(number)) offsets.set(number, start + offset);
  }
  return { offsets, data };
}

/**
 * Returns a pdf-lib document over `bytes` whose objects are parsed when first looked up (see the module comment), by
 * Paperasse's parser unless `parser` asks for pdf-lib's.
 */
export function lazyDocument(
  bytes: Uint8Array,
  skeleton: Skeleton,
  name: string,
  limits: Pick<PdfLimits, 'maxInflatedBytes'>,
  parser: ObjectParserKind = 'paperasse',
): { doc: PDFDocument; objects: LazyObjects } {
  const objects = new LazyObjects(bytes, skeleton.entries, name, limits.maxInflatedBytes, parser);
  const context = PDFContext.create();
  objects.attach(context);
  (context as unknown as { indirectObjects: Map<PDFRef, PDFObject> }).indirectObjects = objects;
  let largest = 0;
  for (const number of skeleton.entries.keys()) largest = Math.max(largest, number);
  context.largestObjectNumber = largest;
  const trailerRef = (key: string) => skeleton.trailer.get(PDFName.of(key));
  context.trailerInfo = { Root: trailerRef('Root'), Encrypt: trailerRef('Encrypt'), Info: trailerRef('Info'), ID: trailerRef('ID') };
  // PDFDocument's constructor is not in pdf-lib's typings; it is what PDFDocument.load calls after its parse.
  const doc = Reflect.construct(PDFDocument, [context, false, false]) as PDFDocument;
  return { doc, objects };
}
