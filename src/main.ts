// Composition root: config → database → services → bot → channels → HTTP → (scheduler, dispatcher). Graceful stop.
// Everything else receives its dependencies from here.
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BotFrameworkChannel } from '../adapters/botframework/botframework.adapter.js';
import { ConsoleChannel } from '../adapters/console/console.adapter.js';
import type { Channel } from '../adapters/channel.js';
import { ConfigError, parseConfig, type Config } from './config.js';
import { openDatabase, type Database } from './db/client.js';
import { PrismaStorage } from './db/prisma-storage.js';
import { isDatabaseEmpty, seedDemo } from './db/seed.js';
import { WuyeBot } from './bot/wuye.bot.js';
import { CommandRouter } from './commands/command-router.js';
import { EstateService } from './estate/estate.service.js';
import { HandoffService } from './handoff/handoff.service.js';
import { IdentityService } from './identity/identity.service.js';
import { startHttpServer, type HttpServer } from './http/http-server.js';
import { CJK_FONT_MISSING_WARNING, findCjkFont } from './reports/cjk-font.js';
import { loadHolidayYears } from './sla/business-calendar.js';
import { createLogger, type Logger } from './shared/logger.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface BotParts {
  bot: WuyeBot;
  estates: EstateService;
}

/** The bot and the services behind it, over one database. Tests build it exactly as start-up does. */
export function buildBot(db: Database, logger: Logger, now: () => Date = () => new Date()): BotParts {
  const estates = new EstateService(db.prisma);
  const commands = new CommandRouter([]);
  const bot = new WuyeBot({
    commands,
    prisma: db.prisma,
    storage: new PrismaStorage(db.prisma),
    identity: new IdentityService(db.prisma, estates),
    handoffs: new HandoffService(db.prisma),
    logger,
    now,
  });
  return { bot, estates };
}

export interface App {
  config: Config;
  db: Database;
  bot: WuyeBot;
  http: HttpServer;
  channels: Channel[];
  stop(): Promise<void>;
}

export interface StartOptions {
  env?: Record<string, string | undefined>;
  logger?: Logger;
  consoleIo?: { input: NodeJS.ReadableStream; output: NodeJS.WritableStream };
}

export async function startApp(opts: StartOptions = {}): Promise<App> {
  const config = parseConfig(opts.env ?? process.env);
  // "明天下午三点" is read against the process clock: run in the estate's zone.
  process.env.TZ = config.TZ;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);

  const db = await openDatabase(config.DATABASE_URL);
  logger.info({ provider: db.provider }, 'database ready (migrations applied)');
  if (config.SEED_DEMO === 'on' || (config.SEED_DEMO === 'auto' && (await isDatabaseEmpty(db.prisma)))) {
    await seedDemo(db.prisma);
    logger.info('demo estate 锦绣花园 seeded (see README: demo people)');
  }
  if (!findCjkFont()) logger.warn(CJK_FONT_MISSING_WARNING);
  const holidays = await loadHolidayYears(path.join(repoRoot, 'data', 'calendar'));
  for (const w of holidays.warnings) logger.warn(w);
  const nextYear = new Date().getFullYear() + 1;
  if (!holidays.years.has(nextYear) && new Date().getMonth() >= 10) {
    logger.warn(`${nextYear} 年节假日数据缺失，暂按周末计算：国务院公布后请添加 data/calendar/cn-${nextYear}.json`);
  }

  const { bot } = buildBot(db, logger);
  const botFramework = new BotFrameworkChannel({
    appId: config.MicrosoftAppId,
    appPassword: config.MicrosoftAppPassword,
    tenantId: config.MicrosoftAppTenantId,
    appType: config.MicrosoftAppType,
    handler: bot,
    logger,
  });
  const channels: Channel[] = [botFramework];

  const http = await startHttpServer({
    port: config.PORT,
    host: config.HOST,
    routes: { '/api/messages': (req, res) => botFramework.handle(req, res) },
    health: async () => {
      try {
        await db.prisma.$queryRawUnsafe('SELECT 1');
        return { ok: true, database: db.provider };
      } catch (err) {
        return { ok: false, database: db.provider, error: (err as Error).message };
      }
    },
    logger,
  });
  logger.info(`Bot Framework endpoint: http://localhost:${http.port}/api/messages (Emulator: no app id needed when MicrosoftAppId is empty)`);

  const wantConsole = config.CONSOLE_CHAT === 'on' || (config.CONSOLE_CHAT === 'auto' && process.stdin.isTTY === true);
  if (wantConsole) {
    const consoleChannel = new ConsoleChannel({ handler: bot, ...(opts.consoleIo ?? {}) });
    await consoleChannel.start();
    channels.push(consoleChannel);
  }

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    for (const c of channels) await c.stop().catch((err: unknown) => logger.error({ err, channel: c.name }, 'channel stop failed'));
    await http.close();
    await db.close();
    logger.info('stopped');
  };
  return { config, db, bot, http, channels, stop };
}

async function main(): Promise<void> {
  let app: App;
  try {
    app = await startApp();
  } catch (err) {
    if (err instanceof ConfigError) {
      process.stderr.write(`${err.message}\n`);
    } else {
      process.stderr.write(`启动失败 (start-up failed): ${(err as Error).message}\n`);
    }
    process.exit(1);
  }
  const shutdown = () => {
    void app.stop().then(() => process.exit(0), () => process.exit(1));
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) void main();
