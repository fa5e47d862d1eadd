import { FRAME_ATTRIBUTE, FRAME_SIZE, boot, findOwnScript } from './kefu-loader';

type TestWindow = Window & typeof globalThis & { __kefuLoaded?: boolean };

function addSnippet(src = 'https://kefu.example.com/loader.js', site = 'site-1'): HTMLScriptElement {
  const script = document.createElement('script');
  script.setAttribute('data-site', site);
  script.src = src;
  document.head.appendChild(script);
  return script;
}

describe('loader', () => {
  beforeEach(() => {
    document.head.innerHTML = '';
    document.body.innerHTML = '';
    delete (window as TestWindow).__kefuLoaded;
    document.title = 'Product 1';
  });

  it('finds its script tag by data-site and a src ending in /loader.js', () => {
    addSnippet('https://kefu.example.com/other.js');
    const own = addSnippet('https://kefu.example.com/loader.js?v=2');
    expect(findOwnScript(document)).toBe(own);
  });

  it('adds one collapsed, borderless, titled iframe pointing at the widget with the page context', () => {
    addSnippet();
    const frame = boot(window as TestWindow);
    expect(frame).not.toBeNull();
    expect(document.querySelectorAll(`iframe[${FRAME_ATTRIBUTE}]`)).toHaveLength(1);
    const url = new URL(frame!.src);
    expect(url.origin + url.pathname).toBe('https://kefu.example.com/widget/');
    expect(url.searchParams.get('site')).toBe('site-1');
    expect(url.searchParams.get('u')).toBe(window.location.href);
    expect(url.searchParams.get('t')).toBe('Product 1');
    expect(url.searchParams.has('r')).toBe(true);
    expect(frame!.title).not.toBe('');
    expect(frame!.style.position).toBe('fixed');
    expect(frame!.style.width).toBe(`${FRAME_SIZE.collapsed.width}px`);
    expect(frame!.style.height).toBe(`${FRAME_SIZE.collapsed.height}px`);
    expect(frame!.style.border).toMatch(/^0|none/);
  });

  it('does not load twice', () => {
    addSnippet();
    boot(window as TestWindow);
    addSnippet();
    expect(boot(window as TestWindow)).toBeNull();
    expect(document.querySelectorAll('iframe')).toHaveLength(1);
  });

  it('resizes only on messages from the widget origin and frame', () => {
    addSnippet();
    const frame = boot(window as TestWindow)!;
    const send = (origin: string, data: unknown, source: MessageEventSource | null = frame.contentWindow) =>
      window.dispatchEvent(new MessageEvent('message', { origin, data, source }));

    send('https://evil.example.net', { kefu: 'resize', open: true });
    expect(frame.style.width).toBe('72px');
    send('https://kefu.example.com', { kefu: 'resize', open: true }, window);
    expect(frame.style.width).toBe('72px');
    send('https://kefu.example.com', { kefu: 'resize', open: true });
    expect([frame.style.width, frame.style.height]).toEqual(['380px', '560px']);
    send('https://kefu.example.com', { kefu: 'resize', open: false });
    expect(frame.style.width).toBe('72px');
    send('https://kefu.example.com', { kefu: 'resize', open: false, hidden: true });
    expect(frame.style.display).toBe('none');
  });

  it('C3/C5: places the frame where the site puts the invitation or the direct chat window, within bounds', () => {
    addSnippet();
    const frame = boot(window as TestWindow)!;
    const send = (data: unknown) =>
      window.dispatchEvent(new MessageEvent('message', { origin: 'https://kefu.example.com', data, source: frame.contentWindow }));
    const place = () => [frame.style.position, frame.style.top, frame.style.right, frame.style.bottom, frame.style.left];

    send({ kefu: 'resize', open: true, frame: { width: 360, height: 280, position: 'center', floating: true } });
    expect([frame.style.width, frame.style.height]).toEqual(['360px', '280px']);
    expect(place()).toEqual(['fixed', '50%', '', '', '50%']);
    expect(frame.style.transform).toBe('translate(-50%, -50%)');

    send({ kefu: 'resize', open: true, frame: { width: 500, height: 700, position: 'top-left', floating: true } });
    expect(place()).toEqual(['fixed', '0px', '', '', '0px']);
    expect(frame.style.transform).toBe('');

    // Not floating: put on the page where the visitor is looking, so it scrolls away with the page.
    window.scrollX = 0;
    (window as { scrollY: number }).scrollY = 1200;
    send({ kefu: 'resize', open: true, frame: { width: 300, height: 400, position: 'bottom-left', floating: false } });
    expect(place()).toEqual(['absolute', `${1200 + window.innerHeight - 400}px`, '', '', '0px']);
    (window as { scrollY: number }).scrollY = 0;

    // A size out of bounds is clamped, an unknown position falls back to the icon's corner.
    send({ kefu: 'resize', open: true, frame: { width: 99999, height: -5, position: 'javascript:alert(1)', floating: true } });
    expect([frame.style.width, frame.style.height]).toEqual(['900px', '72px']);
    expect(place()).toEqual(['fixed', '', '0px', '0px', '']);

    // Closed again: back to the icon in the corner.
    send({ kefu: 'resize', open: false });
    expect([frame.style.width, frame.style.height]).toEqual(['72px', '72px']);
    expect(place()).toEqual(['fixed', '', '0px', '0px', '']);
  });

  it('waits for the body when run from <head> before it exists', () => {
    addSnippet();
    const body = document.body;
    body.remove();
    const frame = boot(window as TestWindow);
    expect(frame?.isConnected).toBe(false);
    document.documentElement.appendChild(body);
    document.dispatchEvent(new Event('DOMContentLoaded'));
    expect(frame?.isConnected).toBe(true);
  });

  it('does nothing without a snippet', () => {
    expect(boot(window as TestWindow)).toBeNull();
    expect(document.querySelector('iframe')).toBeNull();
  });
});
