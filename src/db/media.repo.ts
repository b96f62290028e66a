import type { MediaFile } from '../generated/sqlite/client.js';
import type { Prisma } from './client.js';

export type MediaFileRow = MediaFile;

export type NewMediaFile = Pick<
  MediaFileRow,
  'channel' | 'externalId' | 'fileName' | 'mimeType' | 'path' | 'sizeBytes'
> & {
  identityId?: string | null;
};

/** Records a received file; a second record for the same (channel, externalId) updates the first. */
export async function saveMediaFile(prisma: Prisma, file: NewMediaFile): Promise<MediaFileRow> {
  const { channel, externalId, ...rest } = file;
  const data = { ...rest, identityId: rest.identityId ?? null };
  return prisma.mediaFile.upsert({
    where: { channel_externalId: { channel, externalId } },
    create: { channel, externalId, ...data },
    update: data,
  });
}

/** `media:<id>` (the contentUrl adapters put on an attachment) → the row, or null. */
export async function findMediaByContentUrl(prisma: Prisma, contentUrl: string): Promise<MediaFileRow | null> {
  const m = /^media:(.+)$/.exec(contentUrl);
  return m?.[1] ? prisma.mediaFile.findUnique({ where: { id: m[1] } }) : null;
}

/** A stored file by id (a 公告's picture, resolved by the outbox dispatcher at send time). */
export function findMediaById(prisma: Prisma, id: string): Promise<MediaFileRow | null> {
  return prisma.mediaFile.findUnique({ where: { id } });
}
