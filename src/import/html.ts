import { HTMLElement, NodeType, parse, type Node } from 'node-html-parser';
import { normalizeLine } from './lines.js';

/** Elements that are never the document's text: scripts, menus, forms, the page's own header and footer. */
const DROP_TAGS = new Set(['script', 'style', 'noscript', 'nav', 'header', 'footer', 'aside', 'form', 'button', 'select', 'iframe', 'svg', 'template', 'head', 'title', 'meta', 'link']);
/** Page furniture of a portal, by its class or id: menus, breadcrumbs, share buttons, related documents. */
const FURNITURE = /(^|[\s_-])(nav|navbar|menu|breadcrumbs?|footer|header|sidebar|banner|login|search|share|social|related|comments?|advert|ads|cookie|toolbar|tabs?|pager|pagination)($|[\s_-])/i;
const BLOCKS = new Set(['p', 'div', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'li', 'td', 'th', 'tr', 'table', 'ul', 'ol', 'blockquote', 'section', 'article', 'main', 'center', 'dd', 'dt', 'pre']);

function isFurniture(el: HTMLElement): boolean {
  if (DROP_TAGS.has(el.rawTagName?.toLowerCase() ?? '')) return true;
  const marks = `${el.getAttribute('class') ?? ''} ${el.getAttribute('id') ?? ''} ${el.getAttribute('role') ?? ''}`;
  return FURNITURE.test(marks) || el.getAttribute('role') === 'navigation' || el.getAttribute('aria-hidden') === 'true';
}

/**
 * A web page saved from a legal portal → the lines of the document it shows: one line per
 * paragraph (a <p>, a table cell, a <br>), navigation, scripts and page furniture left out.
 * Line breaks inside the page's source (a Word export wraps every ~80 columns) are spaces.
 */
export function htmlLines(html: string): string[] {
  const root = parse(html, { comment: false, blockTextElements: { script: false, style: false, noscript: false, pre: true } });
  const lines: string[] = [];
  let line = '';
  const flush = () => {
    const text = normalizeLine(line);
    if (text) lines.push(text);
    line = '';
  };
  const walk = (node: Node) => {
    if (node.nodeType === NodeType.TEXT_NODE) {
      line += node.text.replace(/[\r\n]+/g, ' ');
      return;
    }
    if (!(node instanceof HTMLElement)) return;
    const tag = node.rawTagName?.toLowerCase() ?? '';
    if (tag && isFurniture(node)) return;
    if (tag === 'br') return flush();
    const block = BLOCKS.has(tag);
    if (block) flush();
    for (const child of node.childNodes) walk(child);
    if (block) flush();
  };
  walk(root.querySelector('body') ?? root);
  flush();
  return lines;
}
