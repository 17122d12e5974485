import type { Root, Text } from 'mdast';
import remarkSmartypants from 'remark-smartypants';
import { retext } from 'retext';
import retextSmartypants from 'retext-smartypants';
import type { Transformer } from 'unified';
import { visit } from 'unist-util-visit';

/**
 * Typographic punctuation, as Hugo's typographer gave the old site: straight quotes and
 * apostrophes curled (“ ” ‘ ’), `--` an en dash, `---` an em dash, `...` an ellipsis. The work is
 * SmartyPants's (retext-smartypants, through remark-smartypants for bodies); this module only
 * says where it must not reach and keeps Hugo's one rule for Chinese.
 */
const SMARTYPANTS = { dashes: 'oldschool', backticks: false } as const;

/**
 * Chinese: a straight double quote between two Han characters (美联储"鹰派"立场) is left as
 * written, as Hugo left it: nothing around it tells an opening quote from a closing one, and
 * SmartyPants would close both. Beside Chinese punctuation or a space (他说："你好"。) it curls
 * like any other. The quote is hidden in a private-use character of the same length while
 * SmartyPants runs, so the plugin's offsets hold.
 */
const HAN = '\\p{Script=Han}';
const QUOTE_BETWEEN_HAN = new RegExp(`(?<=${HAN})"(?=${HAN})`, 'gu');
const HIDDEN_QUOTE = '\uE000';
const hideHanQuotes = (text: string) => (text.includes('"') ? text.replace(QUOTE_BETWEEN_HAN, HIDDEN_QUOTE) : text);
const showHanQuotes = (text: string) => (text.includes(HIDDEN_QUOTE) ? text.replaceAll(HIDDEN_QUOTE, '"') : text);

/** Text that SmartyPants could change at all; most titles have none of it and skip the parse. */
const ANYTHING_TO_DO = /["']|--|\.\.\./;

const plainText = retext().use(retextSmartypants, SMARTYPANTS).freeze();

/** Recent answers: the same titles are set on every page that lists them (recent, pager, lists). */
const memo = new Map<string, string>();
const MEMO_ENTRIES = 4096;

/** One string (a title, a summary, a lead) with typographic punctuation. */
export function smartPunctuation(text: string): string {
  if (!ANYTHING_TO_DO.test(text)) return text;
  let result = memo.get(text);
  if (result === undefined) {
    result = showHanQuotes(String(plainText.processSync(hideHanQuotes(text))));
    if (memo.size >= MEMO_ENTRIES) memo.clear();
    memo.set(text, result);
  }
  return result;
}

/**
 * `name@host.domain` with no space: what `/^\S+@\S+\.\S+$/` matched, without trying every `@` and
 * `.` of a long word against each other (a megabyte of `@` took a quarter of an hour).
 */
function looksLikeEmail(value: string): boolean {
  if (/\s/.test(value)) return false;
  const at = value.indexOf('@', 1);
  return at > 0 && value.lastIndexOf('.', value.length - 2) > at + 1;
}

/** A link whose text is its own address (an autolink, `<https://…>`, `www.…`): never touched. */
export const looksLikeAddress = (value: string) => /^(?:[a-z][a-z0-9+.-]*:|www\.)\S*$/i.test(value) || looksLikeEmail(value);

/**
 * The remark plugin for bodies. SmartyPants sees text only: code spans and blocks, math, raw HTML
 * (tags and their attributes) and link and image addresses are other kinds of node and are left
 * alone; the text of a link that is its own address is set aside here, then put back.
 */
export function remarkTypography(): Transformer<Root> {
  const smartypants = (remarkSmartypants as unknown as (options: object) => (tree: Root) => void)(SMARTYPANTS);
  return (tree) => {
    const addresses: Text[] = [];
    const hidden: Text[] = [];
    visit(tree, 'text', (node, _index, parent) => {
      if (parent?.type === 'link' && looksLikeAddress(node.value)) {
        addresses.push(node);
        // A node type SmartyPants does not visit, for the time it runs.
        (node as unknown as { type: string }).type = 'broadsheetAddress';
        return;
      }
      const value = hideHanQuotes(node.value);
      if (value !== node.value) {
        node.value = value;
        hidden.push(node);
      }
    });
    smartypants(tree);
    for (const node of addresses) (node as unknown as { type: string }).type = 'text';
    for (const node of hidden) node.value = showHanQuotes(node.value);
  };
}

/** The fields of an article readers see as text, with typographic punctuation. */
export function typesetArticle<T extends { title: string; summary: string; lead: string; excerpt: string }>(article: T): T {
  return {
    ...article,
    title: smartPunctuation(article.title),
    summary: smartPunctuation(article.summary),
    lead: smartPunctuation(article.lead),
    excerpt: smartPunctuation(article.excerpt),
  };
}
