/** The `ledgerbus` process: parse, run, print errors on stderr, exit with the command's code. */
import { CommanderError } from 'commander';
import { describeError } from './api';
import { CliError, EXIT } from './errors';
import { buildProgram } from './program';

export async function run(argv: string[], io: { stdout: (t: string) => void; stderr: (t: string) => void; tty: boolean; env: NodeJS.ProcessEnv }): Promise<number> {
  let code: number = EXIT.ok;
  const program = buildProgram(io, (c) => (code = c));
  try {
    await program.parseAsync(argv, { from: 'user' });
    return code;
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version end "with an error" whose code is 0; commander printed its message already.
      return err.exitCode === 0 ? EXIT.ok : EXIT.usage;
    }
    const json = argv.includes('--json');
    const { message, code: errorCode } = describeError(err);
    if (json) io.stderr(`${JSON.stringify({ error: { code: errorCode, message } })}\n`);
    else io.stderr(`ledgerbus: ${message}\n`);
    return err instanceof CliError ? err.exitCode : EXIT.failed;
  }
}

if (require.main === module) {
  run(process.argv.slice(2), { stdout: (t) => process.stdout.write(t), stderr: (t) => process.stderr.write(t), tty: process.stdout.isTTY === true, env: process.env })
    .then((code) => {
      process.exitCode = code;
    })
    .catch((err: unknown) => {
      process.stderr.write(`ledgerbus: ${String(err)}\n`);
      process.exitCode = EXIT.failed;
    });
}
