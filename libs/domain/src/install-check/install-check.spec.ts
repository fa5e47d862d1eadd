import { given } from '../testing/given';
import { installCheck, pageOfUrl, type InstallCheckEvent } from './install-check';

const seen = (page: string, at: string): InstallCheckEvent => ({ type: 'SnippetSeen', data: { orgId: 'org-1', siteId: 'site-1', page, at } });
const record = (page: string, now: string) => ({ type: 'RecordSnippetSeen' as const, orgId: 'org-1', siteId: 'site-1', page, now });
const PAGE = 'https://www.example.com/shop';

describe('install check decider (E1 when and on which page the snippet was last seen)', () => {
  it('records the first sighting of the snippet on a page', () =>
    given(installCheck)
      .when(record(PAGE, '2024-05-01T08:00:00.000Z'))
      .then([seen(PAGE, '2024-05-01T08:00:00.000Z')]));

  it('records a page at most once an hour, so busy sites do not flood the event store', () => {
    given(installCheck, seen(PAGE, '2024-05-01T08:00:00.000Z')).when(record(PAGE, '2024-05-01T08:59:59.000Z')).then([]);
    given(installCheck, seen(PAGE, '2024-05-01T08:00:00.000Z'))
      .when(record(PAGE, '2024-05-01T09:00:00.000Z'))
      .then([seen(PAGE, '2024-05-01T09:00:00.000Z')]);
  });

  it('records another page of the same site within the hour', () =>
    given(installCheck, seen(PAGE, '2024-05-01T08:00:00.000Z'))
      .when(record('https://www.example.com/cart', '2024-05-01T08:10:00.000Z'))
      .then([seen('https://www.example.com/cart', '2024-05-01T08:10:00.000Z')]));

  it('pageOfUrl keeps origin and path, dropping the query and fragment', () =>
    expect(pageOfUrl('https://www.example.com/shop?utm=x&email=a@b.c#top')).toBe('https://www.example.com/shop'));
});
