import { randomBytes, randomUUID } from 'node:crypto';

/** Exchange-style opaque ids (`AAMkA…`); clients must treat them as opaque strings. */
export const newEventId = (): string => `AAMkAG${randomBytes(30).toString('base64url')}=`;
export const newICalUId = (): string => `040000008200E00074C5B7101A82E008${randomBytes(24).toString('hex').toUpperCase()}`;
export const newChangeKey = (): string => randomBytes(12).toString('base64');
export const newGuid = (): string => randomUUID();
