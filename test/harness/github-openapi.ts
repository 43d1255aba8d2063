/**
 * Checks GitHub REST responses against GitHub's official OpenAPI description of api.github.com
 * (github/rest-api-description, as packaged by `@octokit/openapi`: generated/api.github.com.json, OpenAPI 3.0.3).
 * Tests record what the emulator answered and ask here whether api.github.com could have answered the same.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { Ajv } from 'ajv';
import type { ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

interface OpenApiResponse {
  $ref?: string;
  content?: Record<string, { schema?: unknown }>;
}
interface OpenApiSpec {
  openapi: string;
  paths: Record<string, Record<string, { responses?: Record<string, OpenApiResponse> }>>;
  components: { schemas: Record<string, unknown>; responses: Record<string, OpenApiResponse> };
}

const SPEC_ID = 'https://api.github.com/openapi.json';
// ajv-formats ships CommonJS with `exports.default`; under NodeNext the default import is the module object.
const addFormats =
  (addFormatsModule as unknown as { default?: typeof addFormatsModule }).default ?? addFormatsModule;

export interface ResponseCheck {
  method: string;
  /** The OpenAPI path template the request matched, e.g. `/repos/{owner}/{repo}/issues`. */
  template: string;
  status: number;
  /** Empty when the body fits the documented schema. */
  problems: string[];
}

export class GitHubOpenApi {
  private readonly spec: OpenApiSpec;
  private readonly ajv: Ajv;
  private readonly templates: { template: string; pattern: RegExp; literal: number }[];
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor() {
    const file = createRequire(import.meta.url).resolve('@octokit/openapi/generated/api.github.com.json');
    this.spec = JSON.parse(readFileSync(file, 'utf8'), (_key, value: unknown) =>
      nullableToJsonSchema(value),
    ) as OpenApiSpec;
    // Other OpenAPI 3.0 keywords (discriminator, example, x-github, …) are not JSON Schema: strict off.
    this.ajv = new Ajv({ strict: false, allErrors: true, validateSchema: false, logger: false });
    addFormats(this.ajv);
    this.ajv.addSchema({ $id: SPEC_ID, components: this.spec.components });
    this.templates = Object.keys(this.spec.paths).map((template) => ({
      template,
      pattern: new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      literal: template.replace(/\{[^}]+\}/g, '').length,
    }));
  }

  /** The most literal template for a concrete path (`/issues/comments` beats `/issues/{issue_number}`). */
  template(path: string): string | undefined {
    let best: { template: string; literal: number } | undefined;
    for (const t of this.templates) {
      if (t.pattern.test(path) && (!best || t.literal > best.literal)) best = t;
    }
    return best?.template;
  }

  check(method: string, path: string, status: number, body: unknown): ResponseCheck {
    const template = this.template(path);
    if (!template)
      return { method, template: path, status, problems: ['no such path in the OpenAPI description'] };
    const operation = this.spec.paths[template]?.[method.toLowerCase()];
    if (!operation) return { method, template, status, problems: [`no ${method} operation`] };
    let response = operation.responses?.[String(status)];
    if (!response && status >= 400) response = this.spec.components.responses.not_found; // basic-error
    if (!response) return { method, template, status, problems: [`status ${status} is not documented`] };
    if (response.$ref) response = this.spec.components.responses[response.$ref.split('/').at(-1) ?? ''];
    const schema = response?.content?.['application/json']?.schema;
    if (schema === undefined) {
      return {
        method,
        template,
        status,
        problems: body === undefined || body === '' ? [] : ['no body expected'],
      };
    }
    const key = `${method} ${template} ${status}`;
    let validate = this.compiled.get(key);
    if (!validate) {
      validate = this.ajv.compile(rebase(schema) as object);
      this.compiled.set(key, validate);
    }
    const ok = validate(body);
    const problems = ok
      ? []
      : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? 'is invalid'}`.trim());
    return { method, template, status, problems: [...new Set(problems)] };
  }
}

/** Points the response schema's local `#/components/…` references at the registered description. */
function rebase(schema: unknown): unknown {
  return JSON.parse(JSON.stringify(schema), (key, value: unknown) =>
    key === '$ref' && typeof value === 'string' && value.startsWith('#/') ? `${SPEC_ID}${value}` : value,
  ) as unknown;
}

/**
 * OpenAPI 3.0's `nullable: true` as JSON Schema: `type: [t, 'null']` (and `null` among the `enum` values), or
 * `anyOf: [schema, {type: 'null'}]` where there is no `type` (next to `allOf`/`$ref`). Run as a JSON.parse
 * reviver, so it visits every node once, innermost first, without recursion.
 */
function nullableToJsonSchema(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || (value as { nullable?: unknown }).nullable !== true)
    return value;
  const { nullable: _nullable, ...schema } = value as Record<string, unknown>;
  if (typeof schema.type === 'string') {
    const nullableEnum = Array.isArray(schema.enum) ? { enum: [...(schema.enum as unknown[]), null] } : {};
    return { ...schema, type: [schema.type, 'null'], ...nullableEnum };
  }
  return { anyOf: [schema, { type: 'null' }] };
}
