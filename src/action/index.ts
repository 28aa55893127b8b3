// Entry of the GitHub Action (action.yml → dist-action/index.js, bundled by scripts/build-action.mjs).
import { runAction } from './run-action.js';

runAction()
  .then((result) => {
    process.exitCode = result.exitCode;
  })
  .catch((error: unknown) => {
    process.stdout.write(
      `::error title=rfc-panel::${String((error as Error)?.stack ?? error)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')}\n`,
    );
    process.exitCode = 1;
  });
