// What the staff member a ticket is assigned to should see of the owner's photos: the ticket, the assignee's person
// (whose chat accounts get them) and each attachment with its stored file, when the channel stored one on disk.
import type { Prisma } from './client.js';

export interface TicketPhoto {
  id: string;
  contentUrl: string;
  name: string;
  /** The stored file of a `media:<id>` attachment (WeChat, Official Account); null for other references. */
  media: { path: string; mimeType: string; fileName: string; sizeBytes: number } | null;
}

export async function assignedTicketPhotos(prisma: Prisma, ticketId: string) {
  const ticket = await prisma.ticket.findUnique({
    where: { id: ticketId },
    select: {
      id: true,
      number: true,
      category: true,
      assigneeId: true,
      attachments: { orderBy: { createdAt: 'asc' }, select: { id: true, contentUrl: true, name: true } },
    },
  });
  if (!ticket?.assigneeId) return null;
  const staff = await prisma.staff.findUnique({
    where: { id: ticket.assigneeId },
    select: { id: true, personId: true, person: { select: { name: true } } },
  });
  if (!staff) return null;
  const mediaIds = ticket.attachments.flatMap((a) => {
    const m = /^media:(.+)$/.exec(a.contentUrl);
    return m?.[1] ? [m[1]] : [];
  });
  const media = await prisma.mediaFile.findMany({
    where: { id: { in: mediaIds } },
    select: { id: true, path: true, mimeType: true, fileName: true, sizeBytes: true },
  });
  const byId = new Map(media.map((m) => [m.id, m]));
  const photos: TicketPhoto[] = ticket.attachments.map((a) => {
    const m = byId.get(/^media:(.+)$/.exec(a.contentUrl)?.[1] ?? '');
    return {
      ...a,
      media: m ? { path: m.path, mimeType: m.mimeType, fileName: m.fileName, sizeBytes: m.sizeBytes } : null,
    };
  });
  return {
    ticket: { id: ticket.id, number: ticket.number, category: ticket.category },
    staff: { id: staff.id, personId: staff.personId, name: staff.person.name },
    photos,
  };
}
