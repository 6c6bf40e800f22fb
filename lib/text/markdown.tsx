// Event descriptions: a small Markdown subset, stored as typed, rendered to React elements.
// Nothing is ever interpreted as HTML: React escapes every string, and only http(s) and mailto
// links become anchors. Every scan below is linear in the length of the text: no regular
// expression with nested quantifiers, and delimiter searches use precomputed "next" tables.

import { Fragment, type ReactNode } from 'react';

/**
 * True when the text contains something an HTML parser would read as markup: `<` followed by a
 * letter, `/`, `!` or `?` (tags, closing tags, comments, doctypes, processing instructions).
 * `a < b`, `3<4`, `<3`, `« »` and `->` are fine. Such text is refused on save.
 */
export function containsMarkup(text: string): boolean {
  return /<[a-zA-Z/!?]/.test(text);
}

// ---------------------------------------------------------------------------------------------
// Blocks

type Block =
  | { kind: 'p'; text: string }
  | { kind: 'h3' | 'h4'; text: string }
  | { kind: 'ul'; items: string[] }
  | { kind: 'ol'; start: number; items: string[] };

const HEADING = /^[ \t]*(#{3,4})[ \t]+/;
const BULLET = /^[ \t]*[-*][ \t]+/;
const NUMBERED = /^[ \t]*(\d{1,9})\.[ \t]+/;

function parseBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  let current: Block | null = null;
  const close = () => {
    if (current) blocks.push(current);
    current = null;
  };

  for (const line of text.split(/\r\n?|\n/)) {
    const trimmed = line.trim();
    if (trimmed === '') {
      close();
      continue;
    }

    const heading = HEADING.exec(line);
    if (heading) {
      const content = line.slice(heading[0].length).trim();
      if (content !== '') {
        close();
        blocks.push({ kind: heading[1] === '###' ? 'h3' : 'h4', text: content });
        continue;
      }
    }

    const bullet = BULLET.exec(line);
    if (bullet) {
      const content = line.slice(bullet[0].length).trim();
      if (content !== '') {
        if (current?.kind === 'ul') current.items.push(content);
        else {
          close();
          current = { kind: 'ul', items: [content] };
        }
        continue;
      }
    }

    const numbered = NUMBERED.exec(line);
    if (numbered) {
      const content = line.slice(numbered[0].length).trim();
      const start = Number(numbered[1]);
      // As in CommonMark, only "1." may interrupt a paragraph ("2027. A year…" stays text).
      if (content !== '' && (current?.kind !== 'p' || start === 1)) {
        if (current?.kind === 'ol') current.items.push(content);
        else {
          close();
          current = { kind: 'ol', start, items: [content] };
        }
        continue;
      }
    }

    // Plain text: continues the paragraph or the last list item (as a line break).
    if (current?.kind === 'p') current.text += `\n${trimmed}`;
    else if (current?.kind === 'ul' || current?.kind === 'ol') {
      const last = current.items.length - 1;
      current.items[last] += `\n${trimmed}`;
    } else {
      close();
      current = { kind: 'p', text: trimmed };
    }
  }
  close();
  return blocks;
}

// ---------------------------------------------------------------------------------------------
// Inline: **bold**, *italic*, _italic_, [text](url)

const BOLD = 1;
const ITALIC = 2;
const LINK = 4;
const ALL = BOLD | ITALIC | LINK;

const SPACE = /\s/;
const WORD = /[\p{L}\p{N}]/u;

function isSpace(c: string | undefined): boolean {
  return c === undefined || SPACE.test(c);
}

function isWord(c: string | undefined): boolean {
  return c !== undefined && WORD.test(c);
}

/** table[i] = the first index j >= i where `matches(j)`, or -1. */
function nextTable(length: number, matches: (j: number) => boolean): Int32Array {
  const table = new Int32Array(length + 1);
  table[length] = -1;
  for (let j = length - 1; j >= 0; j--) table[j] = matches(j) ? j : (table[j + 1] ?? -1);
  return table;
}

function at(table: Int32Array | undefined, index: number): number {
  return table?.[index] ?? -1;
}

interface Tables {
  boldClose?: Int32Array;
  starClose?: Int32Array;
  underscoreClose?: Int32Array;
  openBracket?: Int32Array;
  closeBracket?: Int32Array;
  openParen?: Int32Array;
  closeParen?: Int32Array;
}

function buildTables(t: string, allow: number): Tables {
  const n = t.length;
  const tables: Tables = {};
  if ((allow & (BOLD | ITALIC)) !== 0 && t.includes('*')) {
    // A bold closer is the last "**" of a run of stars, after a non-space.
    tables.boldClose = nextTable(
      n,
      (j) => t[j] === '*' && t[j + 1] === '*' && t[j + 2] !== '*' && !isSpace(t[j - 1]),
    );
    // An italic closer is a lone "*" after a non-space.
    tables.starClose = nextTable(
      n,
      (j) => t[j] === '*' && t[j - 1] !== '*' && t[j + 1] !== '*' && !isSpace(t[j - 1]),
    );
  }
  if ((allow & ITALIC) !== 0 && t.includes('_')) {
    // "_" only closes at the end of a word: snake_case_names stay as typed.
    tables.underscoreClose = nextTable(
      n,
      (j) =>
        t[j] === '_' &&
        t[j - 1] !== '_' &&
        t[j + 1] !== '_' &&
        !isSpace(t[j - 1]) &&
        !isWord(t[j + 1]),
    );
  }
  if ((allow & LINK) !== 0 && t.includes('[')) {
    tables.openBracket = nextTable(n, (j) => t[j] === '[');
    tables.closeBracket = nextTable(n, (j) => t[j] === ']');
    tables.openParen = nextTable(n, (j) => t[j] === '(');
    tables.closeParen = nextTable(n, (j) => t[j] === ')');
  }
  return tables;
}

/** Index of the ")" ending a link destination that starts at `from`, or -1. */
function destinationEnd(tables: Tables, from: number): number {
  let q = from;
  // Balanced, non-nested parentheses are allowed in a URL: https://fr.wikipedia.org/wiki/A_(b).
  for (let groups = 0; groups <= 4; groups++) {
    const close = at(tables.closeParen, q);
    if (close === -1) return -1;
    const open = at(tables.openParen, q);
    if (open === -1 || open > close) return close;
    const nested = at(tables.openParen, open + 1);
    if (nested !== -1 && nested < close) return -1;
    q = close + 1;
  }
  return -1;
}

function isControlOrSpace(url: string): boolean {
  for (let i = 0; i < url.length; i++) {
    const code = url.charCodeAt(i);
    if (code <= 0x20 || code === 0x7f) return true;
  }
  return SPACE.test(url);
}

const ALLOWED_URL = /^(?:https?:\/\/[^/\\?#]|mailto:.)/i;
const ALLOWED_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);

/** The link target when it is an absolute http(s) or mailto URL, otherwise null. */
function safeHref(destination: string): string | null {
  const url = destination.trim();
  if (url === '' || isControlOrSpace(url) || !ALLOWED_URL.test(url)) return null;
  try {
    return ALLOWED_PROTOCOLS.has(new URL(url).protocol) ? url : null;
  } catch {
    return null;
  }
}

function pushText(out: ReactNode[], text: string): void {
  const lines = text.split('\n');
  lines.forEach((line, index) => {
    if (index > 0) out.push(<br key={out.length} />);
    if (line !== '') out.push(line);
  });
}

function parseInline(t: string, allow: number = ALL): ReactNode[] {
  const out: ReactNode[] = [];
  const n = t.length;
  const tables = buildTables(t, allow);
  let textStart = 0;
  let i = 0;

  const emit = (end: number, node: ReactNode, next: number) => {
    if (end > textStart) pushText(out, t.slice(textStart, end));
    out.push(node);
    i = next;
    textStart = next;
  };

  while (i < n) {
    const c = t[i];

    if (c === '*' && (allow & BOLD) !== 0 && t[i + 1] === '*' && !isSpace(t[i + 2])) {
      const close = at(tables.boldClose, i + 3);
      if (close !== -1) {
        const inner = parseInline(t.slice(i + 2, close), allow & ~BOLD);
        emit(i, <strong key={out.length}>{inner}</strong>, close + 2);
        continue;
      }
    }

    if (c === '*' && (allow & ITALIC) !== 0 && t[i + 1] !== '*' && !isSpace(t[i + 1])) {
      const close = at(tables.starClose, i + 2);
      if (close !== -1) {
        const inner = parseInline(t.slice(i + 1, close), allow & ~ITALIC);
        emit(i, <em key={out.length}>{inner}</em>, close + 1);
        continue;
      }
    }

    if (
      c === '_' &&
      (allow & ITALIC) !== 0 &&
      t[i + 1] !== '_' &&
      !isSpace(t[i + 1]) &&
      !isWord(t[i - 1]) &&
      t[i - 1] !== '_'
    ) {
      const close = at(tables.underscoreClose, i + 2);
      if (close !== -1) {
        const inner = parseInline(t.slice(i + 1, close), allow & ~ITALIC);
        emit(i, <em key={out.length}>{inner}</em>, close + 1);
        continue;
      }
    }

    if (c === '[' && (allow & LINK) !== 0) {
      const textEnd = at(tables.closeBracket, i + 1);
      const innerOpen = at(tables.openBracket, i + 1);
      if (textEnd !== -1 && (innerOpen === -1 || innerOpen > textEnd) && t[textEnd + 1] === '(') {
        const label = t.slice(i + 1, textEnd);
        const end = destinationEnd(tables, textEnd + 2);
        if (label.trim() !== '' && end !== -1) {
          const inner = parseInline(label, allow & ~LINK);
          const href = safeHref(t.slice(textEnd + 2, end));
          const key = out.length;
          emit(
            i,
            href === null ? (
              <Fragment key={key}>{inner}</Fragment>
            ) : (
              <a key={key} href={href} rel="noopener noreferrer">
                {inner}
              </a>
            ),
            end + 1,
          );
          continue;
        }
      }
    }

    i++;
  }
  if (n > textStart) pushText(out, t.slice(textStart));
  return out;
}

// ---------------------------------------------------------------------------------------------
// Rendering

/**
 * Renders the Markdown subset to React elements: paragraphs (blank-line separated, single line
 * breaks kept), `### ` / `#### ` headings, `- ` / `* ` and `1. ` lists, `**bold**`, `*italic*`,
 * `_italic_` and `[text](url)` links to http(s) or mailto URLs (any other link shows its text).
 */
export function renderMarkdown(text: string): ReactNode {
  const nodes: ReactNode[] = [];
  for (const block of parseBlocks(text)) {
    const key = nodes.length;
    switch (block.kind) {
      case 'p':
        nodes.push(<p key={key}>{parseInline(block.text)}</p>);
        break;
      case 'h3':
        nodes.push(<h3 key={key}>{parseInline(block.text)}</h3>);
        break;
      case 'h4':
        nodes.push(<h4 key={key}>{parseInline(block.text)}</h4>);
        break;
      case 'ul':
        nodes.push(<ul key={key}>{listItems(block.items)}</ul>);
        break;
      case 'ol':
        nodes.push(
          <ol key={key} start={block.start === 1 ? undefined : block.start}>
            {listItems(block.items)}
          </ol>,
        );
        break;
    }
  }
  return nodes;
}

function listItems(items: string[]): ReactNode[] {
  const nodes: ReactNode[] = [];
  for (const item of items) nodes.push(<li key={nodes.length}>{parseInline(item)}</li>);
  return nodes;
}

/** An event description, rendered from its Markdown source. */
export function MarkdownText({ text }: { text: string }) {
  return <>{renderMarkdown(text)}</>;
}
