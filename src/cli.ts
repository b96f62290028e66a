// Back-office command line over the same services as the chat: `npm run cli -- <command> …`.
//   migrate                                   apply database migrations
//   binding-code 3-2-1201 [--estate JXHY]      one-time binding code for an owner (24 h, single use)
//   staff-code 王芳 [--estate JXHY]            one-time staff code (the person sends “员工绑定 <code>” to the bot)
//   add-owner --name 刘洋 --phone 138… --unit 3-2-1201 [--estate JXHY]
//   add-staff --name 王芳 --phone 138… --role 客户助理|领班|主管|经理 [--estate JXHY]
//   import-bills bills.csv [--estate JXHY]    fee bills/payments from the billing system (all or nothing)
//   oa-menu [--file menu.json] [--dry-run]    the WeChat Official Account's custom menu (自定义菜单)
//   export-person <phone|unit> [--out f.json]  PIPL: everything held about a person, as JSON (audited)
//   erase-person <phone|unit> --yes            PIPL: erase a person; tickets keep facts without name/phone (audited)
//   settings show [JXHY]                       every settable per-estate setting with its value and help
//   settings set JXHY desk.hours 周一至周日 08:30-18:00   set one (validated; refused values write nothing; audited)
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { pathToFileURL } from 'node:url';
import { AppError, userMessage } from './shared/app-error.js';
import { openDatabase, type Database, type Prisma } from './db/client.js';
import { createRepositories } from './db/prisma-repositories.js';
import * as repo from './db/binding.repo.js';
import { findDefaultEstate, findEstateByCode } from './db/estate.repo.js';
import { BindingService, ROLE_BY_LABEL, staffRoleLabel } from './identity/binding.service.js';
import { systemClock, type Clock } from './shared/clock.js';
import { maskPhone } from './shared/phone.js';
import { runFeeImport } from './fees/fee-import.cli.js';
import { configSchema } from './config.js';
import { emptyToUndefined } from './shared/env.js';
import { runOaMenu } from '../adapters/wechat-oa/oa-menu.cli.js';
import { registerBuiltinChannels } from '../adapters/channels.js';
import { createChannelRegistry } from './notify/channel-registry.js';
import { createNotifier } from './notify/notifier.js';
import { formatLocal } from './shared/zoned-time.js';
import { PersonDataService } from './privacy/person-data.service.js';
import { t } from './i18n/index.js';
import { SettingsService } from './settings/settings.service.js';

export const CLI_USAGE = `用法: npm run cli -- <命令>
  migrate                                          执行数据库迁移
  binding-code <房号> [--estate 小区编码]            生成业主绑定码（24 小时内有效，仅用一次）
  staff-code <员工姓名> [--estate 小区编码]          生成员工码
  add-owner --name 姓名 --phone 手机号 --unit 房号 [--estate 小区编码]
  add-staff --name 姓名 --phone 手机号 --role 客户助理|领班|主管|经理 [--estate 小区编码]
  import-bills <账单.csv> [--estate 小区编码]         导入账单/缴费（UTF-8 或 GBK；有错误则整批不导入）
  oa-menu [--file 菜单.json] [--dry-run]            设置公众号自定义菜单（默认：投诉报修、物业费、我的）
  export-person <手机号|房号> [--out 文件.json]      导出某人的全部个人信息（JSON，记入审计日志）
  erase-person <手机号|房号> --yes                  删除某人的个人信息（工单保留事实、去除姓名手机号；记入审计日志）
  settings show [小区编码]                          查看小区的全部设置项（当前值与说明）
  settings set <小区编码> <项目> <值>                修改一项设置（校验不通过则不写入；记入审计日志）`;

export interface CliIo {
  env: Record<string, string | undefined>;
  out: (line: string) => void;
  now: Clock;
}

/** The example in the export/erase usage: a placeholder number, kept out of the catalogue (which holds no phone). */
const EXAMPLE_PHONE = '13812345678';

/** Runs one CLI command; returns the exit code. Every printed phone number is masked. */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  // Erasure finds a person's queued notices by their channel addresses: the channels must be known.
  const notifier = createNotifier(registerBuiltinChannels(createChannelRegistry()));
  if (argv[0] === 'import-bills')
    return withDatabase(io, (db) =>
      runFeeImport(argv.slice(1), {
        fees: createRepositories(db.prisma).fees,
        maxBytes: importMaxMb(io.env) * 1024 * 1024,
        out: io.out,
        progress: (s) => process.stderr.write(s),
      }),
    );
  if (argv[0] === 'oa-menu') return runOaMenu(argv.slice(1), io);
  if (argv[0] === 'settings') return runSettings(argv.slice(1), io);
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      estate: { type: 'string' },
      name: { type: 'string' },
      phone: { type: 'string' },
      unit: { type: 'string' },
      role: { type: 'string' },
      out: { type: 'string' },
      yes: { type: 'boolean' },
    },
  });
  const [command, arg] = positionals;
  if (!command || command === 'help') {
    io.out(CLI_USAGE);
    return command ? 0 : 1;
  }
  return withDatabase(io, async (db) => {
    const now = io.now;
    const svc = new BindingService(createRepositories(db.prisma), notifier, now);
    if (command === 'migrate') {
      io.out(`数据库已是最新（${db.provider}）。`);
      return 0;
    }
    const estate = await pickEstate(db.prisma, values.estate);
    switch (command) {
      case 'binding-code': {
        if (!arg) throw new AppError('BAD_INPUT', 'no unit', userMessage('bind.cli.needUnit'));
        const r = await svc.issueBindingCode(estate.id, arg, 'cli');
        io.out(
          `${r.unitLabel} 的绑定码: ${r.code}（有效期至 ${formatLocal(r.expiresAt, estate.timezone)}，仅可使用一次）`,
        );
        return 0;
      }
      case 'staff-code': {
        if (!arg) throw new AppError('BAD_INPUT', 'no name', userMessage('bind.cli.needStaffName'));
        const r = await svc.issueStaffCode(estate.id, arg, { by: 'cli', role: null });
        io.out(
          `${r.name}（${staffRoleLabel(r.role)}）的员工码: ${r.code}（有效期至 ${formatLocal(r.expiresAt, estate.timezone)}）`,
        );
        return 0;
      }
      case 'add-owner': {
        const { name, phone, unit } = values;
        if (!name || !phone || !unit) throw new AppError('BAD_INPUT', 'missing', userMessage('bind.cli.needOwner'));
        const r = await svc.addOwner(estate.id, unit, name, phone);
        io.out(`已登记业主 ${name}（${maskPhone(phone)}）: ${r.unitLabel}`);
        return 0;
      }
      case 'add-staff': {
        const { name, phone, role } = values;
        const staffRole = role ? ROLE_BY_LABEL[role] : undefined;
        if (!name || !phone || !staffRole)
          throw new AppError('BAD_INPUT', 'missing', userMessage('bind.cli.needStaff'));
        await repo.addStaffMember(db.prisma, {
          estateId: estate.id,
          name,
          phone: phone.replace(/\D/g, ''),
          role: staffRole,
          actor: 'cli',
          at: now(),
        });
        io.out(
          `已登记员工 ${name}（${staffRoleLabel(staffRole)}，${maskPhone(phone)}）。用 staff-code ${name} 生成员工码。`,
        );
        return 0;
      }
      case 'export-person': {
        if (!arg)
          throw new AppError(
            'BAD_INPUT',
            'no query',
            userMessage('privacy.cli.needQuery', { command, example: EXAMPLE_PHONE }),
          );
        const r = await new PersonDataService(createRepositories(db.prisma).personData, notifier, now).exportPersons(
          estate.id,
          arg,
          'cli',
        );
        const file =
          values.out ??
          path.join(io.env.DATA_DIR ?? './data', 'exports', `person-${r.persons[0]!.id}-${now().getTime()}.json`);
        fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
        // Owner-only: the file holds whole phone numbers.
        fs.writeFileSync(file, r.json, { mode: 0o600 });
        io.out(t('zh-CN', 'privacy.cli.exported', { count: r.persons.length, file }));
        return 0;
      }
      case 'erase-person': {
        if (!arg)
          throw new AppError(
            'BAD_INPUT',
            'no query',
            userMessage('privacy.cli.needQuery', { command, example: EXAMPLE_PHONE }),
          );
        const svcData = new PersonDataService(createRepositories(db.prisma).personData, notifier, now);
        if (!values.yes) {
          const found = await svcData.find(estate.id, arg);
          const p = found[0];
          if (found.length !== 1 || !p) {
            // Let the service explain (nobody / several).
            await svcData.erasePerson(estate.id, arg, 'cli');
            return 1;
          }
          io.out(t('zh-CN', 'privacy.cli.confirm', { name: p.name, phone: p.phone ? maskPhone(p.phone) : '—' }));
          return 1;
        }
        const r = await svcData.erasePerson(estate.id, arg, 'cli');
        io.out(
          t('zh-CN', 'privacy.cli.erased', {
            name: r.person.name,
            phone: r.person.phone ? maskPhone(r.person.phone) : '—',
            identities: r.identities,
            tickets: r.tickets,
            outbox: r.outboxDeleted,
            scrubbed: r.outboxScrubbed + r.auditScrubbed,
          }),
        );
        return 0;
      }
      default:
        io.out(`未知命令 ${command}\n${CLI_USAGE}`);
        return 1;
    }
  });
}

/** Runs `run` on an open database and closes it; an AppError is printed as its user text (exit code 1). */
async function withDatabase(io: CliIo, run: (db: Database) => Promise<number>): Promise<number> {
  const db = await openDatabase(io.env.DATABASE_URL ?? 'file:./data/wuye.db');
  try {
    return await run(db);
  } catch (err) {
    if (err instanceof AppError) {
      io.out(err.userText);
      return 1;
    }
    throw err;
  } finally {
    await db.close();
  }
}

/**
 * `settings show [code]` / `settings set <code> <key> <value…>`: read by hand, not parseArgs (a value such as
 * "-7,0,3,15" is not an option).
 */
async function runSettings(args: string[], io: CliIo): Promise<number> {
  const [sub, code, key, ...rest] = args;
  if (sub !== 'show' && !(sub === 'set' && code && key && rest.length > 0)) {
    io.out(t('zh-CN', 'settings.cli.usage'));
    return 1;
  }
  return withDatabase(io, async (db) => {
    const estate = await pickEstate(db.prisma, code);
    const svc = new SettingsService(createRepositories(db.prisma).settings, io.now);
    if (sub === 'show') {
      io.out(t('zh-CN', 'settings.show.head', { estate: `${estate.name}（${estate.code}）` }));
      for (const v of await svc.show(estate.id, 'zh-CN')) {
        io.out(
          t('zh-CN', 'settings.show.line', {
            key: v.def.key,
            chat: v.def.chat ? t('zh-CN', 'settings.show.chatWord', { word: v.def.chat }) : '',
            value: v.text,
            help: svc.registry.describe(v.def, 'zh-CN'),
          }),
        );
      }
      return 0;
    }
    const r = await svc.set(estate.id, key!, rest.join(' '), 'cli', 'zh-CN');
    io.out(
      t('zh-CN', r.changed ? 'settings.set.done' : 'settings.set.unchanged', {
        key: r.def.key,
        before: r.before,
        after: r.after,
      }),
    );
    return 0;
  });
}

/** IMPORT_MAX_MB as the app's config reads it (the CLI needs no other variable of the app's). */
function importMaxMb(env: Record<string, string | undefined>): number {
  return configSchema.shape.IMPORT_MAX_MB.parse(emptyToUndefined(env.IMPORT_MAX_MB));
}

async function pickEstate(prisma: Prisma, code: string | undefined) {
  const e = code ? await findEstateByCode(prisma, code) : await findDefaultEstate(prisma);
  if (!e)
    throw new AppError(
      'NOT_FOUND',
      'no estate',
      code ? userMessage('cli.noSuchEstate', { code }) : userMessage('cli.noEstate'),
    );
  return e;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runCli(process.argv.slice(2), {
    env: process.env,
    out: (l) => process.stdout.write(`${l}\n`),
    now: systemClock,
  }).then(
    (code) => process.exit(code),
    (err: unknown) => {
      process.stderr.write(`${(err as Error).message}\n`);
      process.exit(1);
    },
  );
}
