// What an uploaded file really is, from its first bytes; the name alone proves nothing.

export interface FileType {
  kind: 'photo' | 'document';
  mime: string;
  extension: string;
}

const TYPES: { test: (b: Uint8Array, name: string) => boolean; type: FileType }[] = [
  { test: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff, type: { kind: 'photo', mime: 'image/jpeg', extension: 'jpg' } },
  { test: (b) => [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((x, i) => b[i] === x), type: { kind: 'photo', mime: 'image/png', extension: 'png' } },
  { test: (b) => ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP', type: { kind: 'photo', mime: 'image/webp', extension: 'webp' } },
  { test: (b) => ascii(b, 0, 5) === '%PDF-', type: { kind: 'document', mime: 'application/pdf', extension: 'pdf' } },
  // Office files are ZIP archives; which one it is comes from the name, once the content is a ZIP
  { test: (b, n) => isZip(b) && /\.docx$/i.test(n), type: { kind: 'document', mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extension: 'docx' } },
  { test: (b, n) => isZip(b) && /\.xlsx$/i.test(n), type: { kind: 'document', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extension: 'xlsx' } },
  { test: (b, n) => isZip(b) && /\.pptx$/i.test(n), type: { kind: 'document', mime: 'application/vnd.openxmlformats-officedocument.presentationml.presentation', extension: 'pptx' } },
];

function ascii(b: Uint8Array, start: number, length: number): string {
  return String.fromCharCode(...b.subarray(start, start + length));
}

function isZip(b: Uint8Array): boolean {
  return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04;
}

/** The type of an allowed file, or null for anything else (executables, scripts, renamed files). */
export function sniffFileType(head: Uint8Array, filename: string): FileType | null {
  return TYPES.find((t) => t.test(head, filename))?.type ?? null;
}

export const ALLOWED_DESCRIPTION = 'JPEG, PNG or WebP photos; PDF, Word, Excel or PowerPoint documents';
