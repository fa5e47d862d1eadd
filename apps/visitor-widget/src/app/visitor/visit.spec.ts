import { SafeStorage } from '@kefu/ui';
import { VISIT_IDLE_MS, continueVisit, storageKeys } from './visit';

describe('visit continuation', () => {
  const storage = () => new SafeStorage(localStorage);
  const ids = () => {
    let n = 0;
    return () => `visit-${++n}`;
  };

  it('continues the same visit across page views within 30 minutes of activity', () => {
    const s = storage();
    const newId = ids();
    const first = continueVisit(s, 's1', 1_000_000, newId);
    const second = continueVisit(s, 's1', 1_000_000 + VISIT_IDLE_MS - 1, newId);
    const third = continueVisit(s, 's1', 1_000_000 + 2 * VISIT_IDLE_MS - 2, newId);
    expect(first).toMatchObject({ visitId: 'visit-1', isNew: true });
    expect(second).toMatchObject({ visitId: 'visit-1', isNew: false });
    expect(third).toMatchObject({ visitId: 'visit-1', isNew: false });
    expect(JSON.parse(localStorage.getItem(storageKeys('s1').visit) ?? '{}')).toEqual({
      visitId: 'visit-1',
      lastActivityAt: 1_000_000 + 2 * VISIT_IDLE_MS - 2,
    });
  });

  it('starts a new visit after 30 minutes without activity, per site', () => {
    const s = storage();
    const newId = ids();
    continueVisit(s, 's1', 0, newId);
    expect(continueVisit(s, 's1', VISIT_IDLE_MS + 1, newId)).toMatchObject({ visitId: 'visit-2', isNew: true });
    expect(continueVisit(s, 's2', VISIT_IDLE_MS + 1, newId)).toMatchObject({ visitId: 'visit-3', isNew: true });
  });

  it('ignores garbage in storage', () => {
    localStorage.setItem(storageKeys('s1').visit, '{"visitId":42}');
    expect(continueVisit(storage(), 's1', 5, () => 'fresh')).toMatchObject({ visitId: 'fresh', isNew: true });
  });
});
