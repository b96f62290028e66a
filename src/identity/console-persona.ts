// Console-only persona switch for the demo: "/persona owner|assistant|supervisor" speaks as another demo person, so a
// newcomer can try both sides of a flow from `npm start`. Never reachable from a real channel.
import { DEMO } from '../db/seed.js';

const PERSONAS: Record<string, { id: string; label: string }> = {
  owner: { id: DEMO.owner.consoleId, label: `业主 ${DEMO.owner.name}` },
  业主: { id: DEMO.owner.consoleId, label: `业主 ${DEMO.owner.name}` },
  assistant: { id: 'demo-assistant', label: '客户助理 王芳' },
  客户助理: { id: 'demo-assistant', label: '客户助理 王芳' },
  foreman: { id: 'demo-foreman', label: '领班 李强' },
  领班: { id: 'demo-foreman', label: '领班 李强' },
  supervisor: { id: 'demo-supervisor', label: '主管 张敏' },
  主管: { id: 'demo-supervisor', label: '主管 张敏' },
  manager: { id: 'demo-manager', label: '经理 陈刚' },
  经理: { id: 'demo-manager', label: '经理 陈刚' },
  guest: { id: 'demo-guest', label: '未绑定的访客' },
  访客: { id: 'demo-guest', label: '未绑定的访客' },
};

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
    say(`（当前身份：${console.userId}。用法：/persona owner|assistant|foreman|supervisor|manager|guest）`);
    return true;
  }
  console.userId = p.id;
  say(`（已切换为${p.label}）`);
  return true;
}
