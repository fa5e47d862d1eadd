import { demoLanguage, demoPage } from './demo-page';

describe('demo page (C1: the snippet installed on a page)', () => {
  const site = '3f2b1c4d-5e6f-4a1b-8c9d-0e1f2a3b4c5d';

  it('installs the site snippet and links three pages in the chosen language', () => {
    const html = demoPage(site, '2', 'zh-CN');
    expect(html).toContain(`<script async src="/loader.js" data-site="${site}"></script>`);
    expect(html).toContain('第 2 页');
    expect(html).toContain(`/demo?site=${site}&amp;page=3&amp;lang=zh-CN`);
  });

  it('installs nothing for a site id that is not one, and never echoes it', () => {
    const html = demoPage('"><script>alert(1)</script>', '1', 'en');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).not.toContain('/loader.js');
    expect(html).toContain('admin console');
  });

  it('speaks simplified Chinese by default, traditional Chinese for zh-TW/zh-HK browsers, English for en', () => {
    expect(demoLanguage(undefined, undefined)).toBe('zh-CN');
    expect(demoLanguage(undefined, 'zh-HK,zh;q=0.9')).toBe('zh-TW');
    expect(demoLanguage(undefined, 'en-US,en;q=0.9')).toBe('en');
    expect(demoLanguage('en', 'zh-CN')).toBe('en');
    expect(demoLanguage('fr', 'fr-FR')).toBe('zh-CN');
  });
});
