export type PgParser = typeof import('libpg-query');

let loading: Promise<PgParser> | null = null;

/**
 * The PostgreSQL parser, compiled to WebAssembly. Imported on first use so documents without SQL
 * never pay for instantiating it, and shared so a process instantiates it once.
 */
export function loadPgParser(): Promise<PgParser> {
  loading ??= import('libpg-query')
    .then(async (parser) => {
      await parser.loadModule();
      return parser;
    })
    .catch((error: unknown) => {
      // A failed load is not remembered, so a later review can try again.
      loading = null;
      throw error;
    });
  return loading;
}
