import { describe, expect, it } from 'vitest';
import { checkPhotos, detectImage, MAX_PHOTO_BYTES } from './case-photos.js';

const PNG = Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex');
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0, 0x10]);

describe('detectImage', () => {
  it('recognises images by their first bytes', () => {
    expect(detectImage(PNG)?.mime).toBe('image/png');
    expect(detectImage(JPEG)?.mime).toBe('image/jpeg');
    expect(detectImage(Buffer.from('GIF89a....'))?.mime).toBe('image/gif');
    expect(detectImage(Buffer.from('RIFF1234WEBPVP8 '))?.mime).toBe('image/webp');
  });

  it('refuses anything else whatever its name', () => {
    expect(detectImage(Buffer.from('%PDF-1.7'))).toBeNull();
    expect(detectImage(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'))).toBeNull();
    expect(detectImage(Buffer.alloc(0))).toBeNull();
  });
});

describe('checkPhotos', () => {
  it('names a photo by its content and accepts data URLs', () => {
    const [a] = checkPhotos([{ name: 'x.png', data: `data:image/png;base64,${PNG.toString('base64')}` }]);
    const [b] = checkPhotos([{ data: PNG.toString('base64') }]);
    expect(a?.file).toMatch(/^[0-9a-f]{64}\.png$/);
    expect(a?.file).toBe(b?.file);
  });

  it('rejects a non-image with a jpg name and an oversize photo', () => {
    expect(() =>
      checkPhotos([{ name: 'anh.jpg', data: Buffer.from('%PDF-1.7').toString('base64') }]),
    ).toThrow(expect.objectContaining({ code: 'CASE_ATTACHMENT_NOT_IMAGE' }));
    const big = Buffer.concat([JPEG, Buffer.alloc(MAX_PHOTO_BYTES)]);
    expect(() => checkPhotos([{ data: big.toString('base64') }])).toThrow(
      expect.objectContaining({ code: 'CASE_ATTACHMENT_TOO_LARGE' }),
    );
  });
});
