import type { Clock } from './types';

export interface ClockOptions {
  /** Sandbox milliseconds per real millisecond (default 1). */
  timeScale?: number;
  /** Sandbox time at creation (default: the real time). */
  start?: Date;
  /** The real-time source, for tests of the clock itself. */
  realNow?: () => number;
}

/** A sandbox clock: real time scaled, plus manual advances. */
export class SandboxClock implements Clock {
  readonly timeScale: number;
  private readonly realStart: number;
  private readonly sandboxStart: number;
  private advanced = 0;
  private readonly realNow: () => number;

  constructor(options: ClockOptions = {}) {
    const scale = options.timeScale ?? 1;
    if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`timeScale must be a positive number, got ${scale}`);
    this.timeScale = scale;
    this.realNow = options.realNow ?? Date.now;
    this.realStart = this.realNow();
    this.sandboxStart = options.start ? options.start.getTime() : this.realStart;
  }

  nowMs(): number {
    return this.sandboxStart + (this.realNow() - this.realStart) * this.timeScale + this.advanced;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advance(ms: number): void {
    if (!(ms >= 0) || !Number.isFinite(ms)) throw new RangeError(`advance needs a non-negative number of ms, got ${ms}`);
    this.advanced += ms;
  }

  /** Real milliseconds that `ms` sandbox milliseconds take. */
  toRealMs(ms: number): number {
    return ms / this.timeScale;
  }

  sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, Math.max(0, this.toRealMs(ms))));
  }
}

export function createClock(options: ClockOptions = {}): SandboxClock {
  return new SandboxClock(options);
}
