import { runCli } from './run-cli.js';
import { readStdin } from './read-stdin.js';

const code = await runCli(process.argv.slice(2), {
  stdout: (t) => process.stdout.write(t),
  stderr: (t) => process.stderr.write(t),
  stdoutIsTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  env: process.env,
  readStdin: () => readStdin(process.stdin),
});
process.exitCode = code;
