import { listQuerySchema } from '../../shared/api/methods/proposals';
import { focusAreaLabel, statusLabel } from '../../shared/domain/catalog';
import type { Command } from '../command';
import { EXIT } from '../io';
import { LIBRARY_OPTIONS, openLibrary, withParsedArgs } from '../support';

export const listCommand: Command = {
  name: 'list',
  usage: `用法：shance list [搜索词] [--db 路径] [--json]

  搜索词     按名称和正文搜索（可省略）
  --db       项目库文件（默认 $SHANCE_DB 或 ~/.shance/library.db）
  --json     以 JSON 输出：{"items":[{"id","title","district","focusArea","status","updatedAt"}],"total"}`,
  run(args, io) {
    return withParsedArgs(io, args, LIBRARY_OPTIONS, this.usage, async ({ values, positionals }) => {
      const lib = openLibrary(io, values.db);
      try {
        const { items, total } = lib.proposals.list(listQuerySchema.parse({ query: positionals.join(' '), limit: 1000 }));
        if (values.json) {
          const slim = items.map(({ id, title, district, focusArea, status, updatedAt }) => ({ id, title, district, focusArea, status, updatedAt }));
          io.out(JSON.stringify({ items: slim, total }));
        } else if (items.length === 0) {
          io.out('项目库中没有项目。用 shance import 文件 导入，或在善策中新建。');
        } else {
          for (const p of items) {
            const area = p.focusArea ? focusAreaLabel(p.focusArea) : '未选领域';
            io.out(`${p.id}\t${p.title || '（未命名）'}\t${p.district || '—'}\t${area}\t${statusLabel(p.status)}\t${p.updatedAt}`);
          }
          io.out(`共 ${total} 个项目`);
        }
        return EXIT.ok;
      } finally {
        lib.close();
      }
    });
  },
};
