/**
 * What the schemas are built with: TypeBox's schema types (a JSON Schema value and its static type
 * from one expression, `Static<typeof X>`), a few builders for the JSON Schema forms TypeBox writes
 * differently (`enum`, `const`, a union of types, a discriminated union), and the `x-guide`
 * annotation that carries a field's guidance for error messages on the field itself.
 *
 * TypeBox is used for its types only (`import type`: nothing of it is loaded at run time). Its
 * runtime is some 300 modules that cost every CLI run about 75 ms of CPU before any work (a third
 * of validating one file); the six builders the schemas use (`Type` below) are a few lines each
 * and write the same nodes TypeBox's do, symbols included (test/config/schema-builder.test.ts
 * compares them with TypeBox's own).
 *
 * TypeBox's own unions (`anyOf`) and literals (`const` plus `type`) would change the published
 * schema and what ajv reports, so enums and tags are written as `Unsafe` nodes whose static type
 * is given by the same `as const` list the node publishes: each enum is still written once.
 */
import type {
  ArrayOptions,
  IntegerOptions,
  ObjectOptions,
  SchemaOptions,
  Static,
  StringOptions,
  TArray,
  TBoolean,
  TInteger,
  TObject,
  TOptional,
  TProperties,
  TSchema,
  TString,
  TUnsafe,
} from '@sinclair/typebox';

// TypeBox marks its nodes with registered symbols; the same ones make these nodes TypeBox's.
const KIND = Symbol.for('TypeBox.Kind');
const OPTIONAL = Symbol.for('TypeBox.Optional');

function node<T>(kind: string, fields: object, options: object | undefined): T {
  return { ...options, [KIND]: kind, ...fields } as T;
}

/** The subset of TypeBox's `Type` the schemas use, with TypeBox's types and nodes. */
export const Type = {
  Object<P extends TProperties>(properties: P, options?: ObjectOptions): TObject<P> {
    const required = Object.keys(properties).filter((k) => !(OPTIONAL in properties[k]));
    const fields =
      required.length > 0 ? { type: 'object', required, properties } : { type: 'object', properties };
    return node('Object', fields, options);
  },
  String: (options?: StringOptions): TString => node('String', { type: 'string' }, options),
  Integer: (options?: IntegerOptions): TInteger => node('Integer', { type: 'integer' }, options),
  Boolean: (options?: SchemaOptions): TBoolean => node('Boolean', { type: 'boolean' }, options),
  Array: <T extends TSchema>(items: T, options?: ArrayOptions): TArray<T> =>
    node('Array', { type: 'array', items }, options),
  Optional: <T extends TSchema>(schema: T): TOptional<T> =>
    ({ ...schema, [OPTIONAL]: 'Optional' }) as TOptional<T>,
  /** A node written as given, whose static type is `T`. */
  Unsafe: <T>(options: SchemaOptions): TUnsafe<T> => node('Unsafe', {}, options),
};

/** The annotation keyword that holds a field's guidance (registered with ajv in ../ajv.ts). */
export const GUIDE = 'x-guide';

/** What the error messages say about a field whose value does not match its pattern. */
export interface FieldGuide {
  /** Diagnostic code for a value that does not match (INVALID_CIDR, ...). */
  readonly code: string;
  /** What a valid value looks like, in words (after "expected"). */
  readonly expected: string;
  /** A corrected value computed from what was written, when there is one. */
  readonly fix?: (written: string) => string | undefined;
  /** How a computed fix is offered. @default `: did you mean <fix>?`, when it differs from the value */
  readonly offer?: (fixed: string) => string;
  /**
   * For a number written where this quoted string belongs (YAML read the digits as a number): the
   * quoted value to write and a note after it. @default the digits as written, quoted, no note
   */
  readonly quoted?: (written: string) => { readonly value: string; readonly note: string };
}

/** A JSON Schema node, as the error mapper and the generator read one. */
export interface SchemaNode {
  readonly type?: string | readonly string[];
  readonly description?: string;
  readonly properties?: Readonly<Record<string, SchemaNode>>;
  readonly required?: readonly string[];
  readonly additionalProperties?: boolean | SchemaNode;
  readonly items?: SchemaNode;
  readonly enum?: readonly (string | number)[];
  readonly const?: string | number | boolean;
  readonly pattern?: string;
  readonly minimum?: number;
  readonly maximum?: number;
  readonly minLength?: number;
  readonly maxLength?: number;
  readonly minItems?: number;
  readonly maxItems?: number;
  readonly uniqueItems?: boolean;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly oneOf?: readonly SchemaNode[];
  readonly discriminator?: { readonly propertyName: string };
  readonly [GUIDE]?: FieldGuide;
  readonly [key: string]: unknown;
}

/** Keywords a node may carry besides the ones a builder sets. */
export interface NodeOptions {
  readonly description: string;
  readonly default?: unknown;
  readonly examples?: readonly unknown[];
  readonly [GUIDE]?: FieldGuide;
}

/** The guidance on a node, if it has one. */
export function guideOf(node: SchemaNode | undefined): FieldGuide | undefined {
  return node?.[GUIDE];
}

/** `{ const: value }`: the tag of one branch of a discriminated union. */
export function tag<const T extends string>(value: T, description: string): TUnsafe<T> {
  return Type.Unsafe<T>({ const: value, description });
}

/** A string that is one of `values` (`enum`, in the order given). */
export function stringEnum<const T extends readonly string[]>(
  values: T,
  options: NodeOptions,
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: values, ...options });
}

/** A whole number that is one of `values` (`enum`, in the order given). */
export function integerEnum<const T extends readonly number[]>(
  values: T,
  options: NodeOptions,
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'integer', enum: values, ...options });
}

/**
 * A value of one of several JSON types in ONE node (`type: [a, b]`): each keyword applies only to
 * its own type (a pattern to the string, items to the list), so ajv's errors stay specific where
 * an `anyOf` would report every branch.
 */
export function typeUnion<T>(types: readonly string[], keywords: Record<string, unknown>): TUnsafe<T> {
  return Type.Unsafe<T>({ type: types, ...keywords });
}

/**
 * A mapping whose `type` key selects one of `branches` (ajv's `discriminator`: only the chosen
 * branch's errors are reported; editors ignore it and use the plain `oneOf`). The tag enum is read
 * from the branches, so a new branch is one entry here.
 */
export function taggedUnion<const B extends readonly TObject[]>(
  branches: B,
  options: { readonly description: string; readonly tagDescription: string },
): TUnsafe<Static<B[number]>> {
  const tags = branches.map((b) => (b.properties.type as SchemaNode).const);
  return Type.Unsafe<Static<B[number]>>({
    type: 'object',
    description: options.description,
    discriminator: { propertyName: 'type' },
    required: ['type'],
    properties: { type: { type: 'string', enum: tags, description: options.tagDescription } },
    oneOf: branches,
  });
}

/** A TypeBox schema seen as a plain node (TypeBox's types are looser than SchemaNode's). */
export function asNode(schema: TSchema): SchemaNode {
  return schema as unknown as SchemaNode;
}

/** Deeply read-only: the model is never modified once loaded. */
export type DeepReadonly<T> = T extends (...args: never[]) => unknown
  ? T
  : T extends readonly [infer A, infer B]
    ? readonly [DeepReadonly<A>, DeepReadonly<B>]
    : T extends readonly (infer U)[]
      ? readonly DeepReadonly<U>[]
      : T extends object
        ? { readonly [K in keyof T]: DeepReadonly<T[K]> }
        : T;

/** The document type a schema describes, read-only. */
export type DocumentOf<S extends TSchema> = DeepReadonly<Static<S>>;

/** `Doc` with the keys `K` always present (loading gave them their default). */
export type Defaulted<Doc, K extends keyof Doc> = Omit<Doc, K> & {
  readonly [P in K]-?: Exclude<Doc[P], undefined>;
};
