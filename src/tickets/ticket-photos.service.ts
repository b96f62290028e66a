// Staff see what the owner sent (#19): when a ticket is claimed or handed to someone, the owner's photos go to that
// staff member's own chat accounts through the outbox, as images where the channel shows images (the dispatcher
// sends the text instead elsewhere). A photo stored on disk (WeChat, Official Account) or sent inline (a data: URL)
// travels as the picture; one only the owner's channel can open (a Telegram file id, a Teams link) is listed with its
// link. One message per photo, keyed per assignee and photo: a re-run sends nothing twice, a new assignee gets them.
import { readFile } from 'node:fs/promises';
import type { Repositories, TicketPhoto } from '../db/repositories.js';
import { t, type Locale } from '../i18n/index.js';
import type { Notifier } from '../notify/notifier.js';
import type { Clock } from '../shared/clock.js';

/** Telegram takes photos up to 10 MB; larger ones are listed instead of sent. */
export const PHOTO_MAX_BYTES = 10 * 1024 * 1024;

export interface PhotoBytes {
  data: Buffer;
  mimeType: string;
  name: string;
}

/** Reads a stored file (injected so tests and other stores can stand in). */
export type FileReader = (path: string) => Promise<Buffer>;

export class TicketPhotoService {
  constructor(
    private readonly repos: Pick<Repositories, 'ticketPhotos' | 'outbox'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    private readonly read: FileReader = (p) => readFile(p),
  ) {}

  /**
   * Queues the ticket's photos to its assignee. Returns how many photos there were (0 when none or unassigned) and
   * the assignee's name, for the command's reply.
   */
  async sendToAssignee(ticketId: string, locale: Locale = 'zh-CN'): Promise<{ count: number; to: string | null }> {
    const found = await this.repos.ticketPhotos.assignedPhotos(ticketId);
    if (!found || found.photos.length === 0) return { count: 0, to: found?.staff.name ?? null };
    const { ticket, staff, photos } = found;
    const at = this.now();
    const total = photos.length;
    const key = (part: string) => `ticket:${ticket.id}:photos:${staff.id}:${part}`;
    const unsent: TicketPhoto[] = [];
    for (const [i, photo] of photos.entries()) {
      const bytes = await this.bytesOf(photo);
      if (!bytes) {
        unsent.push(photo);
        continue;
      }
      const facts = { number: ticket.number, index: i + 1, total };
      await this.notifier.person(this.repos.outbox, staff.personId, {
        kind: 'notice',
        message: {
          text: t(locale, 'photos.caption', facts),
          image: {
            png: bytes.data,
            mimeType: bytes.mimeType,
            name: bytes.name,
            altText: t(locale, 'photos.noImage', facts),
          },
        },
        dedupeKey: key(photo.id),
        at,
      });
    }
    if (unsent.length > 0) {
      const lines = [
        t(locale, 'photos.links', { number: ticket.number, category: ticket.category, count: unsent.length }),
        ...unsent.map((p) =>
          t(locale, 'photos.linkLine', {
            name: p.name,
            link: /^https?:\/\//.test(p.contentUrl) ? p.contentUrl : t(locale, 'photos.noLink'),
          }),
        ),
      ];
      await this.notifier.person(this.repos.outbox, staff.personId, {
        kind: 'notice',
        message: { text: lines.join('\n') },
        dedupeKey: key('links'),
        at,
      });
    }
    return { count: total, to: staff.name };
  }

  /** The picture's bytes when we hold them: a stored image file, or an inline data: URL. */
  private async bytesOf(p: TicketPhoto): Promise<PhotoBytes | null> {
    if (p.media) {
      if (!p.media.mimeType.startsWith('image/') || p.media.sizeBytes > PHOTO_MAX_BYTES) return null;
      try {
        return { data: await this.read(p.media.path), mimeType: p.media.mimeType, name: p.media.fileName };
      } catch {
        return null; // the file is gone (disk cleaned): list it rather than fail the claim
      }
    }
    const m = /^data:(image\/[\w.+-]+);base64,(.*)$/s.exec(p.contentUrl);
    if (!m?.[1] || m[2] === undefined) return null;
    const data = Buffer.from(m[2], 'base64');
    return data.length > 0 && data.length <= PHOTO_MAX_BYTES ? { data, mimeType: m[1], name: p.name } : null;
  }
}
