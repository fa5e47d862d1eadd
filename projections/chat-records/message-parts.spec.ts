import { Autolinker } from 'autolinker';
import { messageParts } from './message-parts';

describe('messageParts (chat text with safe links, no innerHTML)', () => {
  it('keeps plain text as one part', () => expect(messageParts('你好')).toEqual([{ text: '你好' }]));

  it('cuts out an http link and stops at full-width punctuation', () =>
    expect(messageParts('看这里https://shop.example.com/p/1，谢谢')).toEqual([
      { text: '看这里' },
      { link: 'https://shop.example.com/p/1', text: 'https://shop.example.com/p/1' },
      { text: '，谢谢' },
    ]));

  it('links www. hosts over http and e-mail addresses with mailto', () =>
    expect(messageParts('www.example.cn or a@b.com')).toEqual([
      { link: 'http://www.example.cn', text: 'www.example.cn' },
      { text: ' or ' },
      { link: 'mailto:a@b.com', text: 'a@b.com' },
    ]));

  it('never turns javascript: or data: into a link', () => {
    for (const text of ['javascript:alert(1)', '<a href="javascript:alert(1)">x</a>', 'data:text/html,<script>alert(1)</script>']) {
      expect(messageParts(text).every((p) => !('link' in p) || /^(https?:|mailto:)/.test(p.link))).toBe(true);
      expect(
        messageParts(text)
          .map((p) => p.text)
          .join(''),
      ).toBe(text);
    }
  });

  it('finds no link in text without . : or @, full-width lookalikes included (the shortcut it takes)', () => {
    const texts = ['你好，请问在吗', 'www．example．com', 'shop。example。cn', 'a＠b．com', 'https：／／example', 'localhost/p/1 #tag +86 13800000000'];
    for (const text of texts) {
      expect(Autolinker.parse(text, { urls: true, email: true, phone: false, mention: false, hashtag: false })).toEqual([]);
      expect(messageParts(text)).toEqual([{ text }]);
    }
  });

  it('gives live delivery and the projection the same parts for one message, which neither can change', () => {
    const text = '订单见 https://shop.example.com/o/42 或写信 a@b.com';
    const first = messageParts(text);
    const again = messageParts(text);
    expect(first).toEqual([
      { text: '订单见 ' },
      { link: 'https://shop.example.com/o/42', text: 'https://shop.example.com/o/42' },
      { text: ' 或写信 ' },
      { link: 'mailto:a@b.com', text: 'a@b.com' },
    ]);
    expect(again).toEqual(first);
    expect(Object.isFrozen(again) && again.every((p) => Object.isFrozen(p))).toBe(true);
  });

  it('keeps the text of a script tag as text, verbatim', () =>
    expect(messageParts('<script>alert(1)</script>')).toEqual([{ text: '<script>alert(1)</script>' }]));
});
