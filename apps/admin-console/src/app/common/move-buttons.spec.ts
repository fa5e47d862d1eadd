import { movedOrder } from './move-buttons';

describe('ordered lists of a site (D2 groups, D1 agents)', () => {
  it('swaps a row with its neighbour and leaves the others where they were', () => {
    expect(movedOrder(['a', 'b', 'c'], 'b', -1)).toEqual(['b', 'a', 'c']);
    expect(movedOrder(['a', 'b', 'c'], 'b', 1)).toEqual(['a', 'c', 'b']);
  });

  it('does nothing past either end or for a row that is gone', () => {
    expect(movedOrder(['a', 'b'], 'a', -1)).toBeNull();
    expect(movedOrder(['a', 'b'], 'b', 1)).toBeNull();
    expect(movedOrder(['a', 'b'], 'x', 1)).toBeNull();
  });
});
