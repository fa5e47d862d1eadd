import { startServer, type TestServer } from '../testing/harness';

/** The directives of a Content-Security-Policy header, by name. */
function directives(header: string | null): Record<string, string[]> {
  return Object.fromEntries(
    (header ?? '')
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter((parts) => parts[0])
      .map(([name, ...values]) => [name, values]),
  );
}

describe('security headers of the served apps: chat images by reference (issue 5)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => server.close());

  it.each(['/admin/', '/agent/', '/widget/'])('lets %s show images from any http(s) host, and nothing else from them', async (path) => {
    const res = await fetch(`${server.url}${path}`);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp['img-src']).toEqual(["'self'", 'data:', 'https:', 'http:']);
    expect(csp['script-src']).toEqual(["'self'"]);
    expect(csp['connect-src']).toEqual(["'self'", 'ws:', 'wss:']);
  });

  it('keeps the consoles unframable and lets only the widget be framed', async () => {
    const admin = directives((await fetch(`${server.url}/admin/`)).headers.get('content-security-policy'));
    const widget = directives((await fetch(`${server.url}/widget/`)).headers.get('content-security-policy'));
    expect(admin['frame-ancestors']).toEqual(["'none'"]);
    expect(widget['frame-ancestors']).toEqual(['*']);
  });
});
