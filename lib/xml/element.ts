import { xmlChars } from './chars';

/*
 * A small XML writer. Text and attribute values are strings and are always escaped; markup is only
 * ever made by `element`, so no text an editor wrote can open or close an element (no CDATA: one
 * escaping rule for everything).
 */

/** Markup made by `element`; a plain string child is text. */
export interface XmlNode {
  readonly markup: string;
}

export type XmlChild = XmlNode | string | undefined | false;

const TEXT_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '\r': '&#13;' };
const ATTRIBUTE_ESCAPES: Record<string, string> = { ...TEXT_ESCAPES, '"': '&quot;', "'": '&apos;', '\t': '&#9;', '\n': '&#10;' };

/**
 * Text content. `>` is escaped too, so "]]>" never appears; CR is a character reference because a
 * parser would turn a literal one into LF.
 */
export function escapeXmlText(text: string): string {
  return xmlChars(text).replace(/[&<>\r]/g, (c) => TEXT_ESCAPES[c]!);
}

/** An attribute value in double quotes; tab, LF and CR as references, which attribute normalization keeps. */
export function escapeXmlAttribute(text: string): string {
  return xmlChars(text).replace(/[&<>"'\t\n\r]/g, (c) => ATTRIBUTE_ESCAPES[c]!);
}

/** `<name attributes>children</name>`; undefined attributes and children are left out. */
export function element(name: string, attributes: Record<string, string | number | undefined> | null, ...children: XmlChild[]): XmlNode {
  let open = name;
  for (const [key, value] of Object.entries(attributes ?? {})) {
    if (value !== undefined) open += ` ${key}="${escapeXmlAttribute(String(value))}"`;
  }
  const content = children.map((child) => (typeof child === 'string' ? escapeXmlText(child) : child ? child.markup : '')).join('');
  return { markup: content ? `<${open}>${content}</${name}>` : `<${open}/>` };
}

/** Children one to a line, for the long lists of feeds and sitemaps. */
export function lines(children: readonly XmlChild[]): XmlNode {
  return { markup: children.map((child) => (typeof child === 'string' ? escapeXmlText(child) : child ? child.markup : '')).join('\n') };
}

/** A whole document, UTF-8. */
export function xmlDocument(root: XmlNode): string {
  return `<?xml version="1.0" encoding="UTF-8"?>\n${root.markup}\n`;
}
