/** Structured logging: one JSON object per line on stdout/stderr. */

export type LogLevel = "debug" | "info" | "warn" | "error";

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

/** What services log through; passed explicitly as `deps.log`. */
export interface Logger {
  debug(msg: string, fields?: Record<string, unknown>): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, fields?: Record<string, unknown>): void;
}

/** A logger writing JSON lines at or above `level`. */
export function jsonLogger(
  level: LogLevel = "info",
  write: (line: string, level: LogLevel) => void = defaultWrite,
): Logger {
  const at = (l: LogLevel) => (msg: string, fields?: Record<string, unknown>) => {
    if (RANK[l] < RANK[level]) return;
    write(
      JSON.stringify({ time: new Date().toISOString(), level: l, msg, ...fields }),
      l,
    );
  };
  return { debug: at("debug"), info: at("info"), warn: at("warn"), error: at("error") };
}

function defaultWrite(line: string, level: LogLevel): void {
  if (level === "error" || level === "warn") console.error(line);
  else console.log(line);
}

/** A logger that keeps lines in memory, for tests that read the log. */
export function memoryLogger(): Logger & { lines: Record<string, unknown>[] } {
  const lines: Record<string, unknown>[] = [];
  const logger = jsonLogger("debug", (line) => lines.push(JSON.parse(line)));
  return Object.assign(logger, { lines });
}
