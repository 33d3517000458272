import { randomUUID } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { mkdir, open, rename } from 'node:fs/promises';
import path from 'node:path';
import { AppError } from '../errors.js';

/** The file types incidents accept, recognised by their first bytes (a renamed file is refused). */
const SIGNATURES: Array<{ type: string; matches: (b: Buffer) => boolean }> = [
  { type: 'image/jpeg', matches: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  {
    type: 'image/png',
    matches: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])),
  },
  {
    type: 'image/webp',
    matches: (b) =>
      b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
  },
  { type: 'application/pdf', matches: (b) => b.subarray(0, 5).toString('latin1') === '%PDF-' },
];

/** The content type of an accepted attachment, from its bytes; throws ATTACHMENT_REJECTED otherwise. */
export function detectAttachmentType(data: Buffer): string {
  const match = SIGNATURES.find((s) => s.matches(data));
  if (!match) throw new AppError('ATTACHMENT_REJECTED');
  return match.type;
}

/** Incident attachments in a data folder, written durably (fsync, then rename) before they are recorded. */
export class AttachmentStore {
  constructor(readonly dir: string) {}

  async save(data: Buffer): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const name = randomUUID();
    const partial = path.join(this.dir, `${name}.part`);
    const file = await open(partial, 'w');
    try {
      await file.writeFile(data);
      await file.sync();
    } finally {
      await file.close();
    }
    await rename(partial, path.join(this.dir, name));
    return name;
  }

  read(storageName: string) {
    return createReadStream(path.join(this.dir, path.basename(storageName)));
  }
}
