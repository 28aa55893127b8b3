import pino, { type Logger } from 'pino';
import { REDACTION } from '../logging/redaction.js';

/**
 * Logging for a workflow run: one readable line per record instead of pino's JSON. Warnings and
 * errors become workflow annotations (`::warning::`, `::error::`), debug records `::debug::`
 * (shown when the run is re-run with debug logging). Every line starts with text of ours and has
 * no raw newline, so text from a pull request can never start a workflow command of its own.
 */
export interface ActionLog {
  log: Logger;
  /** Problems that end the run red: error records and reviews that failed (reported on the check run). */
  failures: string[];
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const HIDDEN = new Set(['level', 'time', 'pid', 'hostname', 'msg', 'name', 'v']);

export function createActionLog(write: (line: string) => void, level: string): ActionLog {
  const failures: string[] = [];
  const stream = {
    write(chunk: string): void {
      for (const text of chunk.split('\n')) {
        if (!text.trim()) continue;
        let record: Record<string, unknown>;
        try {
          record = JSON.parse(text) as Record<string, unknown>;
        } catch {
          write(`rfc-panel: ${oneLine(text)}`);
          continue;
        }
        const lvl = typeof record.level === 'number' ? record.level : 30;
        const msg = typeof record.msg === 'string' ? record.msg : '';
        if (lvl >= 50 || msg === 'review failed')
          failures.push(typeof record.title === 'string' ? `${msg}: ${record.title}` : `${msg}${errorText(record.err)}`);
        const line = `${msg}${fields(record)}`;
        if (lvl >= 50) write(`::error title=rfc-panel::${escapeData(line)}`);
        else if (lvl >= 40) write(`::warning title=rfc-panel::${escapeData(line)}`);
        else if (lvl >= 30) write(`rfc-panel [${LEVELS[lvl] ?? lvl}] ${oneLine(line)}`);
        else write(`::debug::${escapeData(line)}`);
      }
    },
  };
  const log = pino({ level, redact: REDACTION, base: null }, stream);
  return { log, failures };
}

/** Workflow command data: `%`, CR and LF must be escaped. */
export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

function oneLine(text: string): string {
  return text.replace(/\r?\n/g, ' ⏎ ');
}

function errorText(err: unknown): string {
  if (typeof err === 'object' && err !== null && typeof (err as { message?: unknown }).message === 'string') return `: ${(err as { message: string }).message}`;
  return '';
}

function fields(record: Record<string, unknown>): string {
  const rest = Object.entries(record).filter(([k]) => !HIDDEN.has(k));
  if (rest.length === 0) return '';
  const shown = rest.map(([k, v]) => {
    if (k === 'err') return `err=${JSON.stringify(errorText(v).slice(2))}`;
    return `${k}=${typeof v === 'string' ? JSON.stringify(v) : JSON.stringify(v)}`;
  });
  return ` (${shown.join(' ')})`;
}
