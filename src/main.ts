// Composition root: config → database → services → bot → channels → HTTP → (scheduler, dispatcher). Graceful stop.
// Everything else receives its dependencies from here.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Storage } from 'botbuilder';
import { BotFrameworkChannel } from '../adapters/botframework/botframework.adapter.js';
import { ConsoleChannel } from '../adapters/console/console.adapter.js';
import { consolePersonaCommand } from './identity/console-persona.js';
import type { Channel } from './notify/channel.js';
import { bindHost, botFrameworkMode, ConfigError, parseConfig, type Config } from './config.js';
import { serviceUrlAllowList } from '../adapters/botframework/service-url-allowlist.js';
import type { InboundLimits } from './bot/inbound-limiter.js';
import { openDatabase, sqlitePath, type Database } from './db/client.js';
import { lockSqliteFile } from './db/instance-lock.js';
import { databaseProvider } from './db/provider.js';
import { PrismaStorage } from './db/prisma-storage.js';
import { createRepositories } from './db/prisma-repositories.js';
import type { Repositories } from './db/repositories.js';
import { localDateKey } from './shared/zoned-time.js';
import { isDatabaseEmpty, seedDemo, seedDemoGroups, seedDemoPermit } from './db/seed.js';
import { staffCoverage } from './db/recipient.repo.js';
import { queueCommands } from './commands/queue.commands.js';
import { callbackCommands } from './commands/callback.commands.js';
import { WorkQueueService } from './tickets/work-queue.service.js';
import { STAFF_ROLE_LABEL } from './identity/sender.js';
import { WuyeBot } from './bot/wuye.bot.js';
import { CommandRouter } from './commands/command-router.js';
import { privacyCommands } from './commands/privacy.commands.js';
import { PersonDataService } from './privacy/person-data.service.js';
import { identityCommands } from './commands/identity.commands.js';
import { EstateService } from './estate/estate.service.js';
import { HandoffService } from './handoff/handoff.service.js';
import { systemClock, type Clock } from './shared/clock.js';
import { ComplaintService } from './complaints/complaint.service.js';
import { ticketCommands } from './commands/ticket.commands.js';
import { IdentityService } from './identity/identity.service.js';
import { startHttpServer, type HttpServer, type Route } from './http/http-server.js';
import { isRegisteredStaffChat } from './db/recipient.repo.js';
import { auditPersonalDataRead } from './db/audit.repo.js';
import { Dispatcher } from './notify/dispatcher.js';
import { createChannelRegistry, type ChannelRegistry } from './notify/channel-registry.js';
import { createNotifier, type Notifier } from './notify/notifier.js';
import { channelsInUse } from './db/channel-usage.repo.js';
import { DEFAULT_RETENTION, retentionJobs, type RetentionSettings } from './privacy/retention.job.js';
import { Scheduler } from './jobs/scheduler.js';
import type { Job } from './jobs/job.js';
import { wechatPuppetSettings } from '../adapters/wechat/wechat.config.js';
import { TelegramAdapter } from '../adapters/telegram/telegram.adapter.js';
import { telegramSettings } from '../adapters/telegram/telegram.config.js';
import { WECHAT_OA_CHANNEL } from '../adapters/wechat-oa/wechat-oa.channel.js';
import { telegramChannel } from '../adapters/telegram/telegram.channel.js';
import { BOTFRAMEWORK_ROUTE } from '../adapters/botframework/botframework.channel.js';
import { registerBuiltinChannels } from '../adapters/channels.js';
import { wechatOaSettings } from '../adapters/wechat-oa/wechat-oa.config.js';
import { ServiceWindowGate, ServiceWindows } from './notify/service-window.js';
import type { DeliveryGate } from './notify/dispatcher.js';
import { undeliveredCommands } from './commands/undelivered.commands.js';
import { CJK_FONT_MISSING_WARNING, findCjkFont } from './reports/cjk-font.js';
import {
  BusinessCalendar,
  DEFAULT_DESK_CALENDAR,
  loadHolidayYears,
  missingYearWarning,
  type HolidayYear,
} from './sla/business-calendar.js';
import { BindingService } from './identity/binding.service.js';
import type { Locale } from './i18n/index.js';
import { DeskSlots, deskSlotsSource, keyDeskSettings } from './keys/desk-slots.js';
import { DeskCalendars } from './sla/desk-settings.js';
import { SettingsService } from './settings/settings.service.js';
import { settingsCommands } from './commands/settings.commands.js';
import { StaffAdminService } from './identity/staff-admin.service.js';
import { KeyService } from './keys/key.service.js';
import { keyCommands } from './commands/key.commands.js';
import { figuresCommands } from './commands/figures.commands.js';
import { FalseAlarmService } from './tickets/false-alarm.service.js';
import { TicketExportService } from './reports/ticket-export.js';
import { TicketPhotoService } from './tickets/ticket-photos.service.js';
import { keyJobs } from './keys/key.jobs.js';
import { feeCommands } from './commands/fee.commands.js';
import { feeJobs } from './fees/arrears-campaign.job.js';
import { feeReplies } from './fees/fee.service.js';
import { complaintJobs } from './complaints/complaint.jobs.js';
import { handoffJobs } from './handoff/handoff.jobs.js';
import { emergencyCommands } from './commands/emergency.commands.js';
import { SlaService } from './sla/sla.service.js';
import { slaJobs } from './sla/sla-sweep.job.js';
import { RenovationService } from './renovation/renovation.service.js';
import { RepairService } from './repairs/repair.service.js';
import { repairCommands } from './commands/repair.commands.js';
import { visitorCommands } from './commands/visitor.commands.js';
import { passCommands } from './commands/pass.commands.js';
import { ContractorPassService } from './permits/contractor-pass.service.js';
import { VisitorService } from './permits/visitor.service.js';
import { renovationCommands } from './commands/renovation.commands.js';
import { approvalLadderJobs, renovationJobs } from './renovation/renovation.jobs.js';
import { createLogger, type Logger } from './shared/logger.js';
import { REPO_ROOT } from './shared/repo-root.js';
import { ReportService } from './reports/report.service.js';
import { reportCommands } from './commands/report.commands.js';
import { noticeCommands } from './commands/notice.commands.js';
import { NoticeService } from './notices/notice.service.js';
import { SuggestionService } from './notices/suggestion.service.js';
import { reportJobs } from './reports/report.jobs.js';
import { SurveyService } from './survey/survey.service.js';
import { surveyJobs } from './survey/survey.jobs.js';
import { surveyCommands } from './commands/survey.commands.js';
import { loadRecognizer } from './nlu/model-file.js';
import { RECOGNISED_INTENTS } from '../dialogs/flow-registry.js';

export interface BotParts {
  bot: WuyeBot;
  /** The channel registry the bot's notices ask (BotOptions.registry, or the built-in channels). */
  registry: ChannelRegistry;
  /** The notifier over that registry, handed to every service that writes notices. */
  notifier: Notifier;
  /** The repositories over this database, built once here and passed down (src/db/repositories.ts). */
  repos: Repositories;
  estates: EstateService;
  complaints: ComplaintService;
  keys: KeyService;
  renovation: RenovationService;
  reports: ReportService;
  sla: SlaService;
  handoffs: HandoffService;
  surveys: SurveyService;
  /** The fixed Mon–Fri desk calendar with the holidays (renovation inspections, reports). */
  deskCalendar: BusinessCalendar;
  /** Each estate's desk calendar (settings.desk): SLA due times, desk slots and callback reminders run on it. */
  deskCalendars: DeskCalendars;
}

export interface BotOptions {
  now: Clock;
  /**
   * The composition root's channel registry (startApp creates it once). Absent: the built-in channels in a registry
   * of this bot's own (tests).
   */
  registry?: ChannelRegistry;
  /** Loaded data/calendar years (none: weekends only). */
  holidays?: Map<number, HolidayYear>;
  /** Language of chat accounts on first contact. */
  defaultLocale?: Locale;
  /** Per-account inbound rate limit (the default: 30 a minute, 20 at once). */
  inboundLimits?: InboundLimits;
  /** DATA_DIR: a 公告 picture sent inline is stored once under media/notices (#20). */
  dataDir?: string;
  /**
   * Where conversation state is kept. Default: the database's BotState table, read in the same statement as the
   * sender's account. Another botbuilder Storage (an embedding's own store) is read on its own.
   */
  conversationStorage?: Storage;
}

/** The bot and the services behind it, over one database. Tests build it exactly as start-up does. */
export function buildBot(db: Database, logger: Logger, opts: BotOptions): BotParts {
  const repos = createRepositories(db.prisma);
  const { now } = opts;
  // Notices ask the channel registry how an account or a group is reached: the domain's notifier is built over it.
  const registry = opts.registry ?? registerBuiltinChannels(createChannelRegistry());
  const notifier = createNotifier(registry);
  const estates = new EstateService(repos.estates);
  // One business calendar (desk shifts + holidays) for SLA due times, desk slots, inspections and reports.
  const deskCalendar = new BusinessCalendar(DEFAULT_DESK_CALENDAR, opts.holidays ?? new Map());
  // Each estate's own desk week (settings.desk; our default: every day 08:30–12:00, 13:30–18:00, holidays closed).
  const deskCalendars = new DeskCalendars((id) => estates.byId(id), opts.holidays ?? new Map());
  const complaints = new ComplaintService(repos, notifier, now, deskCalendars);
  const sla = new SlaService(repos.sla, notifier, deskCalendars, now);
  const binding = new BindingService(repos, notifier, now);
  // Key slots on each estate's desk calendar with its own `keys` rules.
  const keys = new KeyService(
    repos,
    notifier,
    new DeskSlots(deskCalendar, DEFAULT_DESK_CALENDAR.shifts, keyDeskSettings({})),
    now,
    undefined,
    deskSlotsSource(deskCalendars, async (id) => (await estates.byId(id))?.settings),
  );
  const renovation = new RenovationService(repos, notifier, now, deskCalendar);
  const repairs = new RepairService(repos.tickets, notifier, now, deskCalendars);
  // The daily summary warns when next year's holiday file is missing: it reads the same calendar.
  // The monthly 满意度 survey: its day is the estate's first working day on the same calendar (our default).
  const surveys = new SurveyService(repos, notifier, now, deskCalendar);
  const reports = new ReportService(repos, notifier, deskCalendar, surveys);
  const handoffs = new HandoffService(repos.handoffs, notifier, now);
  // The owner's photos go privately to whoever takes the ticket (认领/转派, and a repair's 派单).
  const photos = new TicketPhotoService(repos, notifier, now);
  const notices = new NoticeService(repos, notifier, now);
  const suggestions = new SuggestionService(repos, notifier, now);
  const visitors = new VisitorService(repos, now);
  const passes = new ContractorPassService(repos, notifier, renovation, now);
  const commands = new CommandRouter(
    [
      ...renovationCommands({ renovation }),
      ...identityCommands({
        binding,
        registerOwnerGroup: (estate, group, locale) => notices.registerOwnerGroup(estate, group, locale),
      }),
      ...noticeCommands({ notices, suggestions }),
      ...privacyCommands({ personData: new PersonDataService(repos.personData, notifier, now) }),
      ...ticketCommands({ complaints, photos }),
      ...repairCommands({ complaints, repairs, photos }),
      ...queueCommands({ queue: new WorkQueueService(repos.workQueue, now) }),
      ...callbackCommands({ handoffs }),
      ...emergencyCommands({ complaints }),
      ...feeCommands({ feeFigures: repos.feeFigures }),
      ...keyCommands({ keys }),
      ...visitorCommands({ visitors }),
      ...passCommands({ passes }),
      ...surveyCommands({ surveys, complaints }),
      ...reportCommands({
        reports,
        extraStats: [(e, p) => notices.monthLine(e, p), (e, p) => suggestions.monthLine(e, p)],
      }),
      ...undeliveredCommands({ serviceWindow: repos.serviceWindow, channel: WECHAT_OA_CHANNEL.id }),
      // A change is seen at once in this process (the estate cache is dropped; calendars follow the settings).
      ...settingsCommands({
        settings: new SettingsService(repos.settings, now, undefined, (id) => estates.forget(id)),
        staffAdmin: new StaffAdminService(repos, notifier, now),
      }),
      ...figuresCommands({
        complaints,
        falseAlarms: new FalseAlarmService(repos.falseAlarms, notifier, now),
        exports: new TicketExportService(repos, notifier, now),
      }),
    ],
    {
      isRegisteredGroup: (channel, chatId) => isRegisteredStaffChat(db.prisma, channel, chatId),
      auditRead: (read) => auditPersonalDataRead(db.prisma, read),
    },
  );
  const bot = new WuyeBot({
    commands,
    fees: feeReplies(repos.fees, notifier, now),
    visitors,
    passes,
    // The 公告 flow stores a picture sent inline once, under DATA_DIR/media/notices (#20).
    notices: new NoticeService(
      repos,
      notifier,
      now,
      opts.dataDir !== undefined ? { mediaDir: path.join(opts.dataDir, 'media', 'notices') } : {},
    ),
    suggestions,
    storage: opts.conversationStorage ?? new PrismaStorage(db.prisma),
    identity: new IdentityService(repos.identities, estates, opts.defaultLocale),
    // The BotState table and the identities are the same database: one statement reads both.
    stateReadWithIdentity: opts.conversationStorage === undefined,
    // The trained model (data/nlu/model.json), answering only with the intents the flow registry can act on.
    recognizer: loadRecognizer(RECOGNISED_INTENTS),
    handoffs,
    binding,
    complaints,
    keys,
    renovation,
    surveys,
    repairs,
    logger,
    now,
    ...(opts.inboundLimits ? { inboundLimits: opts.inboundLimits } : {}),
  });
  return {
    bot,
    registry,
    notifier,
    repos,
    estates,
    complaints,
    keys,
    renovation,
    reports,
    sla,
    handoffs,
    surveys,
    deskCalendar,
    deskCalendars,
  };
}

/** Every scheduled job of the app (reminders, sweeps, surveys, campaigns), as data. */
export function buildJobs(db: Database, parts: BotParts, retention: RetentionSettings = DEFAULT_RETENTION): Job[] {
  return [
    ...retentionJobs({ retention: parts.repos.retention, settings: retention }),
    ...feeJobs({ fees: parts.repos.fees, notifier: parts.notifier }),
    ...keyJobs({ keys: parts.keys }),
    ...renovationJobs({ repos: parts.repos, notifier: parts.notifier }),
    ...approvalLadderJobs({ renovation: parts.renovation }),
    ...complaintJobs({ complaints: parts.complaints, estateById: (id) => parts.estates.byId(id) }),
    ...slaJobs({ sla: parts.sla }),
    ...handoffJobs({
      handoffs: parts.handoffs,
      calendar: parts.deskCalendars,
      timezoneOf: async (id) => (await parts.estates.byId(id))?.timezone ?? null,
    }),
    ...reportJobs({ reports: parts.reports }),
    ...surveyJobs({ surveys: parts.surveys }),
  ];
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
  /** The app's one clock; the process clock unless a test starts the app at another instant. */
  now?: Clock;
  /**
   * The channel registry to start with (a test, or an embedding, with a further account: `wechatChannel({ id })`).
   * Default: a new registry of the built-in channels. Either way it is created before start-up and passed down.
   */
  registry?: ChannelRegistry;
}

export async function startApp(opts: StartOptions = {}): Promise<App> {
  const config = parseConfig(opts.env ?? process.env);
  // "明天下午三点" is read at the app clock's instant in the process's zone (the recognizer uses local time): run in
  // the estate's zone.
  process.env.TZ = config.TZ;
  const logger = opts.logger ?? createLogger(config.LOG_LEVEL);
  const now = opts.now ?? systemClock;

  // One process per SQLite file: a second one refuses before touching it (see src/db/instance-lock.ts).
  const sqliteFile = databaseProvider(config.DATABASE_URL) === 'sqlite' ? sqlitePath(config.DATABASE_URL) : null;
  const instanceLock = sqliteFile && sqliteFile !== ':memory:' ? lockSqliteFile(path.resolve(sqliteFile), now()) : null;
  let db: Database;
  try {
    db = await openDatabase(config.DATABASE_URL);
  } catch (err) {
    instanceLock?.release();
    throw err;
  }
  logger.info({ provider: db.provider }, 'database ready (migrations applied)');
  // Every channel the database refers to must be one a registered adapter describes: a notice to an unknown one would
  // otherwise be lost quietly (or, before the registry, sent as Bot Framework).
  const registry = opts.registry ?? registerBuiltinChannels(createChannelRegistry());
  const unknownChannels = registry.unknown(await channelsInUse(db.prisma));
  if (unknownChannels.length > 0) {
    await db.close();
    instanceLock?.release();
    throw new Error(
      `数据库中有未注册的渠道 ${unknownChannels.join('、')}（没有适配器描述它：请在 adapters/channels.ts 注册）` +
        ` / unknown channel(s) in stored accounts or pending notices: ${unknownChannels.join(', ')}`,
    );
  }
  const wantConsole = config.CONSOLE_CHAT === 'on' || (config.CONSOLE_CHAT === 'auto' && process.stdin.isTTY === true);
  if (config.SEED_DEMO === 'on' || (config.SEED_DEMO === 'auto' && (await isDatabaseEmpty(db.prisma)))) {
    const { estateId } = await seedDemo(db.prisma);
    // The console plays every group too: with it on, each desk role gets a console group (the demo shows the loop).
    // Without it (a server start, the tests) roles keep no group, so notices take the private fallback.
    if (wantConsole) await seedDemoGroups(db.prisma, estateId);
    await seedDemoPermit(db.prisma, localDateKey(now(), config.TZ));
    logger.info('demo estate 锦绣花园 seeded (see README: demo people)');
  }
  if (!findCjkFont()) logger.warn(CJK_FONT_MISSING_WARNING);
  // A role without a group gets its notices privately; a role with neither gets nothing — say so at start-up.
  const coverage = await staffCoverage(db.prisma);
  for (const estate of new Set(coverage.map((c) => c.estate))) {
    const of = coverage.filter((c) => c.estate === estate && c.groups === 0);
    const roles = (pick: (c: (typeof of)[number]) => boolean) =>
      of
        .filter(pick)
        .map((c) => STAFF_ROLE_LABEL[c.role])
        .join('、');
    const privately = roles((c) => c.reachableStaff > 0);
    const nobody = roles((c) => c.reachableStaff === 0);
    if (privately) logger.warn(`${estate}：${privately}未注册群，通知改为私聊本人（在群里发“注册群 角色”注册）`);
    if (nobody) logger.warn(`${estate}：${nobody}既未注册群也没有已绑定的人员，发给这些角色的通知无人接收`);
  }
  const holidays = await loadHolidayYears(path.join(REPO_ROOT, 'data', 'calendar'));
  for (const w of holidays.warnings) logger.warn(w);
  // This year, and next year once it is two months away (the State Council publishes it around November).
  const today = now();
  const calendar = new BusinessCalendar(DEFAULT_DESK_CALENDAR, holidays.years);
  for (const year of calendar.missingYears(today, new Date(today.getTime() + 61 * 86_400_000))) {
    logger.warn(`${missingYearWarning(year)}：国务院公布后请添加 data/calendar/cn-${year}.json`);
  }

  const parts = buildBot(db, logger, {
    now,
    registry,
    holidays: holidays.years,
    defaultLocale: config.DEFAULT_LOCALE,
    inboundLimits: { perMinute: config.INBOUND_RATE_PER_MINUTE, burst: config.INBOUND_BURST },
    dataDir: config.DATA_DIR,
  });
  const { bot } = parts;
  const bfMode = botFrameworkMode(config);
  const botFramework = new BotFrameworkChannel({
    appId: config.MicrosoftAppId,
    appPassword: config.MicrosoftAppPassword,
    tenantId: config.MicrosoftAppTenantId,
    appType: config.MicrosoftAppType,
    handler: bot,
    logger,
    // Loopback serviceUrls (the Emulator) only while no app id is set: development.
    serviceUrls: serviceUrlAllowList(config.BOTFRAMEWORK_SERVICE_URLS, bfMode !== 'authenticated'),
    loopbackOnly: bfMode === 'loopback',
  });
  const channels: Channel[] = [botFramework];
  const routes: Record<string, Route> = { [BOTFRAMEWORK_ROUTE]: (req, res) => botFramework.handle(req, res) };

  const wechat = wechatPuppetSettings(config);
  if (wechat) {
    // Loaded only when WeChat is configured: wechaty alone is ~2 s of CPU at start-up (bench: cold start).
    const { WechatAdapter } = await import('../adapters/wechat/wechat.adapter.js');
    channels.push(
      new WechatAdapter({
        ...wechat,
        handler: bot,
        isRegisteredGroup: (channel, chatId) => isRegisteredStaffChat(db.prisma, channel, chatId),
        media: parts.repos.media,
        dataDir: config.DATA_DIR,
        logger,
        now,
      }),
    );
  } else
    logger.info(
      'WeChat off: set WECHATY_PUPPET (e.g. wechaty-puppet-service + WECHATY_PUPPET_SERVICE_TOKEN) to enable',
    );

  const telegram = telegramSettings(config);
  if (telegram) {
    const adapter = new TelegramAdapter({ ...telegram, handler: bot, logger });
    // The bot's webhook route(s) from its descriptor, as for the Official Account below (a further bot has its own).
    if (telegram.mode.kind === 'webhook')
      for (const r of telegramChannel({ id: adapter.name }).routes) routes[r.path] = adapter.webhookHandler;
    channels.push(adapter);
  } else logger.info('Telegram off: set TELEGRAM_BOT_TOKEN (from @BotFather) to enable');

  // WeChat Official Account: its callback on our HTTP server, its sends through the customer-service window gate.
  const gates = new Map<string, DeliveryGate>();
  const oa = wechatOaSettings(config);
  if (oa) {
    const { WechatOaAdapter } = await import('../adapters/wechat-oa/wechat-oa.adapter.js');
    const windows = new ServiceWindows(parts.repos.windows, WECHAT_OA_CHANNEL.id, oa.window, now);
    const adapter = new WechatOaAdapter({
      settings: oa,
      handler: bot,
      windows,
      media: parts.repos.media,
      dataDir: config.DATA_DIR,
      logger,
      now,
    });
    for (const r of WECHAT_OA_CHANNEL.routes) routes[r.path] = adapter.route;
    gates.set(WECHAT_OA_CHANNEL.id, new ServiceWindowGate({ windows, channel: adapter }));
    channels.push(adapter);
  } else logger.info('WeChat Official Account off: set WECHAT_OA_APP_ID, WECHAT_OA_APP_SECRET and WECHAT_OA_TOKEN');

  const http = await startHttpServer({
    port: config.PORT,
    host: bindHost(config),
    routes,
    health: async () => {
      try {
        await db.ping();
        // Which staff roles have no registered group (notices go privately) or nobody at all (#19). Ids and role
        // codes only: /healthz is unauthenticated.
        const coverage = (await staffCoverage(db.prisma)).filter((c) => c.groups === 0);
        return {
          ok: true,
          database: db.provider,
          staffGroupsMissing: coverage.map((c) => ({
            estateId: c.estateId,
            role: c.role,
            privately: c.reachableStaff,
          })),
        };
      } catch (err) {
        return { ok: false, database: db.provider, error: (err as Error).message };
      }
    },
    logger,
  });
  logBotFrameworkEndpoint(logger, http, bfMode);

  if (wantConsole) {
    channels.push(
      new ConsoleChannel({
        handler: bot,
        onCommand: consolePersonaCommand,
        filesDir: path.join(config.DATA_DIR, 'console-files'),
        ...(opts.consoleIo ?? {}),
      }),
    );
  }
  for (const c of channels) await c.start();

  // Every proactive message leaves through the outbox; the dispatcher is its only reader.
  const dispatcher = new Dispatcher({
    repos: parts.repos,
    channels: new Map(channels.map((c) => [c.name, c])),
    // Each registered channel's default limits, with the settings they read (WECHAT_DAILY_CAP).
    registry,
    limits: registry.limits(config),
    gates,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
    intervalMs: config.OUTBOX_INTERVAL_MS,
    timeZone: config.TZ,
    logger,
    now,
  });
  dispatcher.start();

  const scheduler = new Scheduler({
    jobRuns: parts.repos.jobRuns,
    jobs: buildJobs(db, parts, {
      ...DEFAULT_RETENTION,
      unboundIdleDays: config.RETENTION_UNBOUND_DAYS,
      sentOutboxDays: config.RETENTION_SENT_OUTBOX_DAYS,
    }),
    tz: config.TZ,
    logger,
    now,
  });
  if (config.SCHEDULER === 'on')
    void scheduler.start().catch((err: unknown) => logger.error({ err }, 'scheduler start failed'));

  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    await scheduler.stop();
    await dispatcher.stop();
    for (const c of channels)
      await c.stop().catch((err: unknown) => logger.error({ err, channel: c.name }, 'channel stop failed'));
    await http.close();
    await db.close();
    instanceLock?.release();
    logger.info('stopped');
  };
  return { config, db, bot, http, channels, stop };
}

/** The address really listened on, and how open /api/messages is: loudly when anyone may post as anyone. */
function logBotFrameworkEndpoint(logger: Logger, http: HttpServer, mode: ReturnType<typeof botFrameworkMode>): void {
  const address = http.server.address();
  const host = typeof address === 'object' && address ? address.address : 'unknown';
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${http.port}/api/messages`;
  const loopbackHost = /^(127\.|::1$|::ffff:127\.)/.test(host);
  if (mode === 'authenticated') logger.info(`Bot Framework endpoint: ${url} (listening on ${host}; JWT checked)`);
  else if (mode === 'loopback')
    logger.info(
      `Bot Framework endpoint: ${url} (listening on ${host}; no MicrosoftAppId: answers requests from this machine only${loopbackHost ? '' : ', other addresses get 403'})`,
    );
  else
    logger.warn(
      `!!! OPEN MODE !!! Bot Framework endpoint ${url} (listening on ${host}) accepts UNAUTHENTICATED requests from ANY address (BOTFRAMEWORK_OPEN_MODE=true, no MicrosoftAppId): anyone who can reach it can post as any Bot Framework user. 开放模式：任何人都可冒充 Bot Framework 用户，仅限开发使用。`,
    );
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
    void app.stop().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

// Started as a program (tsx src/main.ts, node dist/main.js), not imported. The name check: a bundle that inlines this
// module into another program (the bench's memory child) has that program's import.meta.url.
const started = process.argv[1];
if (started && import.meta.url === pathToFileURL(started).href && /^main\.[jt]s$/.test(path.basename(started)))
  void main();
