import { MESSAGE_FILE_MAX_BYTES, MESSAGE_FILES_MAX } from '../../../shared/contracts/messages';

/**
 * The browser's first look at the files a person attaches to a message, so
 * they hear at once, in words, what cannot be sent (issue 12: PDF, JPEG, PNG;
 * at most 10 MB each and 5 per message). The server still decides: it reads
 * the type from the bytes, which a name or a browser's guess cannot prove.
 */

/** What the browser knows of a chosen file (a File has these). */
export interface ChosenFile {
  name: string;
  size: number;
  type: string;
}

export type FileProblem = 'type' | 'size' | 'empty' | 'count';

export interface FileRefusal<F extends ChosenFile> {
  file: F;
  problem: FileProblem;
}

const EXTENSIONS: Record<string, 'application/pdf' | 'image/jpeg' | 'image/png'> = {
  pdf: 'application/pdf',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  png: 'image/png',
};

/** The input's `accept`: the picker offers these types first (a person can still choose another). */
export const ACCEPT_ATTACHMENTS = 'application/pdf,image/jpeg,image/png,.pdf,.jpg,.jpeg,.png';

/** The type a file claims by its name and the browser's guess; null when it is not one we take. */
export function claimedType(file: ChosenFile): 'application/pdf' | 'image/jpeg' | 'image/png' | null {
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  const byName = ext ? EXTENSIONS[ext] : undefined;
  if (!byName) return null;
  // A browser that guessed another type (a .pdf it reads as a zip) is believed: refused here, not at the server.
  if (file.type !== '' && file.type !== byName && !(byName === 'image/jpeg' && file.type === 'image/pjpeg')) return null;
  return byName;
}

function problemOf(file: ChosenFile): Exclude<FileProblem, 'count'> | null {
  if (claimedType(file) === null) return 'type';
  if (file.size === 0) return 'empty';
  if (file.size > MESSAGE_FILE_MAX_BYTES) return 'size';
  return null;
}

/**
 * Adds newly chosen files to those already attached: each one is kept, or
 * refused with its problem; once the message holds the most files it may, the
 * rest are refused as 'count'. Files already attached are never dropped.
 */
export function addFiles<F extends ChosenFile>(attached: readonly F[], chosen: readonly F[]): { attached: F[]; refused: FileRefusal<F>[] } {
  const kept = [...attached];
  const refused: FileRefusal<F>[] = [];
  for (const file of chosen) {
    const problem = problemOf(file);
    if (problem) refused.push({ file, problem });
    else if (kept.length >= MESSAGE_FILES_MAX) refused.push({ file, problem: 'count' });
    else kept.push(file);
  }
  return { attached: kept, refused };
}

/** A size as people read it: '820 KB', '4.2 MB' (1 KB = 1024 bytes, as file managers show). */
export function formatFileSize(bytes: number, locale: string): string {
  const number = (n: number, digits: number) => new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${number(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${number(Math.max(1, Math.round(bytes / 1024)), 0)} KB`;
  return `${number(bytes / (1024 * 1024), 1)} MB`;
}

export function isImageType(mediaType: string): boolean {
  return mediaType === 'image/png' || mediaType === 'image/jpeg';
}
