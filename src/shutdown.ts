/**
 * What the running bot holds open, closed in one order however it ends (a signal, the
 * console's /thoat, a channel that could not start, an unexpected error): first the
 * channels (no new messages in, queued replies out), then what starts work by itself
 * (quiz rounds, the knowledge watcher), then the conversation state, last the store, so
 * everything the others wrote on the way out is on disk.
 */
export interface OpenParts {
  channels: { name: string; stop(): Promise<void> }[];
  schedulers: { name: string; stop(): void }[];
  core?: { close(): Promise<void> };
  store?: { close(): Promise<void> };
}

type Report = (what: string, err: Error) => void;

export class Shutdown {
  readonly open: OpenParts = { channels: [], schedulers: [] };
  private closing?: Promise<void>;

  /** `report` hears each step that failed; the steps after it still run. */
  constructor(private readonly report: Report) {}

  /** Closes everything once; a second call (SIGINT after SIGTERM) waits for the same closing. */
  run(): Promise<void> {
    return (this.closing ??= this.closeAll());
  }

  private async closeAll(): Promise<void> {
    const { channels, schedulers, core, store } = this.open;
    for (const c of channels) await this.step(`channel ${c.name}`, () => c.stop());
    for (const s of schedulers) await this.step(s.name, () => s.stop());
    if (core) await this.step('conversation state', () => core.close());
    if (store) await this.step('store', () => store.close());
  }

  private async step(what: string, close: () => unknown): Promise<void> {
    try {
      await close();
    } catch (e) {
      this.report(what, e as Error);
    }
  }
}
