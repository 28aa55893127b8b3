// Checks every request the app sends to GitHub against GitHub's published OpenAPI description
// (@octokit/openapi, generated/api.github.com.json): the method and path must name a documented
// operation, path and query parameters must fit their schemas, and a JSON body must validate
// against the operation's request-body schema (plus a check for properties the schema does not
// know, which GitHub silently ignores).
//
// The 13 MB description is read once per test file, lazily, on the first request to validate; a
// test file that never talks to GitHub pays nothing. Schemas are compiled per operation on demand.
//
//   validateGitHubRequest({ method: 'POST', path: '/repos/o/r/check-runs', body }) → string[]
//   watchGitHubRequests()  — validate every request nock answers for api.github.com or a GHE host
//   takeOpenApiProblems()  — the problems collected since the last call (and forget them)
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import nock from 'nock';
import type { ErrorObject, ValidateFunction } from 'ajv';

const require = createRequire(import.meta.url);

// ---------------------------------------------------------------------------------------------
// Types

export interface GitHubRequest {
  method: string;
  /** Path with optional query string (`/repos/o/r/pulls?state=open`), or a full URL. */
  path: string;
  /** Parsed JSON, a raw string (JSON or not), a Buffer, or nothing. */
  body?: unknown;
  /** e.g. `https://ghe.example.com/api/v3`: its path prefix is removed before matching. */
  baseUrl?: string;
  /** When given and not JSON, the body is accepted if the operation documents that media type. */
  contentType?: string;
}

export interface ValidateOptions {
  /** Report body properties that the operation's schema does not declare (default true). */
  unknownProperties?: boolean;
  /** Report query parameters that the operation does not declare (default true). */
  unknownQueryParameters?: boolean;
}

type Json = unknown;
// The OpenAPI document is plain JSON; it is walked with loose typing on purpose.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Node = any;

interface Route {
  template: string;
  segments: Array<string | { param: string }>;
  /** The last segment is a `{path}`, `{ref}` or `{dir}` parameter that may swallow slashes. */
  greedyLast: boolean;
  operations: Record<string, Node>;
}

interface Spec {
  doc: Node;
  routesByLength: Map<number, Route[]>;
  greedyRoutes: Route[];
}

const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const GREEDY_PARAMS = new Set(['path', 'ref', 'dir']);
const SCHEMA_ID_PREFIX = 'https://api.github.com/openapi/components/schemas/';

// ---------------------------------------------------------------------------------------------
// Loading

let spec: Spec | undefined;
export const openApiTimings = { loadMs: 0 };

/** The path of the OpenAPI JSON file used (the `$ref` form, not the 73 MB dereferenced one). */
export function openApiDescriptionPath(): string {
  return require.resolve('@octokit/openapi/generated/api.github.com.json');
}

function loadSpec(): Spec {
  if (spec) return spec;
  const started = performance.now();
  const doc: Node = JSON.parse(readFileSync(openApiDescriptionPath(), 'utf8'));
  const routesByLength = new Map<number, Route[]>();
  const greedyRoutes: Route[] = [];
  for (const [template, item] of Object.entries<Node>(doc.paths)) {
    const operations: Record<string, Node> = {};
    for (const method of HTTP_METHODS) if (item[method]) operations[method] = item[method];
    const segments = template
      .split('/')
      .slice(1)
      .map((s) => {
        const m = /^\{([^}]+)\}$/.exec(s);
        return m ? { param: m[1]! } : s;
      });
    const last = segments[segments.length - 1];
    const route: Route = { template, segments, greedyLast: typeof last === 'object' && GREEDY_PARAMS.has(last.param), operations };
    const list = routesByLength.get(segments.length) ?? [];
    list.push(route);
    routesByLength.set(segments.length, list);
    if (route.greedyLast) greedyRoutes.push(route);
  }
  spec = { doc, routesByLength, greedyRoutes };
  openApiTimings.loadMs = performance.now() - started;
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Schema preparation: OpenAPI 3.0 → something ajv (draft-07) compiles

// ajv is loaded through require: it is CommonJS and its default export differs between
// TypeScript's NodeNext view and the runtime interop.
type AjvInstance = import('ajv').default;
let ajv: AjvInstance | undefined;
const prepared = new WeakSet<object>();
const registeredSchemas = new Set<string>();
const compiled = new Map<string, ValidateFunction>();

function getAjv(): AjvInstance {
  if (ajv) return ajv;
  const AjvClass = require('ajv').default as typeof import('ajv').default;
  const addFormats = require('ajv-formats').default as typeof import('ajv-formats').default;
  ajv = new AjvClass({ strict: false, allErrors: true, allowUnionTypes: true, validateSchema: false, logger: false });
  addFormats(ajv);
  ajv.addFormat('repo.nwo', true);
  return ajv;
}

function schemaNameFromRef(ref: string): string | undefined {
  if (ref.startsWith('#/components/schemas/')) return decodePointer(ref.slice('#/components/schemas/'.length));
  if (ref.startsWith(SCHEMA_ID_PREFIX)) return decodeURIComponent(ref.slice(SCHEMA_ID_PREFIX.length));
  return undefined;
}

function decodePointer(s: string): string {
  return s.replace(/~1/g, '/').replace(/~0/g, '~');
}

/**
 * Rewrites one schema tree in place (once): `$ref`s to components become absolute ids that ajv
 * knows, `nullable` without `type` becomes `anyOf [..., null]`, and nullable enums admit null.
 * Collects the component names the tree refers to.
 */
function prepareSchema(schema: Node, refs: Set<string>): void {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return;
  if (prepared.has(schema)) {
    collectRefs(schema, refs, new WeakSet());
    return;
  }
  prepared.add(schema);
  if (typeof schema.$ref === 'string') {
    const name = schemaNameFromRef(schema.$ref);
    if (name !== undefined) {
      schema.$ref = SCHEMA_ID_PREFIX + encodeURIComponent(name);
      refs.add(name);
    }
  }
  for (const key of ['properties', 'patternProperties']) {
    if (schema[key] && typeof schema[key] === 'object') for (const sub of Object.values(schema[key])) prepareSchema(sub, refs);
  }
  for (const key of ['allOf', 'anyOf', 'oneOf']) if (Array.isArray(schema[key])) for (const sub of schema[key]) prepareSchema(sub, refs);
  for (const key of ['items', 'additionalProperties', 'not']) {
    const sub = schema[key];
    if (Array.isArray(sub)) for (const s of sub) prepareSchema(s, refs);
    else prepareSchema(sub, refs);
  }
  if (schema.nullable === true) {
    if (Array.isArray(schema.enum) && !schema.enum.includes(null)) schema.enum = [...schema.enum, null];
    if (schema.type === undefined) {
      const rest = { ...schema };
      delete rest.nullable;
      for (const key of Object.keys(schema)) if (!/^(description|title|example|examples)$/.test(key)) delete schema[key];
      schema.anyOf = [rest, { type: 'null' }];
      prepared.add(rest);
    }
  }
}

function collectRefs(schema: Node, refs: Set<string>, seen: WeakSet<object>): void {
  if (!schema || typeof schema !== 'object' || seen.has(schema)) return;
  seen.add(schema);
  if (Array.isArray(schema)) {
    for (const s of schema) collectRefs(s, refs, seen);
    return;
  }
  if (typeof schema.$ref === 'string') {
    const name = schemaNameFromRef(schema.$ref);
    if (name !== undefined) refs.add(name);
  }
  for (const [key, value] of Object.entries(schema)) if (key !== 'example' && key !== 'examples' && key !== 'enum') collectRefs(value, refs, seen);
}

/** Registers the named component schemas (and what they refer to) with ajv. */
function registerComponents(names: Iterable<string>): void {
  const doc = loadSpec().doc;
  const queue = [...names];
  while (queue.length > 0) {
    const name = queue.pop()!;
    if (registeredSchemas.has(name)) continue;
    registeredSchemas.add(name);
    const schema = doc.components?.schemas?.[name];
    if (!schema) throw new Error(`OpenAPI description has no components.schemas.${name}`);
    const refs = new Set<string>();
    prepareSchema(schema, refs);
    getAjv().addSchema(schema, SCHEMA_ID_PREFIX + encodeURIComponent(name));
    queue.push(...refs);
  }
}

function bodyValidator(key: string, schema: Node): ValidateFunction {
  let validate = compiled.get(key);
  if (!validate) {
    const refs = new Set<string>();
    prepareSchema(schema, refs);
    registerComponents(refs);
    validate = getAjv().compile(schema);
    compiled.set(key, validate);
  }
  return validate;
}

function resolveSchema(schema: Node): Node {
  let current = schema;
  for (let i = 0; i < 20 && current && typeof current.$ref === 'string'; i++) {
    const name = schemaNameFromRef(current.$ref);
    current = name === undefined ? undefined : loadSpec().doc.components?.schemas?.[name];
  }
  return current;
}

function resolveParameter(parameter: Node): Node {
  if (parameter && typeof parameter.$ref === 'string' && parameter.$ref.startsWith('#/components/parameters/')) {
    return loadSpec().doc.components?.parameters?.[decodePointer(parameter.$ref.slice('#/components/parameters/'.length))];
  }
  return parameter;
}

// ---------------------------------------------------------------------------------------------
// Matching

interface Match {
  route: Route;
  params: Record<string, string>;
}

function matchRoute(route: Route, parts: string[]): Match | undefined {
  const params: Record<string, string> = {};
  const { segments } = route;
  if (parts.length < segments.length || (parts.length > segments.length && !route.greedyLast)) return undefined;
  for (let i = 0; i < segments.length; i++) {
    const segment = segments[i]!;
    const isLast = i === segments.length - 1;
    const part = isLast ? parts.slice(i).join('/') : parts[i]!;
    if (typeof segment === 'string') {
      if (safeDecode(part) !== segment) return undefined;
    } else {
      if (part === '') return undefined;
      params[segment.param] = safeDecode(part);
    }
  }
  return { route, params };
}

/** Literal segments beat parameters, from left to right; exact-length beats greedy. */
function compareSpecificity(a: Match, b: Match): number {
  const n = Math.min(a.route.segments.length, b.route.segments.length);
  for (let i = 0; i < n; i++) {
    const la = typeof a.route.segments[i] === 'string';
    const lb = typeof b.route.segments[i] === 'string';
    if (la !== lb) return la ? -1 : 1;
  }
  return b.route.segments.length - a.route.segments.length;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function splitUrl(request: GitHubRequest): { pathname: string; query: URLSearchParams } {
  const url = new URL(request.path, 'https://api.github.com');
  let pathname = url.pathname;
  const basePath = request.baseUrl ? new URL(request.baseUrl).pathname.replace(/\/+$/, '') : '';
  if (basePath && pathname.startsWith(`${basePath}/`)) pathname = pathname.slice(basePath.length);
  else if (pathname.startsWith('/api/v3/')) pathname = pathname.slice('/api/v3'.length);
  return { pathname, query: url.searchParams };
}

// ---------------------------------------------------------------------------------------------
// Bodies

type ParsedBody = { kind: 'none' } | { kind: 'json'; value: Json } | { kind: 'raw'; text: string };

function parseBody(body: unknown): ParsedBody {
  if (body === undefined || body === null) return { kind: 'none' };
  let text: string;
  if (typeof body === 'string') text = body;
  else if (Buffer.isBuffer(body) || body instanceof Uint8Array) text = Buffer.from(body).toString('utf8');
  else return { kind: 'json', value: body };
  if (text.trim() === '') return { kind: 'none' };
  try {
    return { kind: 'json', value: JSON.parse(text) };
  } catch {
    return { kind: 'raw', text };
  }
}

function isEmptyJson(value: Json): boolean {
  return value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value as object).length === 0);
}

function valueAt(data: Json, pointer: string): Json {
  let current: Node = data;
  for (const part of pointer.split('/').slice(1)) current = current?.[decodePointer(part)];
  return current;
}

function preview(value: Json): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

function formatAjvErrors(errors: ErrorObject[], data: Json): string[] {
  const lines = new Set<string>();
  // A failed anyOf/oneOf also lists every branch's errors; the branch errors say more.
  const interesting = errors.filter((e) => !['anyOf', 'oneOf', 'if'].includes(e.keyword) || errors.length === 1);
  for (const error of interesting.length > 0 ? interesting : errors) {
    let where = `body${error.instancePath}`;
    let detail = error.message ?? error.keyword;
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') where = `body${error.instancePath}/${String(params.missingProperty)}`;
    if (error.keyword === 'additionalProperties') {
      where = `body${error.instancePath}/${String(params.additionalProperty)}`;
      detail = 'is not allowed (additionalProperties: false)';
    }
    if (error.keyword === 'enum') detail += `: ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`;
    const got = error.keyword === 'required' || error.keyword === 'additionalProperties' ? '' : ` (got ${preview(valueAt(data, error.instancePath))})`;
    lines.add(`${where} ${detail}${got}`);
  }
  return [...lines].slice(0, 10);
}

/** Properties present in the body but declared nowhere in the (possibly composed) schema. */
function unknownProperties(data: Json, schemas: Node[], where: string, out: string[], depth = 0): void {
  if (depth > 30 || data === null || typeof data !== 'object') return;
  const candidates = expandSchemas(schemas);
  if (Array.isArray(data)) {
    const itemSchemas = candidates.filter((s) => s.items && typeof s.items === 'object' && !Array.isArray(s.items)).map((s) => s.items);
    if (itemSchemas.length > 0)
      data.forEach((item, i) => {
        unknownProperties(item, itemSchemas, `${where}/${i}`, out, depth + 1);
      });
    return;
  }
  const objectSchemas = candidates.filter((s) => s.type === undefined || s.type === 'object' || (Array.isArray(s.type) && s.type.includes('object')));
  if (objectSchemas.length === 0) return;
  // Open if any candidate says nothing about its properties or allows others explicitly.
  const open = objectSchemas.some((s) => !s.properties || s.additionalProperties !== undefined || s.patternProperties);
  for (const [key, value] of Object.entries(data as Record<string, Json>)) {
    const propertySchemas = objectSchemas.map((s) => s.properties?.[key]).filter((s) => s !== undefined);
    if (propertySchemas.length === 0) {
      if (!open)
        out.push(
          `${where}/${key} is not a property the API knows (known: ${[...new Set(objectSchemas.flatMap((s) => Object.keys(s.properties ?? {})))].join(', ')})`,
        );
      continue;
    }
    unknownProperties(value, propertySchemas, `${where}/${key}`, out, depth + 1);
  }
}

/** Follows $refs and flattens allOf/anyOf/oneOf (loosely: a property known to any branch is known). */
function expandSchemas(schemas: Node[]): Node[] {
  const out: Node[] = [];
  const visit = (schema: Node, depth: number): void => {
    const s = resolveSchema(schema);
    if (!s || typeof s !== 'object' || depth > 10) return;
    const parts = [...(s.allOf ?? []), ...(s.anyOf ?? []), ...(s.oneOf ?? [])];
    const own = { ...s };
    delete own.allOf;
    delete own.anyOf;
    delete own.oneOf;
    delete own.$ref;
    // A pure composition wrapper contributes nothing of its own.
    if (parts.length === 0 || own.properties || own.items || own.additionalProperties !== undefined) out.push(own);
    for (const part of parts) visit(part, depth + 1);
  };
  for (const schema of schemas) visit(schema, 0);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Parameters

function checkParameterValue(name: string, where: 'path' | 'query', raw: string, parameter: Node): string | undefined {
  const schema = resolveSchema(parameter.schema);
  if (!schema || typeof schema !== 'object') return undefined;
  const type = schema.type;
  if ((type === 'integer' && !/^-?\d+$/.test(raw)) || (type === 'number' && (raw.trim() === '' || Number.isNaN(Number(raw))))) {
    return `${where} parameter ${name} must be ${type === 'integer' ? 'an integer' : 'a number'} (got ${JSON.stringify(raw)})`;
  }
  if (type === 'boolean' && raw !== 'true' && raw !== 'false') return `${where} parameter ${name} must be true or false (got ${JSON.stringify(raw)})`;
  if (Array.isArray(schema.enum) && (type === 'string' || type === undefined) && !schema.enum.includes(raw)) {
    return `${where} parameter ${name} must be one of ${schema.enum.map((v: unknown) => JSON.stringify(v)).join(', ')} (got ${JSON.stringify(raw)})`;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// The check

/** Returns what is wrong with one request according to GitHub's OpenAPI description; [] = valid. */
export function validateGitHubRequest(request: GitHubRequest, options: ValidateOptions = {}): string[] {
  const method = request.method.toLowerCase();
  const { pathname, query } = splitUrl(request);
  const body = parseBody(request.body);

  if (pathname === '/graphql' || pathname === '/api/graphql') {
    if (method !== 'post') return [`GraphQL takes POST, not ${request.method.toUpperCase()}`];
    if (body.kind !== 'json' || typeof (body.value as Node)?.query !== 'string' || (body.value as Node).query.trim() === '') {
      return ['GraphQL request body must be JSON with a non-empty "query" string'];
    }
    const variables = (body.value as Node).variables;
    if (variables !== undefined && variables !== null && (typeof variables !== 'object' || Array.isArray(variables))) {
      return ['GraphQL "variables" must be an object'];
    }
    return [];
  }

  const { routesByLength, greedyRoutes } = loadSpec();
  const parts = pathname.split('/').slice(1);
  const matches: Match[] = [];
  for (const route of routesByLength.get(parts.length) ?? []) {
    const match = matchRoute(route, parts);
    if (match) matches.push(match);
  }
  for (const route of greedyRoutes) {
    if (route.segments.length < parts.length) {
      const match = matchRoute(route, parts);
      if (match) matches.push(match);
    }
  }
  if (matches.length === 0) return [`no GitHub REST operation matches the path ${pathname}`];
  matches.sort(compareSpecificity);
  const withMethod = matches.find((m) => m.route.operations[method]);
  if (!withMethod) {
    const route = matches[0]!.route;
    return [
      `${request.method.toUpperCase()} is not defined for ${route.template} (documented: ${Object.keys(route.operations)
        .map((m) => m.toUpperCase())
        .join(', ')})`,
    ];
  }
  const { route, params } = withMethod;
  const operation = route.operations[method];
  const problems: string[] = [];

  // Parameters
  const parameters: Node[] = (operation.parameters ?? []).map(resolveParameter).filter(Boolean);
  for (const parameter of parameters.filter((p) => p.in === 'path')) {
    const raw = params[parameter.name];
    if (raw === undefined) continue;
    const problem = checkParameterValue(parameter.name, 'path', raw, parameter);
    if (problem) problems.push(problem);
  }
  const queryParameters = new Map(parameters.filter((p) => p.in === 'query').map((p) => [p.name as string, p]));
  for (const [name, raw] of query) {
    const parameter = queryParameters.get(name) ?? queryParameters.get(name.replace(/\[\]$/, ''));
    if (!parameter) {
      if (options.unknownQueryParameters !== false) {
        problems.push(
          `query parameter ${name} is not documented for ${request.method.toUpperCase()} ${route.template}` +
            (queryParameters.size > 0 ? ` (documented: ${[...queryParameters.keys()].join(', ')})` : ''),
        );
      }
      continue;
    }
    const problem = checkParameterValue(name, 'query', raw, parameter);
    if (problem) problems.push(problem);
  }
  for (const parameter of queryParameters.values()) {
    if (parameter.required && !query.has(parameter.name)) problems.push(`query parameter ${parameter.name} is required`);
  }

  // Body
  const requestBody = operation.requestBody;
  const content: Record<string, Node> = requestBody?.content ?? {};
  const jsonSchema = content['application/json']?.schema;
  const contentType = request.contentType?.split(';')[0]?.trim().toLowerCase();
  const isJsonContentType = !contentType || contentType === 'application/json' || contentType.endsWith('+json');

  const empty = body.kind === 'none' || (body.kind === 'json' && isEmptyJson(body.value));
  if (!requestBody) {
    if (!empty) {
      problems.push(
        `${request.method.toUpperCase()} ${route.template} takes no request body` +
          (body.kind === 'json' && body.value && typeof body.value === 'object' ? ` (got keys: ${Object.keys(body.value as object).join(', ')})` : ''),
      );
    }
  } else if (body.kind === 'none') {
    if (requestBody.required) problems.push('a request body is required');
  } else if (contentType && !isJsonContentType) {
    if (!content[contentType] && !content['*/*']) {
      problems.push(`content type ${contentType} is not accepted (documented: ${Object.keys(content).join(', ')})`);
    }
  } else if (body.kind === 'raw') {
    if (jsonSchema || Object.keys(content).length === 0) problems.push(`request body is not valid JSON (starts ${JSON.stringify(body.text.slice(0, 40))})`);
  } else if (!jsonSchema) {
    problems.push(`a JSON body is not accepted (documented: ${Object.keys(content).join(', ')})`);
  } else {
    const validate = bodyValidator(`${method} ${route.template}`, jsonSchema);
    if (!validate(body.value)) problems.push(...formatAjvErrors(validate.errors ?? [], body.value));
    else if (options.unknownProperties !== false) unknownProperties(body.value, [jsonSchema], 'body', problems);
  }
  return problems;
}

// ---------------------------------------------------------------------------------------------
// nock hook

export interface WatchOptions {
  /** Which requests to check; default: api.github.com, uploads.github.com, and any host whose
   * path starts with /api/v3/ or is /api/graphql (GitHub Enterprise Server). */
  isGitHub?: (url: URL) => boolean;
  validate?: ValidateOptions;
}

const collected: string[] = [];
let watchOptions: WatchOptions = {};
const TAP = Symbol.for('rfc-panel.github-openapi.tap');

export function defaultIsGitHub(url: URL): boolean {
  return url.hostname === 'api.github.com' || url.hostname === 'uploads.github.com' || url.pathname.startsWith('/api/v3/') || url.pathname === '/api/graphql';
}

/**
 * Validates every request that a nock interceptor answers (nock emits 'request' on the scope, not
 * globally, so this taps the Scope prototype). Idempotent; call it once per test file, e.g. from a
 * shared `beforeAll`. Problems accumulate until `takeOpenApiProblems()`.
 */
export function watchGitHubRequests(options: WatchOptions = {}): void {
  watchOptions = options;
  const proto = Object.getPrototypeOf(nock('https://openapi-tap.invalid')) as Node;
  if (proto[TAP]) return;
  const originalEmit = proto.emit as (this: unknown, event: string | symbol, ...args: unknown[]) => boolean;
  proto[TAP] = true;
  proto.emit = function emit(this: unknown, event: string | symbol, ...args: unknown[]): boolean {
    if (event === 'request') onInterceptedRequest(args[0] as Node, args[1] as Node, args[2]);
    return originalEmit.call(this, event, ...args);
  };
}

function onInterceptedRequest(req: Node, interceptor: Node, bodyString: unknown): void {
  let label = `${req?.method ?? '?'} ${req?.path ?? '?'}`;
  try {
    const url = requestUrl(req, interceptor);
    label = `${String(req.method).toUpperCase()} ${url.host}${url.pathname}${url.search}`;
    if (!(watchOptions.isGitHub ?? defaultIsGitHub)(url)) return;
    const headers = (typeof req.getHeaders === 'function' ? req.getHeaders() : req.headers) ?? {};
    const contentType = headerValue(headers['content-type']);
    const problems = validateGitHubRequest(
      { method: String(req.method), path: `${url.pathname}${url.search}`, body: bodyString, contentType },
      watchOptions.validate,
    );
    for (const problem of problems) collected.push(`${label}: ${problem}`);
  } catch (error) {
    collected.push(`${label}: the OpenAPI check itself failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function headerValue(value: unknown): string | undefined {
  if (Array.isArray(value)) return value.map(String).join(', ');
  return value === undefined ? undefined : String(value);
}

function requestUrl(req: Node, interceptor: Node): URL {
  const path: string = req.path ?? '/';
  const headers = (typeof req.getHeaders === 'function' ? req.getHeaders() : req.headers) ?? {};
  const host = headerValue(headers.host) ?? req.host;
  const basePath = interceptor?.scope?.basePath ?? interceptor?.basePath;
  if (typeof basePath === 'string') {
    const base = new URL(basePath);
    return new URL(path, `${base.protocol}//${host ?? base.host}`);
  }
  return new URL(path, `https://${host ?? 'unknown.invalid'}`);
}

/** The problems collected since the last call; clears them. */
export function takeOpenApiProblems(): string[] {
  return collected.splice(0, collected.length);
}

export function resetOpenApiProblems(): void {
  collected.length = 0;
}
