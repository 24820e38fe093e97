import type { WorkerPhotoInfo } from '../../../../contracts/api/registry';
import { PHOTO_CONTENT_TYPES, PHOTO_MAX_BYTES, type PhotoContentType } from '../../../../contracts/photos';
import type { AuthedContext, Deps } from '../../platform/context';
import { AppError } from '../../platform/errors';
import { recordAudit } from '../audit/audit.service';
import * as repo from './worker.repository';
import { may, requireVisible } from './worker.service';

/*
 * A worker's optional photo (证件照). Who may change it is who may edit the worker; who may see it is who may see the
 * worker. The bytes must be what the declared type says: the file is served back with that type, so a mislabelled
 * upload (an HTML page called image/png) never reaches a browser.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

const SIGNATURES: Record<PhotoContentType, { name: string; matches: (b: Buffer) => boolean }> = {
  'image/jpeg': { name: 'JPEG', matches: (b) => b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  'image/png': { name: 'PNG', matches: (b) => b.length >= 8 && b.subarray(0, 8).equals(PNG_SIGNATURE) },
  // RIFF container: "RIFF", 4 bytes of length, "WEBP".
  'image/webp': {
    name: 'WebP',
    matches: (b) => b.length >= 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP',
  },
};

/** The media type of a Content-Type header if it is one of the photo types (parameters ignored). */
export function photoContentType(header: string | undefined): PhotoContentType | null {
  const type = (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return (PHOTO_CONTENT_TYPES as readonly string[]).includes(type) ? (type as PhotoContentType) : null;
}

export const photoTooLarge = () => new AppError('photo.too_large', { limitMb: PHOTO_MAX_BYTES / (1024 * 1024) });

/** Checks an upload: a photo type, not empty, not over the limit, and bytes that match the type. */
export function checkPhoto(contentTypeHeader: string | undefined, body: unknown) {
  const contentType = photoContentType(contentTypeHeader);
  if (!contentType) throw new AppError('photo.unsupported_type');
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('request.empty_body');
  if (body.length > PHOTO_MAX_BYTES) throw photoTooLarge();
  const signature = SIGNATURES[contentType];
  if (!signature.matches(body)) throw new AppError('photo.content_mismatch', { format: signature.name });
  return { contentType, bytes: body };
}

export async function setWorkerPhoto(
  deps: Deps,
  ctx: AuthedContext,
  id: string,
  contentTypeHeader: string | undefined,
  body: unknown,
): Promise<WorkerPhotoInfo> {
  const { contentType, bytes } = checkPhoto(contentTypeHeader, body);
  const now = deps.clock.now();
  return deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!may(ctx, 'edit', worker)) throw new AppError('auth.forbidden');
    await repo.upsertPhoto(trx, {
      workerId: id,
      contentType,
      bytes,
      byteSize: bytes.length,
      updatedAt: now,
      updatedBy: ctx.actor.userId,
    });
    await recordAudit(trx, ctx, now, {
      action: 'worker.photo.set',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: { after: { contentType, byteSize: bytes.length } },
    });
    return { contentType, byteSize: bytes.length, updatedAt: now.toISOString() };
  });
}

export async function getWorkerPhoto(deps: Deps, ctx: AuthedContext, id: string) {
  await requireVisible(deps.db, ctx, id);
  const photo = await repo.findPhoto(deps.db, id);
  if (!photo) throw new AppError('photo.not_found');
  return { contentType: photo.contentType, bytes: Buffer.from(photo.bytes) };
}

export async function removeWorkerPhoto(deps: Deps, ctx: AuthedContext, id: string): Promise<void> {
  const now = deps.clock.now();
  await deps.db.transaction().execute(async (trx) => {
    const worker = await requireVisible(trx, ctx, id);
    if (!may(ctx, 'edit', worker)) throw new AppError('auth.forbidden');
    const before = await repo.findPhotoInfo(trx, id);
    if (!before || !(await repo.deletePhoto(trx, id))) throw new AppError('photo.not_found');
    await recordAudit(trx, ctx, now, {
      action: 'worker.photo.remove',
      targetType: 'worker',
      targetId: id,
      divisionCode: worker.divisionCode,
      summary: { before: { contentType: before.contentType, byteSize: before.byteSize } },
    });
  });
}
