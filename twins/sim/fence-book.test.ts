import { describe, expect, it } from 'vitest';
import { FenceBook } from './fence-book';

const fence = (id: string) => ({ id, center: { x: 0, y: 0 }, radiusM: 100 });

describe('FenceBook', () => {
  it("gives a car its home's fence first, then its own, then those for every car", () => {
    const book = new FenceBook();
    book.setHomeFence('h1', fence('home:h1'));
    book.setHomeFence('h2', fence('home:h2'));
    book.add(fence('school'), 'car1');
    book.add(fence('city-centre'));
    expect(book.for('car1', 'h1').map((f) => f.id)).toEqual(['home:h1', 'school', 'city-centre']);
    expect(book.for('car2', 'h2').map((f) => f.id)).toEqual(['home:h2', 'city-centre']);
  });

  it("never hands a car a stranger's home fence, and a homeless car none", () => {
    const book = new FenceBook();
    book.setHomeFence('h1', fence('home:h1'));
    expect(book.for('car9', undefined)).toEqual([]);
    expect(book.for('car9', 'h9')).toEqual([]);
  });

  it('a fence added without a car, or with undefined, concerns every car', () => {
    const book = new FenceBook();
    book.add(fence('a'), undefined);
    expect(book.for('anyone', undefined).map((f) => f.id)).toEqual(['a']);
  });
});
