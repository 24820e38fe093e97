/** A worker's photo: the types the server accepts (checked against the file's first bytes) and the size limit. */
export const PHOTO_CONTENT_TYPES = ['image/jpeg', 'image/png', 'image/webp'] as const;
export type PhotoContentType = (typeof PHOTO_CONTENT_TYPES)[number];

/** 2 MB: a passport-style photo is far smaller; the limit keeps the table and the page light. */
export const PHOTO_MAX_BYTES = 2 * 1024 * 1024;
