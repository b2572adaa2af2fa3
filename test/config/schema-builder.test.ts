/**
 * The schema builders (src/config/schema/builder.ts) write TypeBox's own nodes without loading
 * TypeBox at run time: compared here with TypeBox's `Type`, symbols included, so `Static<>` (which
 * the model's types rely on) describes exactly what the builders build.
 */
import { Type as TypeBox } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { Type } from '../../src/config/schema/builder';

/** Own keys, symbols included, recursively: what `toEqual` would not see. */
function shape(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(shape);
  if (typeof v !== 'object' || v === null) return v;
  return Object.fromEntries(
    Reflect.ownKeys(v).map((k) => [String(k), shape((v as Record<string | symbol, unknown>)[k])]),
  );
}

describe('schema builders', () => {
  it('build the nodes TypeBox builds', () => {
    const options = { description: 'd', examples: ['x'] };
    const pairs: [unknown, unknown][] = [
      [Type.String({ pattern: '^a$', ...options }), TypeBox.String({ pattern: '^a$', ...options })],
      [Type.Integer({ minimum: 1 }), TypeBox.Integer({ minimum: 1 })],
      [Type.Boolean({ default: false }), TypeBox.Boolean({ default: false })],
      [Type.Array(Type.String(), { minItems: 1 }), TypeBox.Array(TypeBox.String(), { minItems: 1 })],
      [Type.Optional(Type.String()), TypeBox.Optional(TypeBox.String())],
      [Type.Unsafe<'a'>({ const: 'a' }), TypeBox.Unsafe<'a'>({ const: 'a' })],
      [
        Type.Object({ a: Type.String(), b: Type.Optional(Type.Integer()) }, { additionalProperties: false }),
        TypeBox.Object(
          { a: TypeBox.String(), b: TypeBox.Optional(TypeBox.Integer()) },
          { additionalProperties: false },
        ),
      ],
      [
        Type.Object({ b: Type.Optional(Type.Integer()) }),
        TypeBox.Object({ b: TypeBox.Optional(TypeBox.Integer()) }),
      ],
    ];
    for (const [ours, theirs] of pairs) expect(shape(ours)).toEqual(shape(theirs));
  });

  it('are nodes TypeBox itself can check values against', () => {
    const schema = Type.Object({ a: Type.String(), b: Type.Optional(Type.Integer()) });
    expect(Value.Check(schema, { a: 'x' })).toBe(true);
    expect(Value.Check(schema, { b: 1 })).toBe(false);
  });
});
