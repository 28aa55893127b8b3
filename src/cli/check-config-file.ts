import { LineCounter, parseDocument as parseYaml } from 'yaml';
import { ValidationError } from '../errors/errors.js';
import type { Config } from '../config/schema.js';
import { parseConfig } from '../config/load-config.js';
import { decodeDocument } from '../documents/read-input-file.js';

export interface ConfigCheck {
  config: Config;
  /** Things that are valid but worth knowing, e.g. an `_extends` this local check cannot follow. */
  notes: string[];
}

/**
 * `.github/rfc-panel.yml` validated locally as the app would validate it (same zod schema, same
 * messages), so a mistake shows up before the pull request rather than as a failed check run.
 * YAML errors name their line; an empty file means "all defaults", as it does in the app.
 */
export function checkConfigFile(path: string, bytes: Uint8Array): ConfigCheck {
  const text = decodeDocument(path, bytes);
  const lineCounter = new LineCounter();
  const doc = parseYaml(text, { prettyErrors: false, uniqueKeys: true, lineCounter });
  if (doc.errors.length > 0) {
    throw new ValidationError(
      path,
      doc.errors.map((e) => `line ${lineCounter.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`),
    );
  }
  let data: unknown;
  try {
    // yaml's own guard against alias bombs ("billion laughs") throws here; it is the file's fault.
    data = doc.toJS({ maxAliasCount: 100 }) ?? {};
  } catch (error) {
    throw new ValidationError(path, [(error as Error).message.split('\n')[0]!]);
  }
  if (typeof data !== 'object' || data === null || Array.isArray(data)) {
    throw new ValidationError(path, [
      `(top level): must be a mapping of settings (e.g. \`gate: critical\`), not ${Array.isArray(data) ? 'a list' : `a ${typeof data}`}`,
    ]);
  }
  const notes: string[] = [];
  const extendsValue = (data as Record<string, unknown>)._extends;
  if (extendsValue !== undefined)
    notes.push(`_extends: ${String(extendsValue)} is not read by a local check; the app merges it first and validates the result`);
  try {
    return { config: parseConfig(data), notes };
  } catch (error) {
    // parseConfig names the file as the app sees it; here the user named a path.
    if (error instanceof ValidationError) throw new ValidationError(path, error.problems);
    throw error;
  }
}
