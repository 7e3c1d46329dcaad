export { createConsoleServer } from './server';
export type { ConsoleServer, ConsoleServerOptions } from './server';
export { buildConsole, consoleBuildIsStale, consoleWebDir, CONSOLE_ROOT } from './build';
export type { BuildResult } from './build';
