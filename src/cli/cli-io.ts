export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  stdoutIsTTY: boolean;
  stderrIsTTY: boolean;
  env: NodeJS.ProcessEnv;
  /** Standard input's bytes, for `-` (absent: `-` is a usage error). */
  readStdin?: () => Promise<Uint8Array>;
}

export const EXIT = { ok: 0, findings: 1, usage: 2 } as const;

/** The name a document read from standard input goes by in findings and reports. */
export const STDIN_PATH = '<stdin>';
