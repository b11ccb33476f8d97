import 'dotenv/config';
import path from 'node:path';
import { Conversation } from './app/conversation.js';
import { ConversationMemory } from './app/memory.js';
import { Engine } from './app/engine.js';
import { ConsoleChannel, CONSOLE_CHAT, CONSOLE_USER } from './channels/console/console.js';
import { consoleQuizPort, installQuiz } from './app/quiz.js';
import { loadCheckedQuizBank } from './quiz/bank.js';
import { QuizService } from './quiz/service.js';
import { FileQuizStore } from './quiz/store.js';
import { ConfigError, loadConfig, type Config } from './config.js';
import { Desk } from './desk/desk.js';
import { formatError, KnowledgeInvalidError } from './knowledge/types.js';
import { createLogger } from './logger.js';
import { ChannelStartError, channelStarters } from './channels/starters.js';
import { Store, StoreOpenError } from './store/store.js';
import { Shutdown } from './shutdown.js';
import { vnDay } from './text/dates.js';

/** Closes whatever startup opened so far, once, in order (set once the logger exists). */
let shutdown: Shutdown | undefined;

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      return 2;
    }
    throw e;
  }
  // Without a chat platform the console chat and the logs share the terminal: only warnings, unless LOG_LEVEL asks for more.
  const consoleOnly = !config.telegram && !config.zalo.enabled;
  const log = createLogger(config.logLevel ?? (consoleOnly ? 'warn' : 'info'));
  const closing = new Shutdown((what, err) => log.error({ err: err.message }, `stop failed: ${what}`));
  shutdown = closing;
  const open = closing.open;
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      log.info({ signal }, 'stopping');
      void closing.run().then(() => process.exit(0));
    });
  }
  let engine: Engine;
  try {
    engine = await Engine.open(config.knowledgeDir, config.thresholds);
  } catch (e) {
    if (e instanceof KnowledgeInvalidError) {
      if (e.errors.length === 1) {
        console.error(`Không khởi động: ${formatError(e.errors[0]!)}`);
        return 1;
      }
      console.error(`Không khởi động: kho tri thức "${config.knowledgeDir}" có ${e.errors.length} lỗi:`);
      for (const err of e.errors) console.error(`  ${formatError(err)}`);
      return 1;
    }
    throw e;
  }
  let store: Store;
  try {
    store = await Store.open(config.dataDir, { logger: log });
    open.store = store;
  } catch (e) {
    if (e instanceof StoreOpenError) {
      console.error(`Không khởi động: ${e.message}`);
      return 1;
    }
    throw e;
  }
  const desk = new Desk(store, undefined, log);
  const memory = await ConversationMemory.open({ file: path.join(config.dataDir, 'conversations.json') });
  const core = new Conversation({
    engine,
    desk,
    memory,
    log,
    admins: { telegram: config.telegram?.adminIds ?? [], zalo: config.zalo.adminIds, console: [CONSOLE_USER.id] },
  });
  open.core = core;
  log.info({ passages: engine.knowledge.passages.length, faq: engine.knowledge.faqCount }, 'knowledge loaded');
  // The periodic knowledge check: its bank is part of the knowledge base (checked like it).
  let quiz: QuizService;
  try {
    const bank = await loadCheckedQuizBank(config.knowledgeDir, engine.knowledge.passages);
    const quizStore = await FileQuizStore.open(config.dataDir, (m) => log.warn({}, m));
    quiz = new QuizService({ bank, passages: engine.knowledge.passages, documents: engine.knowledge.documents, store: quizStore, log: (m, err) => log.warn({ err: err ? String(err) : undefined }, m) });
  } catch (e) {
    if (e instanceof KnowledgeInvalidError) {
      console.error(`Không khởi động: ngân hàng câu hỏi kiểm tra có ${e.errors.length} lỗi:`);
      for (const err of e.errors) console.error(`  ${formatError(err)}`);
      await closing.run();
      return 1;
    }
    throw e;
  }
  open.schedulers.push({ name: 'quiz', stop: () => quiz.stop() });
  installQuiz(core, quiz, { dataDir: config.dataDir, log });
  // KNOWLEDGE_WATCH=true: edits under the knowledge directory are reloaded like /reload (validated, atomic swap).
  if (config.knowledgeWatch) {
    const { watchKnowledge } = await import('./app/watch.js');
    const watcher = watchKnowledge(config.knowledgeDir, () => core.reload(), log);
    open.schedulers.push({ name: 'knowledge watcher', stop: () => watcher.close() });
  }

  for (const start of channelStarters) {
    try {
      const channel = await start({ config, core, log, store, quiz });
      if (channel) open.channels.push(channel);
    } catch (e) {
      if (!(e instanceof ChannelStartError)) throw e;
      console.error(`Không khởi động: ${e.message}`);
      await closing.run();
      return 1;
    }
  }

  if (open.channels.length === 0) {
    if (!config.logLevel) log.level = 'warn';
    const consoleChannel = new ConsoleChannel(core);
    core.attach(consoleChannel);
    quiz.attach('console', consoleQuizPort(core, quiz, CONSOLE_CHAT, CONSOLE_USER));
    await quiz.start();
    const chatting = consoleChannel.run(); // prints the ready line at once
    warmUpWhenReady(engine);
    await chatting;
    await closing.run();
    return 0;
  }
  await quiz.start();
  warmUpWhenReady(engine);
  return await new Promise<number>(() => {}); // channels keep the process alive until a signal
}

/** Once the bot is ready, while nobody has asked yet: what the first question would otherwise make. */
function warmUpWhenReady(engine: Engine): void {
  setImmediate(() => {
    engine.warmUp();
    vnDay(new Date()); // the time zone's formatter, for recording the first question
  });
}

main().then(
  (code) => process.exit(code),
  async (e: unknown) => {
    // One line for the operator; the stack only when asked for (DEBUG=1).
    console.error(`Không khởi động được: lỗi không mong đợi: ${(e as Error)?.message ?? e}`);
    if (process.env.DEBUG) console.error((e as Error)?.stack);
    await shutdown?.run();
    process.exit(1);
  },
);
