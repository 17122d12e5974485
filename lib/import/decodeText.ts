/*
 * A source's bytes as text, in the charset it declares: the HTTP Content-Type's charset, else the
 * XML declaration's encoding, else a byte-order mark, else UTF-8. TextDecoder knows the WHATWG
 * encodings, GBK, GB18030 and Big5 among them.
 */

/** The XML declaration is ASCII in every encoding it can name, except UTF-16 (whose BOM says so). */
const XML_DECLARATION = /^(?:\xEF\xBB\xBF)?\s*<\?xml\s[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]{1,40})["']/;

function fromContentType(contentType: string | undefined): string | undefined {
  return /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType ?? '')?.[1];
}

function fromBom(bytes: Uint8Array): string | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  return undefined;
}

/** Which charset, and where it was declared. */
export function declaredCharset(bytes: Uint8Array, contentType?: string): { charset: string; where: string } {
  const header = fromContentType(contentType);
  if (header) return { charset: header, where: 'Content-Type header' };
  const declaration = XML_DECLARATION.exec(Buffer.from(bytes.subarray(0, 256)).toString('latin1'))?.[1];
  if (declaration) return { charset: declaration, where: 'XML declaration' };
  const bom = fromBom(bytes);
  if (bom) return { charset: bom, where: 'byte-order mark' };
  return { charset: 'utf-8', where: 'default' };
}

export function decodeText(bytes: Uint8Array, contentType?: string): string {
  const { charset, where } = declaredCharset(bytes, contentType);
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset);
  } catch {
    throw new Error(`its ${where} names the charset "${charset}", which the importer cannot decode`);
  }
  return decoder.decode(bytes);
}
