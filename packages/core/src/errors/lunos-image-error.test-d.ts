import { expectTypeOf, it } from 'vitest';
import { LunosImageError } from './lunos-image-error';

class ChildError extends LunosImageError {
  static override readonly kind: string = 'ChildError';
  readonly status = 400;
}

it('isInstance narrows to the class it is called on', () => {
  const value: unknown = new ChildError('x');
  if (ChildError.isInstance(value)) expectTypeOf(value).toEqualTypeOf<ChildError>();
  if (LunosImageError.isInstance(value)) expectTypeOf(value).toEqualTypeOf<LunosImageError>();
});
