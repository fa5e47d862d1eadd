import { TestBed } from '@angular/core/testing';
import type { SessionView } from '@kefu/contracts';
import { FakeFetch } from '../testing/fetch';
import { SessionStore } from '../session/session-store';
import { ApiClient, FETCH, buildUrl } from './api-client';
import { ApiError } from './ui-error';

const session: SessionView = {
  token: 'tok-9',
  expiresAt: '2999-01-01T00:00:00.000Z',
  user: { userId: 'u1', orgId: 'o1', email: 'a@example.com', name: 'Ann', roles: ['owner'] },
};

describe('ApiClient', () => {
  let fake: FakeFetch;
  let api: ApiClient;
  let store: SessionStore;

  beforeEach(() => {
    fake = new FakeFetch();
    TestBed.configureTestingModule({ providers: [{ provide: FETCH, useValue: fake.fetch }] });
    api = TestBed.inject(ApiClient);
    store = TestBed.inject(SessionStore);
  });

  it('calls same-origin /api with the bearer token and JSON body', async () => {
    store.save(session);
    fake.on('POST /api/sites', { status: 201, body: { siteId: 's1', position: 7 } });
    const created = await api.post<{ siteId: string }>('/sites', { name: 'Shop', url: 'https://shop.test' });
    expect(created.siteId).toBe('s1');
    const [req] = fake.requests;
    expect(req?.headers['Authorization']).toBe('Bearer tok-9');
    expect(req?.body).toEqual({ name: 'Shop', url: 'https://shop.test' });
  });

  it('passes waitFor so the next read includes the write', () => {
    expect(buildUrl('/sites', { waitFor: 42 })).toBe('/api/sites?waitFor=42');
    expect(buildUrl('/sites', { waitFor: 0, query: { q: 'a b', x: undefined } })).toBe('/api/sites?q=a+b');
  });

  it('clears the session on 401 so the app returns to the login screen', async () => {
    store.save(session);
    fake.on('GET /api/sites', { status: 401, body: { code: 'UNAUTHENTICATED', message: 'Token expired' } });
    await expect(api.get('/sites')).rejects.toMatchObject({ status: 401, body: { code: 'UNAUTHENTICATED' } });
    expect(store.signedIn()).toBe(false);
    expect(store.expired()).toBe(true);
    expect(localStorage.getItem('kefu.session')).toBeNull();
  });

  it('sends no token for anonymous calls and keeps the session on their 401', async () => {
    store.save(session);
    fake.on('POST /api/visitor/session', { status: 401, body: { code: 'UNAUTHENTICATED', message: 'no' } });
    await expect(api.post('/visitor/session', {}, { anonymous: true })).rejects.toBeInstanceOf(ApiError);
    expect(fake.requests[0]?.headers['Authorization']).toBeUndefined();
    expect(store.signedIn()).toBe(true);
  });

  it("surfaces the server's ErrorBody, or describes a failure by status", async () => {
    fake.on('POST /api/orgs', { status: 409, body: { code: 'CONFLICT', message: 'E-mail already registered' } });
    fake.on('GET /api/sites', { status: 502 });
    await expect(api.post('/orgs', {})).rejects.toMatchObject({ body: { code: 'CONFLICT', message: 'E-mail already registered' } });
    await expect(api.get('/sites')).rejects.toMatchObject({ status: 502, body: { code: 'INTERNAL' } });
  });

  it('reports an unreachable server as NETWORK', async () => {
    TestBed.resetTestingModule();
    TestBed.configureTestingModule({
      providers: [{ provide: FETCH, useValue: () => Promise.reject(new TypeError('Failed to fetch')) }],
    });
    await expect(TestBed.inject(ApiClient).get('/sites')).rejects.toMatchObject({ status: 0, body: { code: 'NETWORK' } });
  });
});
