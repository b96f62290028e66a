// Reads of personal data by staff (工单 detail, 欠费), kept with the chat account they were made from (PIPL).
import type { Prisma } from './client.js';

export interface PersonalDataReadRow {
  actor: string;
  action: string;
  subject: string | null;
  channel: string;
  account: string;
  conversation: string;
  at: Date;
}

export async function auditPersonalDataRead(prisma: Prisma, read: PersonalDataReadRow): Promise<void> {
  await prisma.auditLog.create({
    data: {
      actor: read.actor,
      action: read.action,
      subject: read.subject,
      at: read.at,
      detail: { channel: read.channel, account: read.account, conversation: read.conversation },
    },
  });
}
