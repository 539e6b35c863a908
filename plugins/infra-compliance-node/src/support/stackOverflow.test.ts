import { isStackOverflow } from './stackOverflow';

describe('isStackOverflow', () => {
  it('tells running out of stack where it happens, with no stack left to spare', () => {
    // Catches the overflow in the deepest frame that can, and tells it there.
    const deepest = (): boolean => {
      try {
        return deepest();
      } catch (error) {
        return isStackOverflow(error);
      }
    };
    expect(deepest()).toBe(true);
  });

  it('tells no other error', () => {
    expect(isStackOverflow(new RangeError('Invalid array length'))).toBe(false);
    expect(isStackOverflow(new Error('Maximum call stack size exceeded'))).toBe(
      false,
    );
  });
});
