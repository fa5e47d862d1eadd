import { Throttle } from './throttle';

describe('Throttle (B4 drafts)', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('sends the first value at once and folds the rest of the interval into one call with the newest value', () => {
    const sent: string[] = [];
    const throttle = new Throttle<string>((v) => sent.push(v), 500);
    throttle.push('h');
    throttle.push('he');
    throttle.push('hel');
    expect(sent).toEqual(['h']);
    jest.advanceTimersByTime(500);
    expect(sent).toEqual(['h', 'hel']);
    jest.advanceTimersByTime(2000);
    expect(sent).toEqual(['h', 'hel']);
  });

  it('flush sends a waiting value now; cancel drops it', () => {
    const sent: string[] = [];
    const throttle = new Throttle<string>((v) => sent.push(v), 500);
    throttle.push('a');
    throttle.push('ab');
    throttle.flush();
    expect(sent).toEqual(['a', 'ab']);
    throttle.push('abc');
    throttle.cancel();
    jest.advanceTimersByTime(1000);
    expect(sent).toEqual(['a', 'ab']);
  });
});
