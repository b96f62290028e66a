// A simulated clock and a channel that records what it was asked to send (and can be told to fail).
import type { Channel, OutboundMessage, SendResult } from '../../adapters/channel.js';

export class FakeClock {
  private t: number;
  constructor(start: string | Date) {
    this.t = new Date(start).getTime();
  }
  now = (): Date => new Date(this.t);
  advance(ms: number): void {
    this.t += ms;
  }
  set(at: string | Date): void {
    this.t = new Date(at).getTime();
  }
}

export interface Sent {
  address: string;
  text: string;
  at: number;
}

export class RecordingChannel implements Channel {
  readonly supportsImages = false;
  readonly sent: Sent[] = [];
  /** Results to return in order before falling back to ok. */
  readonly script: SendResult[] = [];
  constructor(
    readonly name: string,
    private readonly clock: FakeClock,
    private readonly log: Sent[] = [],
  ) {}
  async start(): Promise<void> {}
  async stop(): Promise<void> {}
  async send(address: string, message: OutboundMessage): Promise<SendResult> {
    const entry = { address, text: message.text, at: this.clock.now().getTime() };
    this.sent.push(entry);
    if (this.log !== this.sent) this.log.push(entry);
    return this.script.shift() ?? { ok: true };
  }
}
