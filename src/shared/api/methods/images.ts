import { z } from 'zod';
import { LIMITS } from '../../domain/limits';
import { imageRefSchema } from '../../domain/proposal';
import { base64, type MethodSpec } from './common';

export const sha256Schema = z.string().regex(/^[0-9a-f]{64}$/, { error: '图片校验值无效' });

export const imageMethods = {
  'image.add': {
    input: z.object({ fileName: z.string().max(255), dataBase64: base64(LIMITS.imageBytes) }),
    output: imageRefSchema,
  },
  'image.get': {
    input: z.object({ sha256: sha256Schema }),
    output: z.object({ mime: z.string(), dataBase64: z.string() }),
  },
} as const satisfies Record<string, MethodSpec>;
