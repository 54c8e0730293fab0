import { BriefingModel } from '../model/briefing-model';
import { Block, briefingBlocks, Cell, Column, textLines } from './html';

// The briefing pack as GitHub-flavoured Markdown: the same blocks as the HTML page, with pipe
// tables. Model text is escaped so that a unit's words can never become markup, links or HTML.

const HARD_BREAK = '\\\n';

export function renderMarkdown(model: BriefingModel): string {
  return `${briefingBlocks(model).map(markdownBlock).join('\n\n')}\n`;
}

function markdownBlock(block: Block): string {
  switch (block.kind) {
    case 'documentHeader':
      return [
        [strong(block.issuer[0]), ...block.issuer.slice(1).map(escapeLine)].join(HARD_BREAK),
        [strong(block.nation), strong(block.motto)].join(HARD_BREAK),
        emphasis(block.placeDate),
      ].join('\n\n');
    case 'title':
      return `# ${singleLine(block.title)}\n\n${strong(block.subtitle)}`;
    case 'heading':
      return `${block.newPage ? '---\n\n' : ''}${'#'.repeat(block.level)} ${singleLine(block.text)}`;
    case 'paragraph':
      return markdownLines(block.text, '');
    case 'note':
    case 'empty':
      return emphasis(block.text);
    case 'list':
      return block.items.map((item) => `- ${emphasis(`${item.label}:`)} ${markdownLines(item.text, '  ')}`).join('\n');
    case 'table':
      return markdownTable(block.columns, block.rows);
    case 'signature':
      return [emphasis(block.recipientsTitle), block.recipients.map((line) => `- ${escapeLine(line)}`).join('\n'), block.signer.map(strong).join(HARD_BREAK)].join('\n\n');
  }
}

const DELIMITERS: Record<Column['align'], string> = { left: '---', center: ':---:', right: '---:' };

function markdownTable(columns: Column[], rows: Cell[][]): string {
  const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
  const head = line(columns.map((column) => singleLine(column.label)));
  const delimiter = line(columns.map((column) => DELIMITERS[column.align]));
  return [head, delimiter, ...rows.map((row) => line(row.map(markdownCell)))].join('\n');
}

function markdownCell(cell: Cell): string {
  return typeof cell === 'string' ? singleLine(cell) : `[${singleLine(cell.text)}](${escapeUrl(cell.href)})`;
}

// A link destination cannot hold spaces, angle brackets or unbalanced parentheses.
function escapeUrl(url: string): string {
  return url.replace(/[\s<>()\\|]/g, (char) => encodeURIComponent(char).replace(/[()]/g, (paren) => `%${paren.charCodeAt(0).toString(16).toUpperCase()}`));
}

// Multi-line text keeps its lines as hard breaks; continuation lines take `indent` (inside lists).
function markdownLines(text: string, indent: string): string {
  return textLines(text)
    .map(escapeLine)
    .join(HARD_BREAK + indent);
}

function strong(text: string): string {
  return wrap('**', text);
}

function emphasis(text: string): string {
  return wrap('*', text);
}

// Markers around a trimmed single line; an empty text gives nothing rather than a stray `**`.
function wrap(marker: string, text: string): string {
  const escaped = singleLine(text);
  return escaped ? `${marker}${escaped}${marker}` : '';
}

// Headings, cells and emphasis hold one line: a line break inside would end them.
function singleLine(text: string): string {
  return escapeInline(textLines(text).join(' '));
}

// A line that starts like a list item, a heading underline or an ordered list stays plain text.
function escapeLine(line: string): string {
  return escapeInline(line)
    .replace(/^([+=-])/, '\\$1')
    .replace(/^(\d+)([.)])/, '$1\\$2');
}

// Backslash-escapes every character that could start markup, a table cell, raw HTML or an
// entity; `#`, `>` and `|` included, so the same function serves headings, quotes and cells.
export function escapeInline(text: string): string {
  return text.replace(/[\\`*_[\]<>|~#]/g, '\\$&').replace(/&(?=\w+;)/g, '\\&');
}
