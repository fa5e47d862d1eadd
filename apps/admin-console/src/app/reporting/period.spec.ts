import {
  addDays,
  allowedGranularities,
  daySpan,
  defaultGranularity,
  fitGranularity,
  periodFromPreset,
  periodFromQuery,
  periodProblem,
  presetOf,
  presetRange,
  todayIn,
} from './period';
import { formatBucket, formatDuration, formatShare } from './format';

describe('J1–J6 report periods (presets, granularity, the URL)', () => {
  const today = '2026-03-15';

  it('computes the presets as whole local days, both ends included', () => {
    expect(presetRange('today', today)).toEqual({ from: '2026-03-15', to: '2026-03-15' });
    expect(presetRange('last7', today)).toEqual({ from: '2026-03-09', to: '2026-03-15' });
    expect(presetRange('thisMonth', today)).toEqual({ from: '2026-03-01', to: '2026-03-15' });
    expect(presetRange('lastMonth', today)).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(presetRange('lastMonth', '2024-03-31')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(presetRange('lastMonth', '2026-01-10')).toEqual({ from: '2025-12-01', to: '2025-12-31' });
  });

  it('knows which preset a range is, so the picker can show it pressed', () => {
    expect(presetOf({ from: '2026-03-09', to: '2026-03-15' }, today)).toBe('last7');
    expect(presetOf({ from: '2026-03-02', to: '2026-03-15' }, today)).toBeNull();
  });

  it("takes 'today' where the site is, not where the browser is", () => {
    const instant = new Date('2026-03-15T20:00:00Z');
    expect(todayIn('Asia/Shanghai', instant)).toBe('2026-03-16');
    expect(todayIn('America/New_York', instant)).toBe('2026-03-15');
  });

  it('offers hours only up to 7 days and picks a natural bucket for a range', () => {
    expect(allowedGranularities({ from: '2026-03-09', to: '2026-03-15' })).toEqual(['hour', 'day', 'month']);
    expect(allowedGranularities({ from: '2026-03-08', to: '2026-03-15' })).toEqual(['day', 'month']);
    expect(defaultGranularity({ from: today, to: today })).toBe('hour');
    expect(defaultGranularity({ from: '2026-03-01', to: '2026-03-31' })).toBe('day');
    expect(defaultGranularity({ from: '2025-01-01', to: '2025-12-31' })).toBe('month');
    expect(fitGranularity({ from: '2026-02-01', to: '2026-02-28' }, 'hour')).toBe('day');
    expect(periodFromPreset('today', today)).toEqual({ from: today, to: today, granularity: 'hour' });
  });

  it('reads the period from the URL and falls back to this month for a broken one', () => {
    expect(periodFromQuery({ from: '2026-02-01', to: '2026-02-10', granularity: 'month' }, today)).toEqual({
      from: '2026-02-01',
      to: '2026-02-10',
      granularity: 'month',
    });
    expect(periodFromQuery({ from: '2026-02-01', to: '2026-02-28', granularity: 'hour' }, today).granularity).toBe('day');
    expect(periodFromQuery({}, today)).toEqual({ from: '2026-03-01', to: '2026-03-15', granularity: 'day' });
    expect(periodFromQuery({ from: '2026-02-30', to: '2026-03-01' }, today).from).toBe('2026-03-01');
    expect(periodFromQuery({ from: '2026-03-10', to: '2026-03-01' }, today).from).toBe('2026-03-01');
  });

  it('says why a typed range cannot be asked for', () => {
    expect(periodProblem({ from: '2026-03-10', to: '2026-03-01' }, today)).toBe('reversed');
    expect(periodProblem({ from: '2026-13-01', to: '2026-13-02' }, today)).toBe('invalidDate');
    expect(periodProblem({ from: '2026-04-01', to: '2026-04-02' }, today)).toBe('future');
    expect(periodProblem({ from: '2026-03-01', to: '2026-03-02' }, today)).toBeNull();
    expect(daySpan('2026-02-27', addDays('2026-02-27', 3))).toBe(4);
  });

  it('formats shares, durations and buckets in the chosen language', () => {
    expect(formatShare(0.25, 'zh-CN')).toBe('25%');
    expect(formatDuration(75_000, 'en')).toBe('1 min 15 sec');
    expect(formatDuration(75_000, 'zh-CN')).toBe('1分钟15秒');
    expect(formatDuration(null, 'en')).toBe('—');
    expect(formatBucket('2026-03-05T14', 'hour', 'zh-CN')).toContain('14:00');
    expect(formatBucket('2026-03', 'month', 'en')).toBe('March 2026');
    expect(formatBucket('2026-03-05', 'day', 'en')).toBe('03/05/2026');
  });
});
