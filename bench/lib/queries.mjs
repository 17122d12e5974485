/**
 * Twenty queries, [language, query, what it stands for]: Chinese (common, inside longer words, long,
 * a single character), Traditional and Cantonese, English (stemmed, common, rare), mixed.
 */
export const QUERIES = [
  ['zh-CN', '人工智能', 'Chinese, common'],
  ['zh-CN', '峰会', 'Chinese, inside longer words'],
  ['zh-CN', '关税', 'Chinese'],
  ['zh-CN', '美联储', 'Chinese'],
  ['zh-CN', '中国', 'Chinese, very common'],
  ['zh-CN', '新能源汽车', 'Chinese, long'],
  ['zh-CN', '的', 'Chinese, single character, in everything'],
  ['zh-CN', 'DeepSeek 开源', 'mixed'],
  ['zh-CN', '苹果 iPhone', 'mixed'],
  ['zh-HK', '發展', 'Traditional'],
  ['zh-HK', '恒指', 'Cantonese'],
  ['zh-HK', '人工智能', 'Chinese on zh-HK'],
  ['en', 'rates', 'English, stemmed'],
  ['en', 'Trump tariffs', 'English, two words'],
  ['en', 'the', 'English, in everything'],
  ['en', 'Federal Reserve', 'English'],
  ['en', 'Nvidia earnings', 'English'],
  ['en', 'semiconductor', 'English'],
  ['en', 'zymurgy', 'English, rare or absent'],
  ['en', 'DeepSeek', 'English'],
];
