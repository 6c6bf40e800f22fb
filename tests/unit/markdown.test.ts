import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { containsMarkup, MarkdownText, renderMarkdown } from '@/lib/text/markdown';

const html = (text: string) => renderToStaticMarkup(createElement(MarkdownText, { text }));
const count = (haystack: string, needle: string) => haystack.split(needle).length - 1;

describe('renderMarkdown: blocks', () => {
  it('separates paragraphs with blank lines and keeps single line breaks', () => {
    expect(html('One\ntwo\n\nThree')).toBe('<p>One<br/>two</p><p>Three</p>');
    expect(html('One\r\ntwo\r\n\r\n\r\nThree\rfour')).toBe(
      '<p>One<br/>two</p><p>Three<br/>four</p>',
    );
    expect(html('  One  \n   \n\tTwo')).toBe('<p>One</p><p>Two</p>');
  });

  it('renders nothing for blank text', () => {
    expect(html('')).toBe('');
    expect(html(' \n\n\t\n')).toBe('');
    expect(renderToStaticMarkup(createElement('div', null, renderMarkdown('Hi')))).toBe(
      '<div><p>Hi</p></div>',
    );
  });

  it('renders ### and #### headings only', () => {
    expect(html('### Programme\n#### Day one\nText')).toBe(
      '<h3>Programme</h3><h4>Day one</h4><p>Text</p>',
    );
    expect(html('Intro\n### Title')).toBe('<p>Intro</p><h3>Title</h3>');
    expect(html('# One\n\n## Two\n\n##### Five\n\n###Tight\n\n### ')).toBe(
      '<p># One</p><p>## Two</p><p>##### Five</p><p>###Tight</p><p>###</p>',
    );
  });

  it('renders bullet lists with - or *', () => {
    expect(html('- One\n- Two\n* Three')).toBe('<ul><li>One</li><li>Two</li><li>Three</li></ul>');
    expect(html('Bring:\n- a badge\n- a pen\n\nThanks')).toBe(
      '<p>Bring:</p><ul><li>a badge</li><li>a pen</li></ul><p>Thanks</p>',
    );
    expect(html('- One\n  continued')).toBe('<ul><li>One<br/>continued</li></ul>');
    expect(html('- One\n\n- Two')).toBe('<ul><li>One</li></ul><ul><li>Two</li></ul>');
  });

  it('renders numbered lists', () => {
    expect(html('1. One\n2. Two\n10. Ten')).toBe('<ol><li>One</li><li>Two</li><li>Ten</li></ol>');
    expect(html('3. Three\n4. Four')).toBe('<ol start="3"><li>Three</li><li>Four</li></ol>');
    expect(html('- Bullet\n1. Number')).toBe('<ul><li>Bullet</li></ul><ol><li>Number</li></ol>');
    expect(html('Steps:\n1. Register')).toBe('<p>Steps:</p><ol><li>Register</li></ol>');
  });

  it('leaves look-alikes of list items as text', () => {
    expect(html('-> next\n-not a list\n*italic* start')).toBe(
      '<p>-&gt; next<br/>-not a list<br/><em>italic</em> start</p>',
    );
    expect(html('In\n2027. A year')).toBe('<p>In<br/>2027. A year</p>');
    expect(html('1.5 million\n1.\n- ')).toBe('<p>1.5 million<br/>1.<br/>-</p>');
  });
});

describe('renderMarkdown: inline', () => {
  it('renders bold and italic', () => {
    expect(html('A **bold** word')).toBe('<p>A <strong>bold</strong> word</p>');
    expect(html('An *italic* and an _italic_ word')).toBe(
      '<p>An <em>italic</em> and an <em>italic</em> word</p>',
    );
    expect(html('***both***')).toBe('<p><strong><em>both</em></strong></p>');
    expect(html('**bold *and italic***')).toBe('<p><strong>bold <em>and italic</em></strong></p>');
    expect(html('*italic **and bold** here*')).toBe(
      '<p><em>italic <strong>and bold</strong> here</em></p>',
    );
  });

  it('leaves unmatched or spaced delimiters as typed', () => {
    expect(html('2 * 3 * 4 and ** a ** and *open')).toBe('<p>2 * 3 * 4 and ** a ** and *open</p>');
    expect(html('snake_case_name and __init__ and _ x _')).toBe(
      '<p>snake_case_name and __init__ and _ x _</p>',
    );
    expect(html('****')).toBe('<p>****</p>');
    expect(html('x_y_ z and _a_b')).toBe('<p>x_y_ z and _a_b</p>');
  });

  it('lets formatting span single line breaks within a paragraph', () => {
    expect(html('**one\ntwo**')).toBe('<p><strong>one<br/>two</strong></p>');
  });

  it('renders http, https and mailto links', () => {
    expect(html('[Site](https://example.org/a?b=1&c=2#d)')).toBe(
      '<p><a href="https://example.org/a?b=1&amp;c=2#d" rel="noopener noreferrer">Site</a></p>',
    );
    expect(html('See [the page](http://example.org).')).toBe(
      '<p>See <a href="http://example.org" rel="noopener noreferrer">the page</a>.</p>',
    );
    expect(html('[Write](mailto:contact@example.org)')).toBe(
      '<p><a href="mailto:contact@example.org" rel="noopener noreferrer">Write</a></p>',
    );
    expect(html('[Site](HTTPS://EXAMPLE.ORG)')).toBe(
      '<p><a href="HTTPS://EXAMPLE.ORG" rel="noopener noreferrer">Site</a></p>',
    );
    expect(html('[Wiki](https://fr.wikipedia.org/wiki/Tunis_(ville)) after')).toBe(
      '<p><a href="https://fr.wikipedia.org/wiki/Tunis_(ville)" rel="noopener noreferrer">Wiki</a> after</p>',
    );
  });

  it('nests bold in list items and links, and links in list items', () => {
    expect(html('- **Day one**: plenary\n- [**Register**](https://example.org/r) now')).toBe(
      '<ul><li><strong>Day one</strong>: plenary</li>' +
        '<li><a href="https://example.org/r" rel="noopener noreferrer"><strong>Register</strong></a> now</li></ul>',
    );
    expect(html('1. *Read* the [_agenda_ **now**](https://example.org)')).toBe(
      '<ol><li><em>Read</em> the <a href="https://example.org" rel="noopener noreferrer">' +
        '<em>agenda</em> <strong>now</strong></a></li></ol>',
    );
    expect(html('**See [the site](https://example.org)**')).toBe(
      '<p><strong>See <a href="https://example.org" rel="noopener noreferrer">the site</a></strong></p>',
    );
    expect(html('### The [agenda](https://example.org) is **out**')).toBe(
      '<h3>The <a href="https://example.org" rel="noopener noreferrer">agenda</a> is <strong>out</strong></h3>',
    );
  });

  it('leaves malformed links as typed', () => {
    expect(html('[no url] and [](https://example.org) and [open](https://x')).toBe(
      '<p>[no url] and [](https://example.org) and [open](https://x</p>',
    );
    expect(html('[a](https://example.org/((x)))')).toBe('<p>[a](https://example.org/((x)))</p>');
    expect(html('[a [b](https://example.org)')).toBe(
      '<p>[a <a href="https://example.org" rel="noopener noreferrer">b</a></p>',
    );
  });
});

describe('renderMarkdown: safety', () => {
  it('escapes HTML in text instead of interpreting it', () => {
    expect(html('<script>alert(1)</script>')).toBe('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(html('<img src=x onerror=alert(1)> & "quotes"')).toBe(
      '<p>&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</p>',
    );
    expect(html('**<b>bold</b>**')).toBe('<p><strong>&lt;b&gt;bold&lt;/b&gt;</strong></p>');
    expect(html('[<i>x</i>](https://example.org)')).toBe(
      '<p><a href="https://example.org" rel="noopener noreferrer">&lt;i&gt;x&lt;/i&gt;</a></p>',
    );
    expect(html('&lt;script&gt;')).toBe('<p>&amp;lt;script&amp;gt;</p>');
  });

  it('cannot break out of the href attribute', () => {
    const out = html('[x](https://example.org/"onmouseover="alert(1))');
    expect(out).toBe(
      '<p><a href="https://example.org/&quot;onmouseover=&quot;alert(1)" rel="noopener noreferrer">x</a></p>',
    );
  });

  it('renders links with any other scheme as their text only', () => {
    const refused = [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      'java&#x09;script:alert(1)',
      '&#106;avascript:alert(1)',
      'javascript&colon;alert(1)',
      '\u0001javascript:alert(1)',
      'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==',
      'DATA:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://example.org',
      '//evil.example',
      '\\\\evil.example',
      '/relative/path',
      'relative',
      '#fragment',
      'https:evil.example',
      'https:/evil.example',
      'https:///evil.example',
      'https:\\\\evil.example',
      'https://exa mple.org',
      'https://example.org/a b',
      'https://[not-a-host',
      'mailto:',
      '',
    ];
    for (const url of refused) {
      const out = html(`Go [there](${url}) now`);
      expect(out, JSON.stringify(url)).not.toContain('<a');
      expect(out, JSON.stringify(url)).not.toContain('href');
      expect(out, JSON.stringify(url)).toBe('<p>Go there now</p>');
    }
  });

  it('never uses dangerouslySetInnerHTML', () => {
    const source = readFileSync(
      fileURLToPath(new URL('../../lib/text/markdown.tsx', import.meta.url)),
      'utf8',
    );
    expect(source).not.toContain('dangerouslySetInnerHTML');
    expect(source).not.toContain('__html');
  });
});

describe('containsMarkup', () => {
  it('detects tags, closing tags, comments, doctypes and processing instructions', () => {
    for (const text of [
      '<script>alert(1)</script>',
      '<SCRIPT>',
      '<img src=x onerror=alert(1)>',
      'end</p>',
      '<!-- comment -->',
      '<!DOCTYPE html>',
      '<?xml version="1.0"?>',
      '<svg/onload=alert(1)>',
      'Hello <b>world</b>',
      'a<iframe',
    ]) {
      expect(containsMarkup(text), text).toBe(true);
    }
  });

  it('accepts ordinary uses of <', () => {
    for (const text of [
      '',
      'a < b',
      '3<4',
      'I <3 Tunis',
      '« guillemets »',
      'step -> next',
      '<= 10 and < 5',
      '<<<',
      '< p>',
      '**bold** [link](https://example.org)',
    ]) {
      expect(containsMarkup(text), text).toBe(false);
    }
  });
});

describe('renderMarkdown: large inputs', () => {
  const size = 100_000;
  const repeat = (unit: string) => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);

  it('renders 100 kB of regular content', { timeout: 10_000 }, () => {
    const unit = 'Lorem *ipsum* **dolor** _sit_ [amet](https://example.org) 3 < 4\n\n- item\n\n';
    const text = repeat(unit);
    const out = html(text);
    const units = Math.floor(size / unit.length);
    expect(count(out, '<strong>')).toBeGreaterThanOrEqual(units);
    expect(count(out, '<a href')).toBeGreaterThanOrEqual(units);
  });

  it.each([
    ['unclosed brackets', '['],
    ['unclosed links', '[a](x'],
    ['brackets without a destination', '[a]'],
    ['unclosed bold', '**a '],
    ['unclosed italic', '*a '],
    ['unclosed underscores', '_a '],
    ['stars', '*'],
    ['underscores', '_'],
    ['opening parentheses', '[a]('],
    ['parenthesised destinations', '[a]((x)'],
    ['angle brackets', '<'],
    ['list lines', '- a\n'],
    ['blank lines', '\n'],
    ['hashes', '#'],
  ])('renders 100 kB of %s promptly', { timeout: 10_000 }, (_name, unit) => {
    const text = repeat(unit);
    const out = html(text);
    expect(out.length).toBeGreaterThanOrEqual(unit.trim() === '' ? 0 : size / 2);
    containsMarkup(text);
  });

  it('renders a long line of spaces before a line separator promptly', { timeout: 10_000 }, () => {
    expect(html(`- ${' '.repeat(size)}\u2028x`)).toBe('<ul><li>x</li></ul>');
  });
});
