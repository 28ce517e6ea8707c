import { describe, expect, it } from 'vitest';
import { sniffFileType } from './fileTypes';

const bytes = (...b: number[]) => new Uint8Array([...b, ...new Array(16).fill(0)]);
const text = (s: string) => new TextEncoder().encode(s.padEnd(16, ' '));

describe('file type by content', () => {
  it('recognizes photos and documents by their first bytes', () => {
    expect(sniffFileType(bytes(0xff, 0xd8, 0xff, 0xe0), 'x.bin')?.mime).toBe('image/jpeg');
    expect(sniffFileType(bytes(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a), 'photo')?.mime).toBe('image/png');
    expect(sniffFileType(text('RIFF\0\0\0\0WEBP'), 'a.webp')?.mime).toBe('image/webp');
    expect(sniffFileType(text('%PDF-1.7'), 'minutes.pdf')).toEqual({ kind: 'document', mime: 'application/pdf', extension: 'pdf' });
    expect(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04), '会议记录.docx')?.extension).toBe('docx');
  });

  it('refuses a renamed file and anything not allowed', () => {
    expect(sniffFileType(text('MZ this is an exe'), 'photo.jpg')).toBeNull();
    expect(sniffFileType(text('<script>alert(1)'), 'minutes.pdf')).toBeNull();
    expect(sniffFileType(bytes(0x50, 0x4b, 0x03, 0x04), 'archive.zip')).toBeNull();
    expect(sniffFileType(text('%PDF'), 'short.pdf')).toBeNull();
  });
});
