import type { Prisma } from './client.js';

export interface MediaFileRow {
  id: string;
  channel: string;
  externalId: string;
  fileName: string;
  mimeType: string;
  path: string;
  sizeBytes: number;
  createdAt: Date;
  identityId: string | null;
}

export interface NewMediaFile {
  channel: string;
  /** The channel's message id: a redelivered message maps to the same row. */
  externalId: string;
  fileName: string;
  mimeType: string;
  path: string;
  sizeBytes: number;
  identityId?: string | null;
}

/** Records a received file; a second record for the same (channel, externalId) updates the first. */
export async function saveMediaFile(prisma: Prisma, file: NewMediaFile): Promise<MediaFileRow> {
  const data = {
    fileName: file.fileName,
    mimeType: file.mimeType,
    path: file.path,
    sizeBytes: file.sizeBytes,
    identityId: file.identityId ?? null,
  };
  return prisma.mediaFile.upsert({
    where: { channel_externalId: { channel: file.channel, externalId: file.externalId } },
    create: { channel: file.channel, externalId: file.externalId, ...data },
    update: data,
  });
}

export async function findMediaFile(prisma: Prisma, id: string): Promise<MediaFileRow | null> {
  return prisma.mediaFile.findUnique({ where: { id } });
}

/** `media:<id>` (the contentUrl adapters put on an attachment) → the row, or null. */
export async function findMediaByContentUrl(prisma: Prisma, contentUrl: string): Promise<MediaFileRow | null> {
  const m = /^media:(.+)$/.exec(contentUrl);
  return m?.[1] ? findMediaFile(prisma, m[1]) : null;
}

/** Links files received before the sender was identified (first contact) to their identity. */
export async function assignMediaIdentity(prisma: Prisma, ids: string[], identityId: string): Promise<number> {
  const r = await prisma.mediaFile.updateMany({ where: { id: { in: ids } }, data: { identityId } });
  return r.count;
}
