import { LunosImageError } from '@lunos-image/core';

/** The mock server or recorder could not listen: another process holds the port. */
export class PortInUseError extends LunosImageError {
  static override readonly kind: string = 'PortInUseError';

  readonly port: number;

  constructor(port: number, host: string, options?: { cause?: unknown }) {
    super(
      `port ${port} is already in use on ${host}: stop what holds it, or pick another with --port (0 for any free port)`,
      options,
    );
    this.port = port;
  }
}
