import fc from 'fast-check';

/**
 * fast-check arbitraries for the subset of JSON Schema that zod's `toJSONSchema` writes for our inputs,
 * so the fuzz test starts from inputs that pass validation and reach the handlers, then spoils them.
 * (zod-fast-check reads zod 3 internals; the JSON Schema zod 4 exports is the stable interface.)
 */
export interface JsonSchema {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  default?: unknown;
  /** zod's `.meta({ examples })`: values a refinement the schema cannot express (a real country) accepts. */
  examples?: unknown[];
}

/** Keys that are Object.prototype's members (or the prototype itself) when looked up on `{}`. */
export const prototypeKeys = ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', 'isPrototypeOf', 'prototype'] as const;

/** Strings that have broken servers somewhere: NUL, lone surrogates, prototype names, SQL and CSV tricks, size. */
export const hostileString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    '\u0000',
    'a\u0000b',
    '\ud800',
    '\udfff',
    'x\udc00y',
    ...prototypeKeys,
    '',
    '   ',
    '\u202e\u2066',
    "'; drop table customers; --",
    '%00',
    '=HYPERLINK("http://evil.example")',
    '😀'.repeat(50),
    'x'.repeat(6_000),
    '0',
    '-1',
    '9'.repeat(40),
    'NaN',
    '2026-02-30',
    '2026-13-01T00:00:00Z',
    '00000000-0000-0000-0000-000000000000',
  ),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);

export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.constantFrom(null, true, false, 0, -0, -1, 1.5, 2 ** 31, 2 ** 53, 2 ** 64, 1e308, -1e308, [], {}, [null], { constructor: 1 }),
  fc.jsonValue({ maxDepth: 3 }),
);

/** A JS object that really carries `key` as its own property, `__proto__` included (a literal cannot). */
export function withKey(target: Record<string, unknown>, key: string, value: unknown): Record<string, unknown> {
  const copy: Record<string, unknown> = Object.create(null);
  for (const [name, existing] of Object.entries(target)) Object.defineProperty(copy, name, { value: existing, enumerable: true, writable: true, configurable: true });
  Object.defineProperty(copy, key, { value, enumerable: true, writable: true, configurable: true });
  return copy;
}

const maxStringLength = 60;
const maxArrayLength = 4;

function stringArbitrary(schema: JsonSchema): fc.Arbitrary<string> {
  const minLength = schema.minLength ?? 0;
  const maxLength = Math.max(minLength, Math.min(schema.maxLength ?? maxStringLength, maxStringLength));
  switch (schema.format) {
    case 'uuid':
      return fc.uuid({ version: 4 });
    case 'email':
      return fc.emailAddress().filter((address) => address.length <= (schema.maxLength ?? 254));
    case 'date-time':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString());
    case 'date':
      return fc.date({ min: new Date('2000-01-01T00:00:00Z'), max: new Date('2040-01-01T00:00:00Z'), noInvalidDate: true }).map((date) => date.toISOString().slice(0, 10));
    case 'uri':
      // Loopback only: a fuzzed URL must never send a server anywhere else.
      return fc.integer({ min: 1, max: 65_535 }).map((port) => `http://127.0.0.1:${port}`);
  }
  if (schema.pattern) {
    return fc.stringMatching(new RegExp(schema.pattern)).filter((value) => value.length >= minLength && value.length <= (schema.maxLength ?? Infinity));
  }
  return fc.string({ unit: 'grapheme', minLength, maxLength }).filter((value) => value.trim().length >= minLength);
}

function numberArbitrary(schema: JsonSchema, integer: boolean): fc.Arbitrary<number> {
  const min = schema.minimum ?? (schema.exclusiveMinimum !== undefined ? schema.exclusiveMinimum + (integer ? 1 : Number.EPSILON) : -1e9);
  const max = schema.maximum ?? (schema.exclusiveMaximum !== undefined ? schema.exclusiveMaximum - (integer ? 1 : Number.EPSILON) : 1e9);
  if (integer) {
    const low = Math.max(min, Number.MIN_SAFE_INTEGER);
    const high = Math.min(max, Number.MAX_SAFE_INTEGER);
    // Small values are the ones that name existing rows and fit every column; the edges find overflows.
    return fc.oneof(fc.integer({ min: low, max: Math.min(high, low + 100) }), fc.constantFrom(low, high), fc.integer({ min: Math.max(low, -(2 ** 31)), max: Math.min(high, 2 ** 31) }));
  }
  return fc.double({ min, max, noNaN: true, noDefaultInfinity: true });
}

/** Values that satisfy the schema's shape (refinements such as "phone or e-mail" may still refuse them). */
export function arbitraryOf(schema: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
  if (schema.const !== undefined) return fc.constant(schema.const);
  if (schema.examples?.length) {
    const { examples, ...rest } = schema;
    return fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...examples) }, { weight: 1, arbitrary: arbitraryOf(rest, depth) });
  }
  if (schema.enum) return fc.constantFrom(...schema.enum);
  const alternatives = schema.anyOf ?? schema.oneOf;
  if (alternatives) return fc.oneof(...alternatives.map((alternative) => arbitraryOf(alternative, depth + 1)));
  if (schema.allOf?.length) return arbitraryOf(Object.assign({}, ...schema.allOf), depth + 1);
  const type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
  switch (type) {
    case 'object': {
      const properties = schema.properties ?? {};
      const record: Record<string, fc.Arbitrary<unknown>> = {};
      for (const [key, property] of Object.entries(properties)) record[key] = arbitraryOf(property, depth + 1);
      return fc.record(record, { requiredKeys: (schema.required ?? []).filter((key) => key in properties) });
    }
    case 'array': {
      const minLength = schema.minItems ?? 0;
      return fc.array(schema.items ? arbitraryOf(schema.items, depth + 1) : fc.jsonValue({ maxDepth: 2 }), {
        minLength,
        maxLength: Math.max(minLength, Math.min(schema.maxItems ?? maxArrayLength, maxArrayLength)),
      });
    }
    case 'string':
      return stringArbitrary(schema);
    case 'integer':
      return numberArbitrary(schema, true);
    case 'number':
      return numberArbitrary(schema, false);
    case 'boolean':
      return fc.boolean();
    case 'null':
      return fc.constant(null);
    default:
      return depth > 3 ? fc.constant(null) : fc.jsonValue({ maxDepth: 2 });
  }
}

/** Every path to a property inside a generated value, so one of them can be spoilt. */
function pathsOf(value: unknown, prefix: string[] = []): string[][] {
  if (value === null || typeof value !== 'object') return prefix.length ? [prefix] : [];
  const children = Object.keys(value as object).flatMap((key) => pathsOf((value as Record<string, unknown>)[key], [...prefix, key]));
  return prefix.length ? [prefix, ...children] : children;
}

function replaceAt(value: unknown, path: string[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const [head, ...rest] = path as [string, ...string[]];
  if (Array.isArray(value)) return value.map((item, index) => (String(index) === head ? replaceAt(item, rest, replacement) : item));
  const record = value as Record<string, unknown>;
  return withKey(record, head, replaceAt(record[head], rest, replacement));
}

/** Characters PostgreSQL cannot store or that are not Unicode, for every string of an input at once. */
const unstorable = fc.constantFrom('\u0000', '\ud800', '\udfff');

function spoilStrings(value: unknown, bad: string): unknown {
  if (typeof value === 'string') return `${value.slice(0, 1)}${bad}${value.slice(1)}`;
  if (Array.isArray(value)) return value.map((item) => spoilStrings(item, bad));
  if (value !== null && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, spoilStrings(item, bad)]));
  return value;
}

export type FuzzCase = { kind: 'valid' | 'spoilt field' | 'unstorable text' | 'hostile key' | 'arbitrary json'; input: unknown };

/**
 * A known-good input with some of its fields regenerated from the schema: for procedures whose rules
 * tie fields together (a sub-segment of the segment, a phone or an e-mail), which independent fields
 * would almost never satisfy.
 */
function fromSeed(schema: JsonSchema, seed: () => Record<string, unknown>): fc.Arbitrary<unknown> {
  const properties = Object.keys(schema.properties ?? {});
  return fc.tuple(fc.nat(), arbitraryOf(schema), fc.subarray(properties, { maxLength: 2 })).map(([, generated, replaced]) => {
    const input = { ...seed() };
    for (const key of replaced) {
      const value = (generated as Record<string, unknown>)[key];
      if (value === undefined) delete input[key];
      else input[key] = value;
    }
    return input;
  });
}

/** Valid inputs, valid inputs with one field spoilt or a hostile key added, and arbitrary JSON. */
export function fuzzCases(schema: JsonSchema | null, seed?: () => Record<string, unknown>): fc.Arbitrary<FuzzCase> {
  const generated = schema ? arbitraryOf(schema) : fc.constant(undefined);
  const valid = schema && seed ? fc.oneof(generated, fromSeed(schema, seed)) : generated;
  return fc.oneof(
    { weight: 3, arbitrary: valid.map((input): FuzzCase => ({ kind: 'valid', input })) },
    {
      weight: 3,
      arbitrary: fc.tuple(valid, fc.nat(), hostileValue).map(([input, pick, replacement]): FuzzCase => {
        const paths = pathsOf(input);
        if (paths.length === 0) return { kind: 'spoilt field', input: replacement };
        return { kind: 'spoilt field', input: replaceAt(input, paths[pick % paths.length]!, replacement) };
      }),
    },
    { weight: 1, arbitrary: fc.tuple(valid, unstorable).map(([input, bad]): FuzzCase => ({ kind: 'unstorable text', input: spoilStrings(input, bad) })) },
    {
      weight: 2,
      arbitrary: fc.tuple(valid, fc.oneof(fc.constantFrom(...prototypeKeys), hostileString), hostileValue).map(([input, key, value]): FuzzCase => ({
        kind: 'hostile key',
        input: withKey(input !== null && typeof input === 'object' && !Array.isArray(input) ? (input as Record<string, unknown>) : {}, key, value),
      })),
    },
    { weight: 1, arbitrary: hostileValue.map((input): FuzzCase => ({ kind: 'arbitrary json', input })) },
  );
}
