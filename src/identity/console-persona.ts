// Console-only persona switch for the demo: "/persona owner|assistant|supervisor" speaks as another demo person, so a
// newcomer can try both sides of a flow from `npm start`. Never reachable from a real channel.
import { DEMO } from '../db/seed.js';
import { t } from '../i18n/index.js';
import { staffRoleLabel } from './binding.service.js';

type Persona = { id: string; label: string };
const STAFF_KEY = { ASSISTANT: 'assistant', FOREMAN: 'foreman', SUPERVISOR: 'supervisor', MANAGER: 'manager' } as const;
const owner: Persona = { id: DEMO.owner.consoleId, label: t('zh-CN', 'bind.persona.owner', { name: DEMO.owner.name }) };
const guest: Persona = { id: 'demo-guest', label: t('zh-CN', 'bind.persona.guest') };
const worker: Persona = {
  id: DEMO.maintenance.worker.consoleId,
  label: t('zh-CN', 'bind.persona.staff', {
    role: DEMO.maintenance.worker.department,
    name: DEMO.maintenance.worker.name,
  }),
};

// Each persona answers to its English key and its Chinese role name.
const PERSONAS: Record<string, Persona> = Object.fromEntries([
  ['owner', owner],
  ['业主', owner],
  ['guest', guest],
  ['访客', guest],
  // 报修: the 工程部 worker who takes, arrives at and completes a dispatched repair.
  ['worker', worker],
  ['维修', worker],
  ...DEMO.staff.flatMap((s) => {
    const p: Persona = {
      id: s.consoleId,
      label: t('zh-CN', 'bind.persona.staff', { role: staffRoleLabel(s.role), name: s.name }),
    };
    return [
      [STAFF_KEY[s.role], p],
      [staffRoleLabel(s.role), p],
    ] as const;
  }),
]);

/** What the persona command needs from the console channel: the user id it speaks as, and a way to print. */
export interface PersonaConsole {
  userId: string;
  print?(text: string): void;
}

/** Handles "/persona …" (or "/身份切换 …"); returns false for any other line so it goes to the bot. */
export async function consolePersonaCommand(line: string, console: PersonaConsole): Promise<boolean> {
  const m = /^\/(?:persona|身份切换)(?:\s+(\S+))?\s*$/i.exec(line.trim());
  if (!m) return false;
  const key = (m[1] ?? '').toLowerCase();
  const p = PERSONAS[key];
  const say = (t: string) => (console.print ? console.print(t) : process.stdout.write(`${t}\n`));
  if (!p) {
    say(t('zh-CN', 'bind.persona.usage', { userId: console.userId }));
    return true;
  }
  console.userId = p.id;
  say(t('zh-CN', 'bind.persona.switched', { label: p.label }));
  return true;
}
