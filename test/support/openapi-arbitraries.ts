import fc from 'fast-check';

/** The part of an OpenAPI 3.1 schema the generators read. */
export interface JsonSchema {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minimum?: number;
  maximum?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  format?: string;
}

/** Numbers a 32-bit integer column, a JSON parser or a validator may choke on. */
export const wildNumber: fc.Arbitrary<number> = fc.oneof(
  fc.constantFrom(-1, 0, -0, 0.5, 1.5, 2 ** 31 - 1, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 + 2, Number.MAX_SAFE_INTEGER, 1e21, 1e308, -1e308, 5e-324),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
);

/** Text PostgreSQL cannot hold, text that is merely unusual, and text that is very long. */
export const wildString: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('', ' ', '\u0000', 'a\u0000b', '\uD800', 'x\uDFFFy', '\uFEFF', '\u202Eevil', 'e\u0301\u0301\u0301', '\u2028\u2029', '🎸'.repeat(100), '%00', '../../etc/passwd', "'; DROP TABLE events; --", '{{7*7}}', '<script>alert(1)</script>'),
  fc.string({ unit: 'binary', maxLength: 64 }),
  fc.string({ unit: 'grapheme', maxLength: 64 }),
  fc.integer({ min: 201, max: 20_000 }).map((length) => 'ü'.repeat(length)),
);

/** Any JSON value, with the odd numbers and strings above among them. */
export const wildValue: fc.Arbitrary<unknown> = fc.oneof(
  wildNumber,
  wildString,
  fc.constantFrom(null, true, false, [], {}, [null], { __proto__: null, constructor: 1 }),
  fc.jsonValue({ maxDepth: 3 }),
);

export class SchemaArbitraries {
  constructor(private readonly document: { components?: { schemas?: Record<string, JsonSchema> } }) {}

  private resolve(schema: JsonSchema): JsonSchema {
    if (!schema.$ref) return schema;
    const name = schema.$ref.replace('#/components/schemas/', '');
    const target = this.document.components?.schemas?.[name];
    if (!target) throw new Error(`no schema ${schema.$ref}`);
    return this.resolve(target);
  }

  /** Values the schema describes (as far as a generator can tell without its refinements). */
  valid(given: JsonSchema, depth = 0): fc.Arbitrary<unknown> {
    const schema = this.resolve(given);
    if (schema.const !== undefined) return fc.constant(schema.const);
    if (schema.enum) return fc.constantFrom(...schema.enum);
    const alternatives = schema.anyOf ?? schema.oneOf;
    if (alternatives) return fc.oneof(...alternatives.map((alternative) => this.valid(alternative, depth + 1)));
    if (schema.allOf?.length) return this.valid(schema.allOf[0]!, depth + 1);
    const types = Array.isArray(schema.type) ? schema.type : [schema.type ?? 'object'];
    return fc.oneof(...types.map((type) => this.validOfType(type, schema, depth)));
  }

  private validOfType(type: string, schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    switch (type) {
      case 'null':
        return fc.constant(null);
      case 'boolean':
        return fc.boolean();
      case 'integer':
        return fc.integer({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1_000_000 });
      case 'number':
        return fc.double({ min: schema.minimum ?? -1000, max: schema.maximum ?? 1e6, noNaN: true });
      case 'string':
        return this.validString(schema);
      case 'array':
        return fc.array(schema.items ? this.valid(schema.items, depth + 1) : fc.jsonValue(), {
          minLength: schema.minItems ?? 0,
          maxLength: Math.min(schema.maxItems ?? 3, 3),
        });
      default:
        return this.validObject(schema, depth);
    }
  }

  private validString(schema: JsonSchema): fc.Arbitrary<string> {
    if (schema.format === 'uuid') return fc.uuid();
    if (schema.format === 'date-time') {
      return fc.date({ min: new Date('2020-01-01'), max: new Date('2040-01-01'), noInvalidDate: true }).map((date) => date.toISOString());
    }
    if (schema.pattern) return fc.stringMatching(new RegExp(schema.pattern)).filter((text) => text.length <= (schema.maxLength ?? 200));
    return fc.string({ minLength: schema.minLength ?? 0, maxLength: Math.min(schema.maxLength ?? 40, 40) });
  }

  private validObject(schema: JsonSchema, depth: number): fc.Arbitrary<unknown> {
    const properties = schema.properties ?? {};
    const model = Object.fromEntries(Object.entries(properties).map(([name, property]) => [name, this.valid(property, depth + 1)]));
    return fc.record(model, { requiredKeys: (schema.required ?? []).filter((name) => name in properties) });
  }

  /**
   * A value of the schema with something wrong somewhere: a field replaced by a wild value,
   * dropped, or joined by an unknown one, at any depth.
   */
  mutated(schema: JsonSchema): fc.Arbitrary<unknown> {
    return fc.tuple(this.valid(schema), fc.array(fc.tuple(fc.nat(), fc.constantFrom('replace', 'drop', 'add'), fc.string({ maxLength: 12 }), wildValue), { minLength: 1, maxLength: 3 })).map(
      ([value, mutations]) => {
        let result = structuredClone(value);
        // Cloned: fast-check hands out the same constant objects again, and mutating one in place would make cycles.
        for (const [pick, kind, name, wild] of mutations) result = mutate(result, pick, kind, name, structuredClone(wild));
        return result;
      },
    );
  }
}

/** Applies one mutation to the `pick`-th container (object or array) of `value`, depth first. */
function mutate(value: unknown, pick: number, kind: 'replace' | 'drop' | 'add', name: string, wild: unknown): unknown {
  const containers: (Record<string, unknown> | unknown[])[] = [];
  const collect = (node: unknown) => {
    if (node === null || typeof node !== 'object') return;
    containers.push(node as Record<string, unknown>);
    for (const child of Object.values(node)) collect(child);
  };
  collect(value);
  if (containers.length === 0) return wild;
  const container = containers[pick % containers.length]!;
  const keys = Object.keys(container);
  const key = keys.length > 0 ? keys[pick % keys.length]! : undefined;
  if (kind === 'add' || key === undefined) {
    if (Array.isArray(container)) container.push(wild);
    else container[`${name}_unknown`] = wild;
  } else if (kind === 'drop') {
    if (Array.isArray(container)) container.splice(Number(key), 1);
    else delete container[key];
  } else {
    (container as Record<string, unknown>)[key] = wild;
  }
  return value;
}
