import { given } from '../testing/given';
import { chatSettings, DEFAULT_CHAT_SETTINGS, type ChatSettingsChanges, type ChatSettingsCommand, type ChatSettingsEvent } from './chat-settings';

const NOW = '2024-05-01T08:00:00.000Z';
const change = (changes: ChatSettingsChanges, siteOrgId = 'org-1'): ChatSettingsCommand => ({
  type: 'ChangeChatSettings',
  orgId: 'org-1',
  siteId: 'site-1',
  siteOrgId,
  changes,
  now: NOW,
});
const changed = (changes: ChatSettingsChanges): ChatSettingsEvent => ({
  type: 'ChatSettingsChanged',
  data: { orgId: 'org-1', siteId: 'site-1', changes, at: NOW },
});

describe('chat settings decider (F2 invitation rules, B4 typing preview, I7 ratings, C6 forwarding)', () => {
  it('starts from defaults: auto invitation off, preview on, ratings on with an alert below 3', () => {
    expect(DEFAULT_CHAT_SETTINGS.invitation.auto.enabled).toBe(false);
    expect(DEFAULT_CHAT_SETTINGS.typingPreview).toBe(true);
    expect(DEFAULT_CHAT_SETTINGS.rating).toEqual({ enabled: true, alertBelow: 3, alertRecipients: [] });
  });

  it('records a change of the automatic invitation rule', () =>
    given(chatSettings)
      .when(change({ invitation: { auto: { enabled: true, afterSeconds: 10 } } }))
      .then([changed({ invitation: { auto: { enabled: true, afterSeconds: 10 } } })]));

  it('keeps the other settings when one part changes', () => {
    const s = given(chatSettings, changed({ invitation: { auto: { enabled: true } } }), changed({ typingPreview: false })).state.settings;
    expect(s.invitation.auto).toEqual({ enabled: true, afterSeconds: 30, maxRefusals: 3, waitAfterRefusalSeconds: 300 });
    expect(s.typingPreview).toBe(false);
  });

  it('answers a change to the values already set with nothing new', () =>
    given(chatSettings, changed({ typingPreview: false }))
      .when(change({ typingPreview: false }))
      .then([]));

  it('normalises alert recipients (lower case, no duplicates)', () =>
    given(chatSettings)
      .when(change({ rating: { alertRecipients: ['Boss@Example.com', 'boss@example.com'] } }))
      .then([changed({ rating: { alertRecipients: ['boss@example.com'] } })]));

  it('refuses an address that is not an e-mail', () =>
    given(chatSettings)
      .when(change({ rating: { alertRecipients: ['<script>@x'] } }))
      .thenThrows('INVALID', 'rating.alertRecipients'));

  it.each([
    [{ invitation: { auto: { afterSeconds: -1 } } }, 'afterSeconds'],
    [{ invitation: { auto: { maxRefusals: 1.5 } } }, 'maxRefusals'],
    [{ invitation: { manualMaxPerVisitor: 101 } }, 'manualMaxPerVisitor'],
    [{ rating: { alertBelow: 6 } }, 'alertBelow'],
    [{ chatRequestLimit: { max: 0, windowSeconds: 60 } }, 'chatRequestLimit.max'],
  ])('refuses out-of-range numbers %j', (changes, field) =>
    given(chatSettings)
      .when(change(changes as ChatSettingsChanges))
      .thenThrows('INVALID', field),
  );

  it('lets a site go back to the server default rate limit (null)', () => {
    const s = given(chatSettings, changed({ chatRequestLimit: { max: 2, windowSeconds: 60 } }), changed({ chatRequestLimit: null })).state.settings;
    expect(s.chatRequestLimit).toBeNull();
  });

  it("refuses another organisation's site as if it did not exist", () =>
    given(chatSettings)
      .when(change({ typingPreview: false }, 'org-2'))
      .thenThrows('NOT_FOUND'));

  it('keeps a greeting as plain text, trimmed', () =>
    given(chatSettings)
      .when(change({ invitation: { greeting: '  <b>欢迎</b>  ' } }))
      .then([changed({ invitation: { greeting: '<b>欢迎</b>' } })]));
});

describe('chat settings decider: partial changes (F2 I7)', () => {
  it('keeps a setting that a change leaves undefined', () => {
    const s = given(chatSettings, changed({ rating: { enabled: undefined, alertBelow: 2 } as ChatSettingsChanges['rating'] })).state.settings;
    expect(s.rating.enabled).toBe(true);
    expect(s.rating.alertBelow).toBe(2);
  });
});

describe('chat settings decider: conversation categories (H3)', () => {
  it('starts with no categories (agents then type a category freely)', () => expect(DEFAULT_CHAT_SETTINGS.categories).toEqual([]));

  it('records the whole list, trimmed, in the order the admin gave', () =>
    given(chatSettings)
      .when(change({ categories: [' 售前咨询 ', '售后', '投诉'] }))
      .then([changed({ categories: ['售前咨询', '售后', '投诉'] })]));

  it('renames, removes and reorders by sending the new list', () => {
    const s = given(chatSettings, changed({ categories: ['售前咨询', '售后', '投诉'] }), changed({ categories: ['投诉与建议', '售前咨询'] })).state.settings;
    expect(s.categories).toEqual(['投诉与建议', '售前咨询']);
  });

  it('keeps the list when another setting changes', () => {
    const s = given(chatSettings, changed({ categories: ['售后'] }), changed({ typingPreview: false })).state.settings;
    expect(s.categories).toEqual(['售后']);
  });

  it('reads a stream written before categories existed as an empty list', () => {
    const old = given(chatSettings, changed({ typingPreview: false })).state.settings;
    expect(old.categories).toEqual([]);
  });

  it.each([
    [['售后', ' 售后'], 'appears twice'],
    [['售后', '   '], 'must not be empty'],
    [['分'.repeat(33)], 'at most 32'],
    [Array.from({ length: 101 }, (_, i) => `类${i}`), 'at most 100'],
  ])('refuses %j', (categories, reason) => given(chatSettings).when(change({ categories })).thenThrows('INVALID', reason));

  it('answers the list already set with nothing new', () =>
    given(chatSettings, changed({ categories: ['售后'] }))
      .when(change({ categories: ['售后'] }))
      .then([]));
});

describe('chat settings decider: invitation and direct chat windows (C3, C5)', () => {
  it("starts in the page's middle, floating, blue, with both buttons; the direct chat window in the corner", () => {
    expect(DEFAULT_CHAT_SETTINGS.windows.invitation).toMatchObject({
      position: 'center',
      floating: true,
      theme: 'blue',
      imageUrl: '',
      showTitle: true,
      showGreeting: true,
    });
    expect(DEFAULT_CHAT_SETTINGS.windows.invitation.decline).toEqual({ text: '', width: 120, height: 36, imageUrl: '' });
    expect(DEFAULT_CHAT_SETTINGS.windows.directChat).toEqual({ width: 380, height: 560, position: 'bottom-right' });
  });

  it('records a partial change (a button hidden by a width of 0, words trimmed) and keeps everything else', () => {
    const recorded = changed({
      windows: { invitation: { theme: 'green', decline: { width: 0 }, accept: { text: '马上咨询' } }, directChat: { position: 'center' } },
    });
    given(chatSettings)
      .when(change({ windows: { invitation: { theme: 'green', decline: { width: 0 }, accept: { text: '  马上咨询 ' } }, directChat: { position: 'center' } } }))
      .then([recorded]);
    const s = given(chatSettings, recorded).state.settings.windows;
    expect(s.invitation).toMatchObject({ theme: 'green', position: 'center', floating: true, showTitle: true });
    expect(s.invitation.decline).toEqual({ text: '', width: 0, height: 36, imageUrl: '' });
    expect(s.invitation.accept).toEqual({ text: '马上咨询', width: 120, height: 36, imageUrl: '' });
    expect(s.directChat).toEqual({ width: 380, height: 560, position: 'center' });
  });

  it('keeps the windows when another setting changes, and reads a stream written before windows existed as the defaults', () => {
    const s = given(chatSettings, changed({ windows: { invitation: { floating: false } } }), changed({ typingPreview: false })).state.settings;
    expect(s.windows.invitation.floating).toBe(false);
    const old = given(chatSettings, changed({ typingPreview: false })).state.settings;
    expect(old.windows).toEqual(DEFAULT_CHAT_SETTINGS.windows);
  });

  it('takes an http(s) picture address and an empty one (no picture)', () => {
    const s = given(chatSettings, changed({ windows: { invitation: { imageUrl: 'https://cdn.example.com/a b.png' } } })).state.settings;
    expect(s.windows.invitation.imageUrl).toBe('https://cdn.example.com/a b.png');
    return given(chatSettings)
      .when(change({ windows: { invitation: { imageUrl: ' https://cdn.example.com/invite.png ' } } }))
      .then([changed({ windows: { invitation: { imageUrl: 'https://cdn.example.com/invite.png' } } })]);
  });

  it.each([
    [{ invitation: { position: 'middle' } }, 'windows.invitation.position'],
    [{ invitation: { theme: 'pink' } }, 'windows.invitation.theme'],
    [{ invitation: { imageUrl: 'javascript:alert(1)' } }, 'windows.invitation.imageUrl'],
    [{ invitation: { imageUrl: 'data:image/png;base64,AAAA' } }, 'windows.invitation.imageUrl'],
    [{ invitation: { imageUrl: `https://x.example/${'a'.repeat(600)}` } }, 'windows.invitation.imageUrl'],
    [{ invitation: { accept: { width: 10 } } }, 'windows.invitation.accept.width'],
    [{ invitation: { accept: { imageUrl: 'javascript:void(0)' } } }, 'windows.invitation.accept.imageUrl'],
    [{ invitation: { decline: { height: 500 } } }, 'windows.invitation.decline.height'],
    [{ invitation: { accept: { text: '字'.repeat(21) } } }, 'at most 20'],
    [{ directChat: { width: 200 } }, 'windows.directChat.width'],
    [{ directChat: { height: 1.5 } }, 'windows.directChat.height'],
    [{ directChat: { position: 'bottom' } }, 'windows.directChat.position'],
  ])('refuses %j', (windows, reason) =>
    given(chatSettings)
      .when(change({ windows } as ChatSettingsChanges))
      .thenThrows('INVALID', reason),
  );
});

describe('chat settings decider: canned responses of the site (H1, used by B5)', () => {
  it('starts with none, and reads a stream written before they existed as none', () => {
    expect(DEFAULT_CHAT_SETTINGS.cannedResponses).toEqual([]);
    expect(given(chatSettings, changed({ typingPreview: false })).state.settings.cannedResponses).toEqual([]);
  });

  it('records the whole list in the admin’s order, trimmed, a leading / dropped from shortcuts', () =>
    given(chatSettings)
      .when(
        change({
          cannedResponses: [
            { shortcut: ' /hi ', text: ' 您好，请问有什么可以帮您？ ' },
            { shortcut: '', text: '稍等，我查一下。' },
          ],
        }),
      )
      .then([
        changed({
          cannedResponses: [
            { shortcut: 'hi', text: '您好，请问有什么可以帮您？' },
            { shortcut: '', text: '稍等，我查一下。' },
          ],
        }),
      ]));

  it('keeps the list when another setting changes; the same list again records nothing', () => {
    const list = [{ shortcut: 'hi', text: '您好' }];
    expect(given(chatSettings, changed({ cannedResponses: list }), changed({ typingPreview: false })).state.settings.cannedResponses).toEqual(list);
    return given(chatSettings, changed({ cannedResponses: list }))
      .when(change({ cannedResponses: [{ shortcut: 'hi', text: '您好' }] }))
      .then([]);
  });

  it.each([
    [[{ shortcut: 'hi', text: '   ' }], 'cannedResponses[0].text must not be empty'],
    [[{ shortcut: 'hi', text: '字'.repeat(1001) }], 'at most 1000'],
    [[{ shortcut: 'two words', text: 'x' }], 'no spaces'],
    [[{ shortcut: 'a'.repeat(21), text: 'x' }], 'at most 20'],
    [
      [
        { shortcut: 'Hi', text: 'x' },
        { shortcut: 'hi', text: 'y' },
      ],
      'appears twice',
    ],
    [Array.from({ length: 201 }, (_, i) => ({ shortcut: `s${i}`, text: 'x' })), 'at most 200'],
  ])('refuses %#', (cannedResponses, reason) => given(chatSettings).when(change({ cannedResponses })).thenThrows('INVALID', reason));
});
