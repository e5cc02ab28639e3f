import { ScimError } from '../../platform/errors/scim-error';
import type { ResourceTypeName, SchemaRegistry } from '../schemas/types';

export interface Projection {
  attributes?: string[];
  excludedAttributes?: string[];
}

const ALWAYS = new Set(['id', 'schemas']);

/** Splits a comma-separated `attributes`/`excludedAttributes` value (RFC 7644 §3.4.2.5). */
export function parseAttributeList(value: unknown, name: string, max = 100): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string')
    throw new ScimError(400, 'invalidValue', `${name} must be a comma-separated string`);
  const list = value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (list.length > max)
    throw new ScimError(400, 'invalidValue', `${name} lists more than ${max} attributes`);
  return list;
}

function pathKey(
  registry: SchemaRegistry,
  rt: ResourceTypeName,
  path: string,
): { top: string; sub?: string; ext?: string } | undefined {
  const resolved = registry.resolve(rt, path);
  if (!resolved) return undefined;
  const top = resolved.attribute.name;
  return {
    top,
    sub: resolved.subAttribute?.name,
    ext: resolved.extension ? resolved.schemaId : undefined,
  };
}

/** Whether a top-level attribute is named in a list (with or without a sub-attribute). */
function names(list: Array<ReturnType<typeof pathKey>>, top: string, ext?: string) {
  return list.filter((p) => p && p.top === top && p.ext === ext) as Array<{
    top: string;
    sub?: string;
    ext?: string;
  }>;
}

/**
 * RFC 7644 §3.4.2.5 and RFC 7643 §7 "returned": applies `attributes` / `excludedAttributes`
 * to a SCIM representation; `always` attributes stay, `request` ones appear only when asked.
 */
export function projectResource(
  registry: SchemaRegistry,
  rt: ResourceTypeName,
  resource: Record<string, unknown>,
  projection: Projection,
): Record<string, unknown> {
  const wanted = projection.attributes?.map((p) => pathKey(registry, rt, p)).filter(Boolean);
  const excluded = (projection.excludedAttributes ?? [])
    .map((p) => pathKey(registry, rt, p))
    .filter(Boolean);
  const out: Record<string, unknown> = {};
  const keep = (key: string, value: unknown, ext?: string): unknown => {
    const resolved = registry.resolve(rt, ext ? `${ext}:${key}` : key);
    const returned = resolved?.attribute.returned ?? 'default';
    if (returned === 'never') return undefined;
    if (returned === 'always' || ALWAYS.has(key)) return value;
    if (wanted && wanted.length > 0) {
      const hits = names(wanted, key, ext);
      if (hits.length === 0) return undefined;
      if (hits.some((h) => !h.sub)) return value;
      return pickSubAttributes(value, new Set(hits.map((h) => h.sub!)));
    }
    if (returned === 'request') return undefined;
    const hits = names(excluded, key, ext);
    if (hits.some((h) => !h.sub)) return undefined;
    if (hits.length > 0) return dropSubAttributes(value, new Set(hits.map((h) => h.sub!)));
    return value;
  };
  for (const [key, value] of Object.entries(resource)) {
    if (key === 'meta') {
      const hits =
        wanted && wanted.length > 0
          ? wanted.some((p) => p?.top === 'meta')
          : !excluded.some((p) => p?.top === 'meta' && !p.sub);
      if (hits || !wanted || wanted.length === 0) {
        if (!excluded.some((p) => p?.top === 'meta' && !p.sub)) out.meta = value;
      }
      continue;
    }
    if (
      key.toLowerCase().startsWith('urn:') &&
      value &&
      typeof value === 'object' &&
      !Array.isArray(value)
    ) {
      const inner: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(value)) {
        const kept = keep(k, v, key);
        if (kept !== undefined) inner[k] = kept;
      }
      if (Object.keys(inner).length > 0) out[key] = inner;
      continue;
    }
    const kept = keep(key, value);
    if (kept !== undefined) out[key] = kept;
  }
  if (Array.isArray(out.schemas)) {
    out.schemas = (out.schemas as string[]).filter(
      (s) => !s.toLowerCase().startsWith('urn:ietf:params:scim:schemas:extension') || s in out,
    );
  }
  return out;
}

function mapObjects(
  value: unknown,
  f: (o: Record<string, unknown>) => Record<string, unknown>,
): unknown {
  if (Array.isArray(value))
    return value.map((v) => (v && typeof v === 'object' ? f(v as Record<string, unknown>) : v));
  if (value && typeof value === 'object') return f(value as Record<string, unknown>);
  return value;
}

function pickSubAttributes(value: unknown, subs: Set<string>): unknown {
  return mapObjects(value, (o) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => subs.has(k))),
  );
}

function dropSubAttributes(value: unknown, subs: Set<string>): unknown {
  return mapObjects(value, (o) =>
    Object.fromEntries(Object.entries(o).filter(([k]) => !subs.has(k))),
  );
}
