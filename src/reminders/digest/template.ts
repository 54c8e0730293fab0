// A deliberately small template language for e-mails, so that wording lives in template files:
//   {{name}} or {{a.b}}            a string or number; HTML-escaped in 'html' mode, as is in 'text' mode
//   {{#if name}}…{{else}}…{{/if}}  false, null, '', 0 and [] are false
//   {{#each list}}…{{/each}}       the body once per object of the list, with its fields in scope
// There is no way to insert unescaped HTML, and a name that is not in the data throws instead of
// printing nothing, so a typo fails the tests. A block tag alone on its line takes the line with it.
// Spaces and line breaks inside braces are allowed: prettier lays out the .html templates.
import { escapeHtml } from '../../common/html';

export type TemplateMode = 'html' | 'text';
export type TemplateValue = string | number | boolean | null | TemplateData | readonly TemplateData[];
export interface TemplateData {
  readonly [name: string]: TemplateValue;
}
export type CompiledTemplate = (data: TemplateData) => string;

export class TemplateError extends Error {
  override name = 'TemplateError';
}

type Node = { type: 'text'; text: string } | { type: 'value'; path: Path } | { type: 'each'; path: Path; body: Node[] } | { type: 'if'; path: Path; then: Node[]; else: Node[] };

interface Path {
  names: string[];
  source: string;
  line: number;
}

type Tag = { kind: 'value' | 'each' | 'if'; path: Path } | { kind: 'else' | 'end-each' | 'end-if'; line: number };

const TAG = /{{([^{}]*)}}/g;
const PATH = /^[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*$/;
export { escapeHtml };

export function compileTemplate(source: string, mode: TemplateMode, name = 'template'): CompiledTemplate {
  const nodes = parse(source, name);
  return (data) => renderNodes(nodes, [data], mode, name);
}

export function renderTemplate(source: string, data: TemplateData, mode: TemplateMode): string {
  return compileTemplate(source, mode)(data);
}

// ---- parsing ----

function parse(source: string, name: string): Node[] {
  const { texts, tags } = tokenize(source, name);
  const root: Node[] = [];
  const open: Array<{ node: Extract<Node, { type: 'each' | 'if' }>; inElse: boolean; line: number }> = [];
  const target = (): Node[] => {
    const top = open.at(-1);
    if (!top) return root;
    if (top.node.type === 'each') return top.node.body;
    return top.inElse ? top.node.else : top.node.then;
  };
  texts.forEach((text, i) => {
    if (text) target().push({ type: 'text', text });
    const tag = tags[i];
    if (!tag) return;
    switch (tag.kind) {
      case 'value':
        target().push({ type: 'value', path: tag.path });
        return;
      case 'each':
      case 'if': {
        const node: Extract<Node, { type: 'each' | 'if' }> = tag.kind === 'each' ? { type: 'each', path: tag.path, body: [] } : { type: 'if', path: tag.path, then: [], else: [] };
        target().push(node);
        open.push({ node, inElse: false, line: tag.path.line });
        return;
      }
      case 'else': {
        const top = open.at(-1);
        if (top?.node.type !== 'if' || top.inElse) throw new TemplateError(`${name}:${tag.line}: {{else}} outside an {{#if}}`);
        top.inElse = true;
        return;
      }
      case 'end-each':
      case 'end-if': {
        const expected = tag.kind === 'end-each' ? 'each' : 'if';
        const top = open.pop();
        if (top?.node.type !== expected) throw new TemplateError(`${name}:${tag.line}: {{/${expected}}} without a matching {{#${expected}}}`);
        return;
      }
    }
  });
  const unclosed = open.at(-1);
  if (unclosed) throw new TemplateError(`${name}:${unclosed.line}: {{#${unclosed.node.type}}} is never closed`);
  return root;
}

// Splits the source into texts[0] tag[0] texts[1] tag[1] … texts[n], then removes the line of each
// block tag that stands alone on it (decided on the original texts, so stacked block lines all go).
function tokenize(source: string, name: string): { texts: string[]; tags: Tag[] } {
  const texts: string[] = [];
  const tags: Tag[] = [];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    checkPlainText(source, last, match.index, name);
    const end = match.index + match[0].length;
    if (source[match.index - 1] === '{' || source[end] === '}')
      throw new TemplateError(`${name}:${lineAt(source, match.index)}: unsupported tag {{${match[1]}}} (no triple braces)`);
    texts.push(source.slice(last, match.index));
    tags.push(parseTag(match[1], lineAt(source, match.index), name));
    last = end;
  }
  checkPlainText(source, last, source.length, name);
  texts.push(source.slice(last));
  const dropStart = texts.map(() => 0);
  const dropEnd = texts.map(() => 0);
  tags.forEach((tag, i) => {
    if (tag.kind === 'value') return;
    const before = /(?:^|\n)([ \t]*)$/.exec(texts[i]);
    const after = /^[ \t]*(?:\r?\n|$)/.exec(texts[i + 1]);
    const startsLine = before !== null && (i === 0 || before[0].startsWith('\n'));
    const endsLine = after !== null && (i === tags.length - 1 || after[0].endsWith('\n'));
    if (!startsLine || !endsLine) return;
    dropEnd[i] = before[1].length;
    dropStart[i + 1] = after[0].length;
  });
  return { texts: texts.map((text, i) => text.slice(dropStart[i], text.length - dropEnd[i])), tags };
}

function checkPlainText(source: string, from: number, to: number, name: string): void {
  const text = source.slice(from, to);
  const stray = text.search(/{{|}}/);
  if (stray >= 0) throw new TemplateError(`${name}:${lineAt(source, from + stray)}: malformed tag near "${text.slice(stray, stray + 30)}"`);
}

function parseTag(content: string, line: number, name: string): Tag {
  const tag = content.trim();
  if (tag === 'else') return { kind: 'else', line };
  if (tag === '/each') return { kind: 'end-each', line };
  if (tag === '/if') return { kind: 'end-if', line };
  const block = /^#(each|if)\s+(.+)$/.exec(tag);
  const source = block ? block[2].trim() : tag;
  if (!PATH.test(source)) throw new TemplateError(`${name}:${line}: invalid tag {{${content}}}`);
  const path = { names: source.split('.'), source, line };
  if (!block) return { kind: 'value', path };
  return { kind: block[1] === 'each' ? 'each' : 'if', path };
}

function lineAt(source: string, index: number): number {
  return source.slice(0, index).split('\n').length;
}

// ---- rendering ----

function renderNodes(nodes: readonly Node[], scopes: readonly TemplateData[], mode: TemplateMode, name: string): string {
  let out = '';
  for (const node of nodes) {
    switch (node.type) {
      case 'text':
        out += node.text;
        break;
      case 'value':
        out += printable(lookup(node.path, scopes, name), node.path, mode, name);
        break;
      case 'if':
        out += renderNodes(isTruthy(lookup(node.path, scopes, name)) ? node.then : node.else, scopes, mode, name);
        break;
      case 'each':
        for (const item of list(lookup(node.path, scopes, name), node.path, name)) out += renderNodes(node.body, [...scopes, item], mode, name);
        break;
    }
  }
  return out;
}

// The first name is looked up from the innermost scope outwards, the others as fields; only own
// properties count, so "constructor" or "__proto__" are unknown like any typo.
function lookup(path: Path, scopes: readonly TemplateData[], name: string): TemplateValue {
  const [first, ...rest] = path.names;
  const scope = scopes.findLast((candidate) => Object.hasOwn(candidate, first));
  if (!scope) throw new TemplateError(`${name}:${path.line}: unknown variable "${path.source}"`);
  let value: TemplateValue = scope[first];
  for (const field of rest) {
    if (!isRecord(value) || !Object.hasOwn(value, field)) throw new TemplateError(`${name}:${path.line}: unknown variable "${path.source}"`);
    value = value[field];
  }
  return value;
}

function printable(value: TemplateValue, path: Path, mode: TemplateMode, name: string): string {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') throw new TemplateError(`${name}:${path.line}: "${path.source}" is ${describe(value)}, not text (guard it with {{#if}})`);
  return mode === 'html' ? escapeHtml(value) : value;
}

function list(value: TemplateValue, path: Path, name: string): readonly TemplateData[] {
  if (!Array.isArray(value) || !value.every(isRecord)) throw new TemplateError(`${name}:${path.line}: {{#each ${path.source}}} needs a list of objects, got ${describe(value)}`);
  return value;
}

function isTruthy(value: TemplateValue): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

function isRecord(value: TemplateValue): value is TemplateData {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function describe(value: TemplateValue): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  return typeof value === 'object' ? 'an object' : `${typeof value} ${String(value)}`;
}
