/**
 * The knowledge base's YAML, read with js-yaml: on a cold start (when the bot reads its
 * knowledge) it is several times faster than `yaml`, which took a third of the time to ready.
 * Lines for messages come from js-yaml's parser events, which carry source offsets.
 * A text js-yaml refuses is read again with `yaml`, so a syntax error is reported as it
 * always was (same message, same line); both read the YAML 1.2 core schema.
 */
import { constructFromEvents, EVENT_ID, getScalarValue, parseEvents, SCALAR_STYLE, type Event } from 'js-yaml';
import { createRequire } from 'node:module';
import type * as YamlModule from 'yaml';

let yamlModule: typeof YamlModule | undefined;
/** `yaml` (some seventy files, each a round trip through tsx's loader) is loaded only for a text js-yaml refuses or a line it has not. */
const yamlLibrary = () => (yamlModule ??= createRequire(import.meta.url)('yaml') as typeof YamlModule);

/** Keys and list indexes from the top of the document: ["synonyms", 3], ["source", 0, "ref"]. */
export type YamlPath = readonly (string | number)[];

export interface YamlFile {
  /** the document as plain data (objects, arrays, strings, numbers, booleans, null) */
  value: unknown;
  /** 1-based line where the node at `path` starts, or undefined when there is none */
  lineOf(path: YamlPath): number | undefined;
  /** 1-based line of the key that names the node at `path` (its last part) in its mapping */
  keyLineOf(path: YamlPath): number | undefined;
}

export type YamlRead = { ok: YamlFile } | { error: { line: number; message: string } };

export function readYaml(text: string): YamlRead {
  let events: Event[];
  let documents: unknown[];
  try {
    events = parseEvents(text, {});
    documents = constructFromEvents(events, { source: text });
  } catch {
    return readWithYaml(text);
  }
  // Empty or several documents: `yaml` decides, as before.
  if (documents.length !== 1) return readWithYaml(text);
  const { nodes, keys } = nodeOffsets(events, text);
  let lineStarts: number[] | undefined;
  const lineAt = (offset: number | undefined) => {
    if (offset === undefined) return undefined;
    if (!lineStarts) {
      lineStarts = [0];
      for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
    }
    return lineNumber(lineStarts, offset);
  };
  // An empty value has no offset in the events; `yaml` places it (only error messages ask).
  let exact: YamlFile | undefined;
  const emptyLineOf = (path: YamlPath) => {
    const read = (exact ??= (readWithYaml(text) as { ok?: YamlFile }).ok);
    return read?.lineOf(path);
  };
  return {
    ok: {
      value: documents[0],
      lineOf: (path) => {
        const offset = nodes.get(pathKey(path));
        return offset === EMPTY ? emptyLineOf(path) : lineAt(offset);
      },
      keyLineOf: (path) => lineAt(keys.get(pathKey(path))),
    },
  };
}

/** 1-based line of `offset`, from the offsets where lines start (ascending, the first 0). */
function lineNumber(lineStarts: number[], offset: number): number {
  let low = 0;
  let high = lineStarts.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (lineStarts[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low + 1;
}

/** A path as one string: each part after a separator no key contains ("" is the document itself). */
/** A YAML mapping read as plain data. */
export function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A scalar as trimmed text ("" for an empty value, a list or a mapping), as the validators read entries. */
export function scalarText(value: unknown): string {
  return value === null || typeof value !== 'object' ? String(value ?? '').trim() : '';
}

const SEPARATOR = '\u0000';
const pathKey = (path: YamlPath) => path.map((part) => SEPARATOR + String(part)).join('');
const join = (parent: string, part: string) => parent + SEPARATOR + part;

interface Frame {
  path: string;
  mapping: boolean;
  /** items seen (a sequence) or keys and values seen (a mapping) */
  count: number;
  /** in a mapping: the key whose value comes next */
  key?: string;
  keyStart?: number;
  /** a collection used as a mapping key: its contents have no path */
  ignored?: boolean;
}

/** Source offset of every node and of every mapping key, by path. */
function nodeOffsets(events: Event[], text: string): { nodes: Map<string, number>; keys: Map<string, number> } {
  const nodes = new Map<string, number>();
  const keys = new Map<string, number>();
  const stack: Frame[] = [];
  for (const event of events) {
    if (event.type === EVENT_ID.DOCUMENT) continue;
    if (event.type === EVENT_ID.POP) {
      stack.pop();
      continue;
    }
    const start = startOf(event);
    const parent = stack[stack.length - 1];
    let path: string | undefined = '';
    if (parent) {
      if (parent.ignored) path = undefined;
      else if (!parent.mapping) path = join(parent.path, String(parent.count++));
      else if (parent.count++ % 2 === 0) {
        // a key: only a plain key names a path
        parent.key = event.type === EVENT_ID.SCALAR ? getScalarValue(text, event) : undefined;
        parent.keyStart = start;
        path = undefined;
      } else if (parent.key === undefined) path = undefined;
      else {
        path = join(parent.path, parent.key);
        keys.set(path, parent.keyStart!);
      }
    }
    if (path !== undefined && !nodes.has(path)) nodes.set(path, start);
    if (event.type === EVENT_ID.MAPPING || event.type === EVENT_ID.SEQUENCE) {
      stack.push({ path: path ?? '', mapping: event.type === EVENT_ID.MAPPING, count: 0, ignored: path === undefined });
    }
  }
  return { nodes, keys };
}

/** The offset of an empty value (js-yaml gives none). */
const EMPTY = -1;

/** Where a node starts (EMPTY for an empty value); a block scalar ("|", ">") at its header, as `yaml` counts it. */
function startOf(event: Exclude<Event, { type: typeof EVENT_ID.DOCUMENT | typeof EVENT_ID.POP }>): number {
  if (event.type === EVENT_ID.ALIAS) return event.anchorStart;
  if (event.type !== EVENT_ID.SCALAR) return event.start;
  if (event.valueStart < 0) return EMPTY;
  const block = event.style === SCALAR_STYLE.LITERAL_BLOCK || event.style === SCALAR_STYLE.FOLDED_BLOCK;
  return block ? Math.max(0, event.valueStart - 1) : event.valueStart;
}

/** The previous reading, kept for what js-yaml refuses: `yaml`'s message and line, or its value. */
function readWithYaml(text: string): YamlRead {
  const { isMap, isScalar, LineCounter, parseDocument } = yamlLibrary();
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: true, uniqueKeys: true });
  if (doc.errors.length > 0) {
    const err = doc.errors[0]!;
    return { error: { line: err.linePos?.[0]?.line ?? 1, message: err.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '') } };
  }
  const lineOfRange = (node: unknown) => {
    const range = (node as { range?: [number, number, number] } | null | undefined)?.range;
    return range ? lineCounter.linePos(range[0]).line : undefined;
  };
  return {
    ok: {
      value: doc.toJS() as unknown,
      lineOf: (path) => lineOfRange(path.length === 0 ? doc.contents : doc.getIn(path, true)),
      keyLineOf: (path) => {
        const parent = path.length === 1 ? doc.contents : doc.getIn(path.slice(0, -1), true);
        const last = String(path[path.length - 1]);
        return isMap(parent) ? lineOfRange(parent.items.find((item) => isScalar(item.key) && String(item.key.value) === last)?.key) : undefined;
      },
    },
  };
}
