import { createHash } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

export const MAX_PHOTO_BYTES = 5 * 1024 * 1024;
export const MAX_PHOTOS = 5;

const SIGNATURES: { mime: string; ext: string; test: (b: Buffer) => boolean }[] = [
  {
    mime: 'image/jpeg',
    ext: 'jpg',
    test: (b) => b.length > 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff,
  },
  {
    mime: 'image/png',
    ext: 'png',
    test: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    mime: 'image/gif',
    ext: 'gif',
    test: (b) => ['GIF87a', 'GIF89a'].includes(b.subarray(0, 6).toString('latin1')),
  },
  {
    mime: 'image/webp',
    ext: 'webp',
    test: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
];

/** The image type of a file from its first bytes (its name and declared type are not trusted), or null. */
export function detectImage(bytes: Buffer): { mime: string; ext: string } | null {
  const found = SIGNATURES.find((s) => s.test(bytes));
  return found ? { mime: found.mime, ext: found.ext } : null;
}

export interface CheckedPhoto {
  bytes: Buffer;
  mime: string;
  file: string;
}

/** Decodes and checks attached photos (base64): images only, at most MAX_PHOTOS of MAX_PHOTO_BYTES each. */
export function checkPhotos(photos: readonly { name?: string; data: string }[]): CheckedPhoto[] {
  if (photos.length > MAX_PHOTOS) throw new AppError('CASE_ATTACHMENT_TOO_LARGE', { photos: photos.length });
  return photos.map((p, index) => {
    const bytes = Buffer.from(p.data.replace(/^data:[^,]*,/, ''), 'base64');
    if (bytes.length > MAX_PHOTO_BYTES)
      throw new AppError('CASE_ATTACHMENT_TOO_LARGE', { index, name: p.name ?? null, bytes: bytes.length });
    const image = detectImage(bytes);
    if (!image) throw new AppError('CASE_ATTACHMENT_NOT_IMAGE', { index, name: p.name ?? null });
    // Named by content: a retried upload writes the same file, never a second one.
    const file = `${createHash('sha256').update(bytes).digest('hex')}.${image.ext}`;
    return { bytes, mime: image.mime, file };
  });
}

/** Photos live in the data folder, one file per distinct content. */
export class PhotoStore {
  constructor(private readonly dir: string) {}

  async save(photos: readonly CheckedPhoto[]): Promise<void> {
    if (photos.length === 0) return;
    await mkdir(this.dir, { recursive: true });
    await Promise.all(photos.map((p) => writeFile(path.join(this.dir, p.file), p.bytes)));
  }

  read(file: string): Promise<Buffer> {
    return readFile(path.join(this.dir, path.basename(file)));
  }
}
