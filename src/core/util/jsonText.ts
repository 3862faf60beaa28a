import { AppError } from '../../shared/errors';

/** Where a JSON text first goes wrong, and why, in words a person editing the file understands. */
export interface JsonSyntaxProblem {
  line: number;
  column: number;
  reason: string;
}

class Stop extends Error {
  constructor(
    readonly at: number,
    readonly reason: string,
  ) {
    super(reason);
  }
}

/**
 * Find the first syntax error of a JSON text. JSON.parse's own messages are English and, for some
 * errors, carry no position; this small scanner follows the grammar and stops where it breaks.
 */
export function findJsonSyntaxProblem(text: string): JsonSyntaxProblem | null {
  let i = 0;
  const ws = () => {
    while (i < text.length && ' \t\n\r'.includes(text[i]!)) i++;
  };
  const char = () => (i < text.length ? `「${text[i]}」` : '文件结尾');
  const expect = (what: string): never => {
    throw new Stop(i, `此处应为${what}，实际是${char()}`);
  };
  const str = () => {
    const start = i++;
    while (i < text.length && text[i] !== '"') {
      const c = text.charCodeAt(i);
      if (c < 0x20) throw new Stop(i, '字符串中不能直接换行或含控制字符（换行请写作 \\n）');
      if (text[i] === '\\') {
        i++;
        if (text[i] === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) throw new Stop(i, '\\u 后应为 4 位十六进制数');
          i += 4;
        } else if (!'"\\/bfnrt'.includes(text[i] ?? '')) throw new Stop(i, '无效的转义字符（反斜杠 \\ 本身应写作 \\\\）');
      }
      i++;
    }
    if (i >= text.length) throw new Stop(start, '字符串缺少结尾的双引号');
    i++;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') expect(text[i] === '}' ? '字段名（最后一项后面不能有逗号）' : '用双引号括起的字段名');
        str();
        ws();
        if (text[i] !== ':') expect('冒号「:」');
        i++;
        value();
        ws();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') return void i++;
        expect('逗号「,」或右花括号「}」');
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        if (text[i] === ']') expect('数组元素（最后一项后面不能有逗号）');
        value();
        ws();
        if (text[i] === ',') {
          i++;
          ws();
          continue;
        }
        if (text[i] === ']') return void i++;
        expect('逗号「,」或右方括号「]」');
      }
    }
    if (c === '"') return str();
    const lit = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (lit) {
      i += lit[0].length;
      return;
    }
    expect(c === "'" ? '值（字符串须用双引号，不能用单引号）' : '值（字符串、数字、true、false、null、对象或数组）');
  };
  try {
    value();
    ws();
    if (i < text.length) throw new Stop(i, `内容在此处已经结束，后面多出了${char()}`);
    return null;
  } catch (e) {
    if (!(e instanceof Stop)) throw e;
    const before = text.slice(0, e.at);
    const line = before.split('\n').length;
    return { line, column: e.at - (before.lastIndexOf('\n') + 1) + 1, reason: e.reason };
  }
}

/** JSON.parse, with a syntax error explained in Chinese with its line and column. */
export function parseJsonOrExplain(text: string, what: string): unknown {
  const clean = text.replace(/^\uFEFF/, '');
  try {
    return JSON.parse(clean);
  } catch {
    const p = findJsonSyntaxProblem(clean);
    const where = p ? `第 ${p.line} 行第 ${p.column} 列：${p.reason}` : '无法解析';
    throw new AppError('FILE_INVALID', `${what}不是有效的 JSON（${where}）`);
  }
}
