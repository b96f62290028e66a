// 转人工: records that an owner wants a person and tells the estate's assistants' group (through the outbox).
import type { Prisma } from '../db/client.js';
import { createHandoff } from '../db/handoff.repo.js';
import type { Sender } from '../identity/sender.js';
import { formatLocal } from '../shared/zoned-time.js';

export interface HandoffRequest {
  topic: string;
  callbackText: string;
  callbackAt: Date | null;
}

export class HandoffService {
  constructor(
    private readonly prisma: Prisma,
    private readonly now: () => Date,
  ) {}

  async request(sender: Sender, req: HandoffRequest): Promise<{ ref: string }> {
    const who = [sender.name ?? '未绑定用户', sender.units.map((u) => u.label).join('、')].filter(Boolean).join('，');
    const when = req.callbackAt ? formatLocal(req.callbackAt, sender.estate.timezone, 'datetime') : '尽快';
    const handoff = await createHandoff(
      this.prisma,
      {
        estateId: sender.estate.id,
        personId: sender.personId,
        identityId: sender.identityId,
        topic: req.topic,
        callbackText: req.callbackText,
        callbackAt: req.callbackAt,
        createdAt: this.now(),
      },
      (ref) => `【转人工 ${ref}】${who}（${sender.channel}）\n事项：${req.topic}\n希望联系时间：${when}`,
    );
    return { ref: handoff.ref };
  }
}
