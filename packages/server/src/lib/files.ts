import type { FastifyReply } from 'fastify';

export const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
export const PDF = 'application/pdf';

/**
 * Sends a generated file. Its route declares `fileSchema(...)` as the 2xx answer, which documents it as
 * binary; Fastify sends a Buffer as it is, without running the JSON serializer, hence the one cast here.
 */
export function sendFile(
  reply: FastifyReply,
  file: { body: Buffer; type: string; name: string; inline?: boolean },
) {
  const disposition = `${file.inline ? 'inline' : 'attachment'}; filename*=UTF-8''${encodeURIComponent(file.name)}`;
  return reply
    .header('content-disposition', disposition)
    .type(file.type)
    .send(file.body as unknown as string);
}
