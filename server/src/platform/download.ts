import type { FastifyReply } from 'fastify';

/** Sends bytes as a file download; the name in RFC 5987 form so that Chinese file names survive every browser. */
export function sendAttachment(reply: FastifyReply, bytes: Buffer, fileName: string, contentType: string) {
  const ascii = fileName.replace(/[^\x20-\x7E]/g, '_').replace(/"/g, '');
  return reply
    .header('content-type', contentType)
    .header('content-disposition', `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`)
    .send(bytes);
}

const SPREADSHEET_TYPES = {
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  csv: 'text/csv; charset=utf-8',
} as const;

/** Sends an .xlsx or .csv download. */
export function sendSpreadsheet(reply: FastifyReply, bytes: Buffer, fileName: string, format: 'xlsx' | 'csv') {
  return sendAttachment(reply, bytes, fileName, SPREADSHEET_TYPES[format]);
}
