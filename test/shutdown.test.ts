import { describe, expect, it } from 'vitest';
import { Shutdown } from '../src/shutdown.js';

/** A Shutdown over parts that record when they are closed (and can fail or take time). */
function recorded(options: { failing?: string; slow?: boolean } = {}) {
  const calls: string[] = [];
  const failures: string[] = [];
  const act = async (name: string) => {
    if (options.slow) await new Promise((r) => setTimeout(r, 20));
    calls.push(name);
    if (name === options.failing) throw new Error(`${name} broke`);
  };
  const shutdown = new Shutdown((what, err) => failures.push(`${what}: ${err.message}`));
  shutdown.open.channels.push({ name: 'telegram', stop: () => act('telegram') }, { name: 'zalo', stop: () => act('zalo') });
  shutdown.open.schedulers.push({
    name: 'quiz',
    stop: () => {
      calls.push('quiz');
    },
  });
  shutdown.open.core = { close: () => act('core') };
  shutdown.open.store = { close: () => act('store') };
  return { shutdown, calls, failures };
}

describe('Shutdown', () => {
  it('closes channels, then schedulers, then the conversation state, then the store', async () => {
    const { shutdown, calls, failures } = recorded();
    await shutdown.run();
    expect(calls).toEqual(['telegram', 'zalo', 'quiz', 'core', 'store']);
    expect(failures).toEqual([]);
  });

  it('is idempotent: a second signal during or after closing closes nothing twice', async () => {
    const { shutdown, calls } = recorded({ slow: true });
    const first = shutdown.run();
    const second = shutdown.run();
    expect(second).toBe(first);
    await Promise.all([first, second]);
    await shutdown.run();
    expect(calls).toEqual(['telegram', 'zalo', 'quiz', 'core', 'store']);
  });

  it('a step that fails is reported and the later steps still run (the store is still closed)', async () => {
    const { shutdown, calls, failures } = recorded({ failing: 'telegram' });
    await shutdown.run();
    expect(calls).toEqual(['telegram', 'zalo', 'quiz', 'core', 'store']);
    expect(failures).toEqual(['channel telegram: telegram broke']);
  });

  it('closes only what startup opened so far', async () => {
    const closed: string[] = [];
    const shutdown = new Shutdown(() => {});
    shutdown.open.store = { close: async () => void closed.push('store') };
    await shutdown.run();
    expect(closed).toEqual(['store']);
  });
});
