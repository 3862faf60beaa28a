import { z } from 'zod';
import { idSchema } from '../../domain/proposal';

/**
 * Screens that show the whole federation (统计, 披露日程) ask the federation server when the desk is
 * connected, and otherwise show the desk's own library. The answer says which it is, and why.
 */

/** In a desk method's input: ask the federation server first when connected. */
export const askServerField = { fromServer: z.boolean().default(false) };

export const originSchema = z.object({
  /** 'server': the federation server's database; 'local': this desk's library. */
  source: z.enum(['server', 'local']),
  /** Why the desk's own data is shown (未连接总会服务器 …), in Chinese; null when the server answered. */
  note: z.string().nullable(),
});
export type Origin = z.infer<typeof originSchema>;

/** Ids in the answer that are not in this desk's library (they open read-only, or not at all). */
export const notHereField = { notHere: z.array(idSchema) };
