/*
 * The summary the aggregator's script wrote: the text itself when it is short, else one sentence
 * of it followed by "...".
 */

const HAN = /[\u3400-\u9fff\uf900-\ufaff]/g;
const CHINESE_SHORT = 80;
const WORDS_SHORT = 50;
/** A sentence longer than this is cut (Chinese by characters, other text at a word). */
const CHINESE_SENTENCE = 80;
const SENTENCE = 200;

function isChinese(text: string): boolean {
  return (text.match(HAN)?.length ?? 0) > text.length / 4;
}

/** The first sentence: up to the first 。！？ (Chinese) or . ! ? followed by a space (other text). */
function firstSentence(text: string, chinese: boolean): string {
  const end = chinese ? /[。！？!?]/.exec(text) : /[.!?](?=\s)/.exec(text);
  const sentence = end ? text.slice(0, end.index + 1) : text;
  const limit = chinese ? CHINESE_SENTENCE : SENTENCE;
  if (sentence.length <= limit) return sentence;
  const cut = sentence.slice(0, limit);
  const space = cut.lastIndexOf(' ');
  return chinese || space < limit / 2 ? cut : cut.slice(0, space);
}

export function summarize(plainText: string): string {
  const text = plainText.replace(/\s+/g, ' ').trim();
  if (!text) return '';
  const chinese = isChinese(text);
  const short = chinese ? text.length < CHINESE_SHORT : text.split(' ').length < WORDS_SHORT;
  return short ? text : `${firstSentence(text, chinese)}...`;
}
