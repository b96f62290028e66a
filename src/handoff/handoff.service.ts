// 转人工: records that an owner wants a person, for the staff groups to pick up.
import type { Prisma } from '../db/client.js';
import { createHandoff } from '../db/handoff.repo.js';
import type { Sender } from '../identity/sender.js';

export interface HandoffRequest {
  topic: string;
  callbackText: string;
  callbackAt: Date | null;
}

export class HandoffService {
  constructor(private readonly prisma: Prisma) {}

  async request(sender: Sender, req: HandoffRequest): Promise<{ ref: string }> {
    const handoff = await createHandoff(this.prisma, {
      estateId: sender.estate.id,
      personId: sender.personId,
      identityId: sender.identityId,
      topic: req.topic,
      callbackText: req.callbackText,
      callbackAt: req.callbackAt,
    });
    // A short reference the owner can quote on the phone.
    return { ref: `RG-${handoff.id.slice(-6).toUpperCase()}` };
  }
}
