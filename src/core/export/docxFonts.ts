import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';

/**
 * The faces the documents ask for, declared in the DOCX font table the way Word itself writes them,
 * so that a machine without a face still picks a sensible one:
 *
 * - Word and WPS read `altName` (ECMA-376 §17.8.3.1: "if a font cannot be located with the name, the
 *   font shall be searched using these alternative names") and, failing that, pick a substitute by
 *   charset 86 (GB2312), family and PANOSE, i.e. another Chinese face of the same kind. Modern
 *   Windows has 仿宋/楷体/黑体/宋体 but not the *_GB2312 faces or 方正小标宋, hence the alt names.
 * - LibreOffice ignores all of that: an unknown face goes to its replacement table and then to
 *   fontconfig, which matches by the run's language. So every run also declares zh-CN for East Asian
 *   text (`w:lang w:eastAsia`), which makes fontconfig choose a Simplified Chinese face (Noto CJK SC
 *   where fonts-noto-cjk is installed) instead of a Japanese one or a Latin face with no glyphs.
 * - `w:hint="eastAsia"` makes the ambiguous characters Chinese text uses (“”‘’…—) take the Chinese
 *   face rather than the Latin one.
 */
export interface FontFace {
  name: string;
  altNames: readonly string[];
  panose: string;
  charset: '86' | '00';
  family: 'auto' | 'roman' | 'swiss' | 'modern';
  pitch: 'fixed' | 'variable';
}

export const FONTS = {
  fangsong: { name: '仿宋_GB2312', altNames: ['仿宋', 'FangSong'], panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  kaiti: { name: '楷体_GB2312', altNames: ['楷体', 'KaiTi'], panose: '02010609030101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  heiti: { name: '黑体', altNames: ['SimHei'], panose: '02010609060101010101', charset: '86', family: 'modern', pitch: 'fixed' },
  xiaobiaosong: {
    name: '方正小标宋简体',
    altNames: ['方正小标宋_GBK', '华文中宋', 'STZhongsong', '宋体'],
    panose: '02000000000000000000',
    charset: '86',
    family: 'auto',
    pitch: 'variable',
  },
  songti: { name: '宋体', altNames: ['SimSun'], panose: '02010600030101010101', charset: '86', family: 'auto', pitch: 'variable' },
  times: { name: 'Times New Roman', altNames: [], panose: '02020603050405020304', charset: '00', family: 'roman', pitch: 'variable' },
} as const satisfies Record<string, FontFace>;

/** Run fonts: the Chinese face for East Asian text, Times New Roman for Latin letters and digits. */
export function runFonts(face: FontFace) {
  return { ascii: FONTS.times.name, hAnsi: FONTS.times.name, cs: FONTS.times.name, eastAsia: face.name, hint: 'eastAsia' };
}

/** One face for every script: page numbers, which GB/T 9704 sets in 宋体 digits. */
export function allFonts(face: FontFace) {
  return { ascii: face.name, hAnsi: face.name, cs: face.name, eastAsia: face.name, hint: 'eastAsia' };
}

export const CHINESE_LANGUAGE = { value: 'en-US', eastAsia: 'zh-CN' } as const;

const xmlAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function fontTableXml(faces: readonly FontFace[]): string {
  const fonts = faces
    .map(
      (f) =>
        `<w:font w:name="${xmlAttr(f.name)}">` +
        (f.altNames.length ? `<w:altName w:val="${xmlAttr(f.altNames.join(','))}"/>` : '') +
        `<w:panose1 w:val="${f.panose}"/><w:charset w:val="${f.charset}"/><w:family w:val="${f.family}"/><w:pitch w:val="${f.pitch}"/></w:font>`,
    )
    .join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">${fonts}</w:fonts>`;
}

/**
 * The docx library writes an empty font table; put the declarations in (the part and its relationship
 * already exist). `defaultParagraph` adds properties to every paragraph's defaults, which the library
 * cannot write there (e.g. `<w:overflowPunct/>`).
 */
export function withFontTable(docx: Uint8Array, faces: readonly FontFace[], defaultParagraph = ''): Uint8Array {
  const files = unzipSync(docx);
  if (!files['word/fontTable.xml'] || !strFromU8(files['word/_rels/document.xml.rels']!).includes('fontTable.xml')) {
    throw new Error('docx output has no font table part');
  }
  files['word/fontTable.xml'] = strToU8(fontTableXml(faces));
  if (defaultParagraph) {
    const styles = strFromU8(files['word/styles.xml']!);
    if (!styles.includes('<w:pPrDefault><w:pPr>')) throw new Error('docx output has no paragraph defaults');
    files['word/styles.xml'] = strToU8(styles.replace('<w:pPrDefault><w:pPr>', `<w:pPrDefault><w:pPr>${defaultParagraph}`));
  }
  return zipSync(files, { level: 6 });
}
