import { parseReferrer } from './referrer';

describe('parseReferrer (K1 visit source: search engine and keyword)', () => {
  it('reads a Baidu keyword from wd (UTF-8)', () =>
    expect(parseReferrer('https://www.baidu.com/s?ie=utf-8&f=8&wd=%E5%AE%A2%E6%9C%8D%E8%BD%AF%E4%BB%B6&rsv_bp=1')).toEqual({
      kind: 'search',
      host: 'www.baidu.com',
      engine: 'baidu',
      keyword: '客服软件',
    }));

  it('reads a Baidu mobile keyword from word', () =>
    expect(parseReferrer('https://m.baidu.com/s?word=%E5%9C%A8%E7%BA%BF%E5%AE%A2%E6%9C%8D&sa=tb')).toMatchObject({ engine: 'baidu', keyword: '在线客服' }));

  it('decodes a GBK keyword when the engine says ie=gbk', () =>
    expect(parseReferrer('http://www.baidu.com/s?ie=gbk&wd=%B6%E0%C9%D9%C7%AE')).toMatchObject({ engine: 'baidu', keyword: '多少钱' }));

  it('decodes GBK bytes that are not valid UTF-8 even without ie', () =>
    expect(parseReferrer('http://www.sogou.com/web?query=%B6%E0%C9%D9%C7%AE')).toMatchObject({ engine: 'sogou', keyword: '多少钱' }));

  it('records the engine without a keyword for Baidu encrypted links', () =>
    expect(parseReferrer('https://www.baidu.com/link?url=Xy3aVbQ8Hk&wd=&eqid=9c2d')).toEqual({
      kind: 'search',
      host: 'www.baidu.com',
      engine: 'baidu',
      keyword: '',
    }));

  it.each([
    ['https://www.google.com.hk/search?q=live+chat+software&hl=zh-CN', 'google', 'live chat software'],
    ['https://www.bing.com/search?q=%E5%AE%A2%E6%9C%8D&form=QBLH', 'bing', '客服'],
    ['https://cn.bing.com/search?q=kefu', 'bing', 'kefu'],
    ['https://www.sogou.com/web?query=%E5%AE%A2%E6%9C%8D%E7%B3%BB%E7%BB%9F', 'sogou', '客服系统'],
    ['https://www.so.com/s?ie=utf-8&q=%E5%AE%A2%E6%9C%8D', 'so360', '客服'],
    ['https://m.sm.cn/s?q=%E5%AE%A2%E6%9C%8D&from=smor', 'shenma', '客服'],
    ['https://search.yahoo.com/search?p=help+desk&fr=yfp', 'yahoo', 'help desk'],
    ['https://duckduckgo.com/?q=chat+widget', 'duckduckgo', 'chat widget'],
    ['https://yandex.ru/search/?text=%D1%87%D0%B0%D1%82', 'yandex', 'чат'],
  ])('recognises %s', (referrer, engine, keyword) => expect(parseReferrer(referrer)).toMatchObject({ kind: 'search', engine, keyword }));

  it('calls any other site a referral with its host', () =>
    expect(parseReferrer('https://news.example.org/a/1?utm=x')).toEqual({ kind: 'referral', host: 'news.example.org', engine: '', keyword: '' }));

  it('does not mistake a look-alike host for an engine', () =>
    expect(parseReferrer('https://notbaidu.com/s?wd=x')).toMatchObject({ kind: 'referral', engine: '' }));

  it('treats no referrer, garbage, javascript: and the site itself as direct', () => {
    for (const r of ['', 'not a url', 'javascript:alert(1)', 'https://shop.example.com/p/2']) {
      expect(parseReferrer(r, 'shop.example.com')).toEqual({ kind: 'direct', host: '', engine: '', keyword: '' });
    }
  });
});
