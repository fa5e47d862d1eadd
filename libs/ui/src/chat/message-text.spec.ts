import { TestBed } from '@angular/core/testing';
import { MessageText, safeHref } from './message-text';

describe('MessageText (links as safe anchors)', () => {
  async function render(text: string, parts?: unknown[]): Promise<HTMLElement> {
    const fixture = TestBed.createComponent(MessageText);
    fixture.componentRef.setInput('text', text);
    fixture.componentRef.setInput('parts', parts);
    await fixture.whenStable();
    return fixture.nativeElement as HTMLElement;
  }

  it('shows http/https/mailto parts as anchors opening in a new tab without the opener', async () => {
    const el = await render('see https://shop.test/a and mail me', [
      { text: 'see ' },
      { link: 'https://shop.test/a', text: 'https://shop.test/a' },
      { text: ' and ' },
      { link: 'mailto:a@b.test', text: 'mail me' },
    ]);
    const links = [...el.querySelectorAll('a')];
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['https://shop.test/a', 'mailto:a@b.test']);
    expect(links.every((a) => a.target === '_blank' && a.rel === 'noopener noreferrer')).toBe(true);
    expect(el.textContent?.replace(/\s+/g, ' ').trim()).toBe('see https://shop.test/a and mail me');
  });

  it('keeps a javascript: part and markup as text', async () => {
    const el = await render('x', [{ link: 'javascript:alert(1)', text: 'click' }, { text: '<img src=x onerror=alert(1)>' }]);
    expect(el.querySelector('a')).toBeNull();
    expect(el.querySelector('img')).toBeNull();
    expect(el.textContent).toContain('<img src=x onerror=alert(1)>');
    expect(safeHref('JAVASCRIPT:alert(1)')).toBeNull();
  });

  it('shows the plain text when there are no parts', async () => {
    const el = await render('<b>hi</b>');
    expect(el.querySelector('b')).toBeNull();
    expect(el.textContent?.trim()).toBe('<b>hi</b>');
  });
});
