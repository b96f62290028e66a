// Matches a message to a staff command, checks the caller's role, runs it. Unknown slash commands get the closest
// known one; a command the role may not run is refused politely. Help lists only what the caller may run.
import type { TurnContext } from 'botbuilder';
import { AppError } from '../shared/app-error.js';
import { MAX_TEXT } from '../bot/input-guard.js';
import { t, translator, type Locale } from '../i18n/index.js';
import { staffRoleLabel } from '../identity/binding.service.js';
import type { Sender } from '../identity/sender.js';
import { maskPhonesInText } from '../shared/phone.js';
import { quotedTextOf, type Command } from './command.js';

/** One read of personal data, as the audit log keeps it. */
export interface PersonalDataRead {
  actor: string;
  action: string;
  subject: string | null;
  /** The chat account the staff member acted from (channel, account id, conversation). */
  channel: string;
  account: string;
  conversation: string;
  at: Date;
}

export interface CommandRouterOptions {
  /** Whether a group chat was registered (注册群) for an estate: staff commands run only there, or privately. */
  isRegisteredGroup?: (channel: string, chatId: string) => Promise<boolean>;
  /** Writes the audit row of a command marked `auditAs`, before its reply is sent. */
  auditRead?: (read: PersonalDataRead) => Promise<void>;
}

/** The one command a group needs before it is registered. */
const REGISTER_GROUP = '注册群';

/** A command's slash alias (without the slash), or its word when it has none. */
function aliasOf(c: Command): string {
  return c.aliases[0] ?? c.name;
}

export class CommandRouter {
  private readonly byWord = new Map<string, Command>();

  constructor(
    private readonly commands: Command[],
    private readonly opts: CommandRouterOptions = {},
  ) {
    for (const c of commands) {
      for (const w of [c.name, ...c.aliases.map((a) => `/${a}`)]) {
        if (this.byWord.has(w)) throw new Error(`duplicate command word ${w}`);
        this.byWord.set(w, c);
      }
    }
  }

  /** The command a message asks for, or null when it is not a command (then the dialogs get it). */
  match(text: string): { command: Command | null; word: string; args: string } | null {
    const trimmed = text.trim().replace(/^@\S+\s+/, '');
    const m = /^(\/?[^\s/]+)(?:\s+([\s\S]*))?$/.exec(trimmed);
    if (!m || !m[1]) return null;
    const word = m[1].split('@')[0] ?? m[1]; // Telegram: /overdue@WuyeBot
    const command = this.byWord.get(word) ?? null;
    if (command) return { command, word, args: (m[2] ?? '').trim() };
    if (word.startsWith('/') && word !== '/start') return { command: null, word, args: (m[2] ?? '').trim() };
    return null;
  }

  /** True when the text asks for a command or the command help (group chatter that is not gets no turn at all). */
  isCommand(text: string): boolean {
    return /^(\/help|命令|指令)$/.test(text.trim()) || this.match(text) !== null;
  }

  allowed(command: Command, sender: Sender): boolean {
    if (command.roles.length === 0) return sender.personId !== null;
    return sender.staff !== null && command.roles.includes(sender.staff.role);
  }

  /** Handles the message if it is a command; returns false to let the dialogs have it. */
  async handle(turn: TurnContext, sender: Sender, now: Date): Promise<boolean> {
    const text = turn.activity.text ?? '';
    if (/^(\/help|命令|指令)$/.test(text.trim())) {
      await turn.sendActivity(this.help(sender));
      return true;
    }
    const hit = this.match(text);
    if (!hit) return false;
    if (!hit.command) {
      const near = this.closest(hit.word, sender);
      const word = [...hit.word].length > 20 ? `${[...hit.word].slice(0, 20).join('')}…` : hit.word;
      const tr = translator(sender.locale);
      await turn.sendActivity(
        tr('command.unknown', {
          word,
          near: near ? tr('command.near', { name: this.nameFor(near, sender.locale), alias: aliasOf(near) }) : '',
        }),
      );
      return true;
    }
    const command = hit.command;
    if (!this.allowed(command, sender)) {
      // Owners typing a staff word in a private chat ("今日"…) are not refused: the dialogs answer them.
      if (!sender.staff && !sender.isGroup && !hit.word.startsWith('/')) return false;
      const tr = translator(sender.locale);
      const who = command.roles.map((r) => staffRoleLabel(r, sender.locale)).join(tr('command.roleSep'));
      await turn.sendActivity(
        tr('command.notAllowed', { command: this.nameFor(command, sender.locale), who: who || tr('command.anyBound') }),
      );
      return true;
    }
    if (!sender.isGroup && command.defersToDialogs?.({ sender, args: hit.args })) return false;
    // A group vouches for nothing until a supervisor registered it: staff data stays out of other groups.
    const conversation = turn.activity.conversation?.id ?? '';
    if (sender.isGroup && command.name !== REGISTER_GROUP && this.opts.isRegisteredGroup) {
      if (!(await this.opts.isRegisteredGroup(sender.channel, conversation))) {
        await turn.sendActivity(t(sender.locale, 'security.groupNotRegistered'));
        return true;
      }
    }
    // Replies quote arguments back ("没有找到工单 …"): a pasted page must not come back as an oversized message.
    const length = [...hit.args].length;
    if (length > MAX_TEXT) {
      await turn.sendActivity(t(sender.locale, 'input.tooLong', { length, max: MAX_TEXT }));
      return true;
    }
    try {
      // Command replies are read by staff, often in groups: mask any mobile number whatever the command wrote.
      const quoted = quotedTextOf(turn.activity.channelData);
      const reply = await command.run({ turn, sender, args: hit.args, quoted, now });
      if (command.auditAs && this.opts.auditRead) {
        await this.opts.auditRead({
          actor: sender.staff ? `staff:${sender.staff.id}` : `identity:${sender.identityId}`,
          action: command.auditAs,
          subject: hit.args || (quoted ? quoted.slice(0, 64) : null),
          channel: sender.channel,
          account: sender.externalId,
          conversation,
          at: now,
        });
      }
      await turn.sendActivity(maskPhonesInText(reply));
    } catch (err) {
      if (err instanceof AppError && err.code !== 'INTERNAL') {
        await turn.sendActivity(err.textIn(sender.locale));
        return true;
      }
      throw err;
    }
    return true;
  }

  help(sender: Sender): string {
    const tr = translator(sender.locale);
    const mine = this.commands.filter((c) => this.allowed(c, sender));
    if (mine.length === 0) return tr('command.help.none');
    // zh-CN: the usage with the Chinese word staff type, then its slash alias. Other languages: the usage, which
    // starts with the slash alias (the Chinese word is not shown, as in nameFor).
    const line = (c: Command) => {
      const texts = { usage: tr(c.usageKey), summary: tr(c.summaryKey, c.summaryParams) };
      return sender.locale === 'zh-CN'
        ? tr('command.help.line', { ...texts, alias: aliasOf(c) })
        : tr('command.help.usageLine', texts);
    };
    return [tr('command.help.head'), ...mine.map(line)].join('\n');
  }

  /** What a command is called in a reply: its Chinese word (zh-CN), else its slash alias. */
  private nameFor(c: Command, locale: Locale): string {
    return locale === 'zh-CN' ? c.name : `/${aliasOf(c)}`;
  }

  private closest(word: string, sender: Sender): Command | null {
    const w = word.replace(/^\//, '').toLowerCase();
    let best: { c: Command; d: number } | null = null;
    for (const c of this.commands.filter((x) => this.allowed(x, sender))) {
      for (const cand of [c.name, ...c.aliases]) {
        const d = editDistance(w, cand.toLowerCase());
        if (!best || d < best.d) best = { c, d };
      }
    }
    return best && best.d <= Math.max(2, Math.floor(w.length / 2)) ? best.c : null;
  }
}

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const tmp = row[j]!;
      row[j] = Math.min(row[j]! + 1, row[j - 1]! + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = tmp;
    }
  }
  return row[b.length]!;
}
