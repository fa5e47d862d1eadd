import { TestBed } from '@angular/core/testing';
import type { AttachmentView } from '@kefu/contracts';
import { provideTestI18n } from '../testing/i18n';
import { AttachLink } from './attach-link';
import { attachmentFromLink } from './attach-link-form';
import { humanSize } from './attachment-card';
import { httpHref } from './http-href';
import { MessageAttachment } from './message-attachment';

describe('message attachments: images and files by reference (issue 5 chats)', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideTestI18n({ 'zh-CN': {} })] }));

  async function render(attachment: AttachmentView): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(MessageAttachment);
    fixture.componentRef.setInput('attachment', attachment);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows an image as a lazy thumbnail that opens full size in a new tab and keeps the page address from its host', async () => {
    const el = await render({ kind: 'image', ref: 'https://cdn.shop.test/p/1.png', name: '商品图.png' });
    const link = el.querySelector('[data-testid="attachment-image"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('https://cdn.shop.test/p/1.png');
    expect([link.target, link.rel]).toEqual(['_blank', 'noopener noreferrer']);
    const img = link.querySelector('img') as HTMLImageElement;
    expect(img.getAttribute('src')).toBe('https://cdn.shop.test/p/1.png');
    expect(img.getAttribute('loading')).toBe('lazy');
    expect(img.getAttribute('referrerpolicy')).toBe('no-referrer');
    expect(img.alt).toBe('图片：商品图.png');
  });

  it('shows a file as a link with its name and a human size', async () => {
    const el = await render({ kind: 'file', ref: 'http://files.shop.test/说明书.pdf', name: '说明书.pdf', size: 1_572_864 });
    const link = el.querySelector('[data-testid="attachment-file"]') as HTMLAnchorElement;
    expect(link.getAttribute('href')).toBe('http://files.shop.test/%E8%AF%B4%E6%98%8E%E4%B9%A6.pdf');
    expect(link.rel).toBe('noopener noreferrer');
    expect(link.querySelector('.name')?.textContent).toBe('说明书.pdf');
    expect(link.querySelector('.size')?.textContent).toBe('1.5 MB');
  });

  it.each([
    ['javascript:alert(1)', 'image'],
    ['data:text/html,<script>alert(1)</script>', 'file'],
    ['data:image/svg+xml,<svg onload=alert(1)>', 'image'],
    ['upload123456', 'file'],
  ] as const)('shows %s only as its name, never as a link or an image', async (ref, kind) => {
    const el = await render({ kind, ref, name: '<img src=x onerror=alert(1)>' });
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.querySelector('[data-testid="attachment-text"]')?.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('reads sizes and addresses the way people do', () => {
    expect([humanSize(0), humanSize(900), humanSize(1536), humanSize(20 * 1024 * 1024), humanSize(undefined)]).toEqual(['0 B', '900 B', '1.5 KB', '20 MB', '']);
    expect(httpHref('HTTPS://Shop.test/a b.png')).toBe('https://shop.test/a%20b.png');
    expect(httpHref('JaVaScRiPt:alert(1)')).toBeNull();
  });
});

describe('attach a link: the composer sends an image or file by its address (issue 5 chats)', () => {
  beforeEach(() => TestBed.configureTestingModule({ providers: [provideTestI18n({ 'zh-CN': {} })] }));

  it('guesses an image from the file name and names a link after its last path segment', () => {
    expect(attachmentFromLink(' https://cdn.shop.test/img/%E5%A4%96%E8%A7%82.JPG?w=200 ')).toEqual({
      ok: true,
      attachment: { kind: 'image', ref: 'https://cdn.shop.test/img/%E5%A4%96%E8%A7%82.JPG?w=200', name: '外观.JPG' },
    });
    expect(attachmentFromLink('https://files.shop.test/manual.pdf', ' 使用说明 ')).toEqual({
      ok: true,
      attachment: { kind: 'file', ref: 'https://files.shop.test/manual.pdf', name: '使用说明' },
    });
    expect(attachmentFromLink('https://shop.test/')).toMatchObject({ ok: true, attachment: { kind: 'file', name: 'shop.test' } });
  });

  it('refuses anything but an http(s) address', () => {
    for (const address of ['javascript:alert(1)', 'data:image/png;base64,AAAA', 'ftp://x.test/a.png', 'not a url', '']) {
      expect(attachmentFromLink(address)).toEqual({ ok: false, problem: 'badUrl' });
    }
    expect(attachmentFromLink(`https://x.test/${'a'.repeat(2000)}`)).toEqual({ ok: false, problem: 'urlTooLong' });
  });

  it('emits the attachment from the form and closes; a bad address says why and emits nothing', async () => {
    const fixture = TestBed.createComponent(AttachLink);
    const sent: AttachmentView[] = [];
    fixture.componentInstance.attached.subscribe((a) => sent.push(a));
    await fixture.whenStable();
    const el = fixture.nativeElement as HTMLElement;
    const q = (id: string) => el.querySelector(`[data-testid="${id}"]`) as HTMLInputElement;
    const type = async (id: string, value: string) => {
      q(id).value = value;
      q(id).dispatchEvent(new Event('input'));
      await fixture.whenStable();
    };
    q('attach-toggle').click();
    await fixture.whenStable();
    await type('attach-url', 'javascript:alert(1)');
    q('attach-send').click();
    await fixture.whenStable();
    expect(q('attach-problem').textContent).toContain('http:// 或 https://');
    expect(sent).toEqual([]);

    await type('attach-url', 'https://cdn.shop.test/a.webp');
    await type('attach-name', '新款');
    q('attach-send').click();
    await fixture.whenStable();
    expect(sent).toEqual([{ kind: 'image', ref: 'https://cdn.shop.test/a.webp', name: '新款' }]);
    expect(q('attach-form')).toBeNull();
    expect(q('attach-toggle')).not.toBeNull();
  });
});
