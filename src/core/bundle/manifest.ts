import { z } from 'zod';
import { idSchema, timestampSchema } from '../../shared/domain/proposal';

/** The `.shance` exchange file: a zip holding manifest.json, proposals/<id>.json and images/<sha256>. */
export const BUNDLE_FORMAT = 'shance-bundle';
export const BUNDLE_FORMAT_VERSION = 1;
export const MANIFEST_NAME = 'manifest.json';

const sha256 = z.string().regex(/^[0-9a-f]{64}$/);

export const manifestSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  formatVersion: z.literal(BUNDLE_FORMAT_VERSION),
  createdAt: timestampSchema,
  generator: z.string().max(200),
  proposals: z
    .array(
      z.object({
        id: idSchema,
        title: z.string().max(500),
        path: z.string().max(300),
        sha256,
        schemaVersion: z.number().int(),
      }),
    )
    .max(100_000),
  images: z
    .array(
      z.object({
        sha256,
        path: z.string().max(300),
        mime: z.string().max(50),
        bytes: z.number().int(),
      }),
    )
    .max(100_000),
});
export type Manifest = z.infer<typeof manifestSchema>;

export const proposalPath = (id: string): string => `proposals/${id}.json`;
export const imagePath = (sha: string): string => `images/${sha}`;
