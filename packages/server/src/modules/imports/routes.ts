import { PassThrough } from 'node:stream';
import {
  fileSchema,
  idParams,
  importJobListSchema,
  importJobSchema,
  importResultSchema,
  importStartedSchema,
  importUploadQuery,
  memberFilterSchema,
} from '@dangjian/core';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { AppContext } from '../../context.js';
import { today } from '../../lib/clock.js';
import { AppError } from '../../lib/errors.js';
import { sendFile, XLSX } from '../../lib/files.js';
import { requireActor } from '../auth/index.js';
import { buildTemplate, exportMembers } from './export.js';
import { authorizeImport, createImportJob, getImport, listImports } from './service/jobs.js';
import { runImport } from './service/upload.js';

const attachment = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

export function registerImportRoutes(app: FastifyInstance, ctx: AppContext) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['members'];
  r.post(
    '/api/members/import',
    {
      schema: {
        tags,
        summary: '导入党员信息采集表 (.xlsx, multipart 字段 file)；async=true 时后台执行并返回任务号',
        consumes: ['multipart/form-data'],
        querystring: importUploadQuery,
        response: { 200: importResultSchema, 202: importStartedSchema },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      // Before the body is read: a refused upload is never received (issue 8 defect 6).
      const org = await authorizeImport(ctx, actor, req.query.orgId);
      if (!req.isMultipart()) throw new AppError('IMPORT_NO_FILE');
      // A file name with a NUL is refused here by the input guard (lib/input-guard.ts, INVALID_TEXT).
      const part = await req.file();
      if (part?.fieldname !== 'file') throw new AppError('IMPORT_NO_FILE');
      const fileName = part.filename || null;
      // In memory, bounded by UPLOAD_MAX_MB, never on disk: the file holds ID and phone numbers.
      let upload: Buffer;
      try {
        upload = await part.toBuffer();
      } catch (err) {
        if ((err as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') {
          throw new AppError('PAYLOAD_TOO_LARGE', `文件超过 ${ctx.config.UPLOAD_MAX_MB} MB 的上限`);
        }
        throw err;
      }
      const progress = await createImportJob(ctx, actor, org, fileName);
      const job = runImport(ctx, actor, org, progress, upload);
      if (req.query.async === 'true') {
        job.catch(() => {});
        return reply.status(202).send({ id: progress.id, status: progress.status });
      }
      const done = await job;
      if (done.status === 'rejected') {
        throw new AppError(
          'IMPORT_INVALID',
          `导入文件中有 ${done.errorCount} 处错误，已全部拒绝，未写入任何数据`,
          {
            errors: done.errors,
            errorCount: done.errorCount,
            importId: done.id,
          },
        );
      }
      return reply
        .status(200)
        .send({ created: done.created, updated: done.updated, errors: [], importId: done.id });
    },
  );
  r.get(
    '/api/imports',
    { schema: { tags, summary: '最近的导入任务', response: { 200: importJobListSchema } } },
    (req) => listImports(ctx, requireActor(req)),
  );
  r.get(
    '/api/imports/:id',
    {
      schema: {
        tags,
        summary: '导入任务进度与结果',
        params: idParams,
        response: { 200: importJobSchema },
      },
    },
    (req) => getImport(ctx, requireActor(req), req.params.id),
  );
  r.get(
    '/api/members/import/template',
    {
      schema: {
        tags,
        summary: '下载空白采集表模板',
        response: { 200: fileSchema('党员信息采集表模板 (.xlsx)') },
      },
    },
    async (req, reply) => {
      requireActor(req);
      return sendFile(reply, { body: await buildTemplate(), type: XLSX, name: '党员信息采集表模板.xlsx' });
    },
  );
  r.get(
    '/api/members/export',
    {
      schema: {
        tags,
        summary: '导出党员信息采集表 (.xlsx)',
        querystring: memberFilterSchema,
        response: { 200: fileSchema('党员信息采集表 (.xlsx)，逐行写出') },
      },
    },
    async (req, reply) => {
      const actor = requireActor(req);
      const stream = new PassThrough();
      const done = exportMembers(ctx, actor, req.query, stream);
      // Errors before the first byte (scope, permission) still answer as JSON errors.
      await Promise.race([done, new Promise((resolve) => stream.once('readable', resolve))]);
      done.catch((err) => stream.destroy(err));
      // A stream, not a Buffer: sent as it is written, so not through sendFile.
      return reply
        .header('content-disposition', attachment(`党员信息采集表-${today()}.xlsx`))
        .type(XLSX)
        .send(stream as unknown as string);
    },
  );
}
