/*
 * The content folder every store engine is held to (tests/store/contract.ts): our own writing,
 * in English, Simplified and Traditional Chinese, with terms, a menu, a draft, a future-dated
 * article and one URL in three languages.
 */
import { corpusShaped, type TempContent } from '../helpers/tempContent';

/** "Now" for the contract: the future-dated article stays in the future. */
export const CONTRACT_NOW = Date.parse('2026-01-01T00:00:00Z');

const list = (items: string[]) => (items.length === 0 ? '[]' : `\n${items.map((item) => `  - "${item}"`).join('\n')}`);

export function article(
  fields: { title: string; date: string; lang: string; categories?: string[]; tags?: string[]; menu?: string; draft?: boolean },
  body: string,
  /** Further front matter, as YAML values by key (the newsroom's fields). */
  extra: Record<string, string> = {},
): string {
  return corpusShaped(
    {
      title: JSON.stringify(fields.title),
      date: `"${fields.date}"`,
      summary: '""',
      lang: list([fields.lang]),
      translations: list([fields.lang]),
      categories: list(fields.categories ?? []),
      tags: list(fields.tags ?? []),
      menu: fields.menu ? `"${fields.menu}"` : '""',
      ...(fields.draft ? { draft: 'true' } : {}),
      ...extra,
    },
    body,
  );
}

/** An author's description (content/authors/<id>.md, lib/content/authorFile.ts). */
export const JANE_DOE = [
  '---',
  'name: "Jane Doe"',
  'bio:',
  '  en: "Covers markets and central banks."',
  '  zh-CN: "报道市场与央行。"',
  'photo: "/images/jane.png"',
  'links:',
  '  - "https://example.org/jane"',
  '  - { name: "Notes", url: "https://example.com/jd" }',
  '---',
  "An editor's note, never shown.",
  '',
].join('\r\n');

export function writeContractFolder(content: TempContent): TempContent {
  return (
    content
      .write('authors/jane-doe.md', JANE_DOE)
      // Not an author: no name. Reported, and bylines naming "nobody" show the name as written.
      .write('authors/nobody.md', '---\nbio: "Who?"\n---\n')
      .write(
        'en/news/rates.md',
        article(
          { title: 'Central bank holds rates', date: '2025-03-01 10:00:00', lang: 'en', categories: ['Markets'], tags: ['Rates', 'Central Banks'] },
          'The central bank kept its policy rate where it was, citing slower inflation.\n',
          {
            author: '"Jane Doe"',
            // Corrected before and after the AI article was: the corrections page interleaves them by their own dates.
            corrections:
              '\n  - date: "2025-03-05 09:00:00"\n    text: "The rate was 4.5%, not 4.25%."\n  - date: "2025-03-02 08:00:00"\n    text: "The bank\'s name was misspelt."',
          },
        ),
      )
      .write(
        'en/news/stocks.md',
        article(
          { title: 'Stocks rally on chip earnings', date: '2025-03-02 09:30:00', lang: 'en', categories: ['markets'], tags: ['Stocks'] },
          'Shares climbed as traders looked past higher rates to strong quarterly results.\n',
          { author: '\n  - "jane-doe"\n  - "Li Wei"', type: 'sponsored' },
        ),
      )
      .write(
        'en/news/ai.md',
        article(
          { title: 'AI summit opens in Paris', date: '2025-03-03 08:00:00', lang: 'en', categories: ['Technology'], tags: ['AI', 'Summits'] },
          'Delegates met for the summit, known in Chinese as 人工智能行动峰会, to talk about safety.\n',
          { type: 'opinion', corrections: '\n  - date: "2025-03-04 10:00:00"\n    text: "An earlier version misnamed the host city."' },
        ),
      )
      .write('en/about.md', article({ title: 'About this newsroom', date: '2024-01-01 00:00:00', lang: 'en', menu: 'main' }, 'Who we are.\n'))
      .write('en/news/draft.md', article({ title: 'Unfinished draft', date: '2025-03-04 00:00:00', lang: 'en', draft: true }, 'Not yet.\n'))
      .write('en/news/embargo.md', article({ title: 'Embargoed until next year', date: '2027-01-01 00:00:00', lang: 'en' }, 'Later.\n'))
      .write(
        'zh-CN/news/ai.md',
        article(
          { title: '人工智能行动峰会在巴黎开幕', date: '2025-03-03 12:00:00', lang: 'zh-CN', categories: ['科技'], tags: ['人工智能'] },
          '各国代表在巴黎讨论人工智能的安全问题。\n',
        ),
      )
      .write(
        'zh-CN/news/markets.md',
        article({ title: '美股收盘上涨', date: '2025-03-02 20:00:00', lang: 'zh-CN', categories: ['市场'], tags: ['美股'] }, '科技股领涨，投资者关注利率。\n'),
      )
      .write(
        'zh-HK/news/ai.md',
        article(
          { title: '人工智能行動峰會在巴黎開幕', date: '2025-03-03 13:00:00', lang: 'zh-HK', categories: ['科技'], tags: ['人工智能'] },
          '各國代表在巴黎討論人工智能的安全問題。\n',
        ),
      )
  );
}
