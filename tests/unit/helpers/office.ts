import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';

function which(cmd: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${cmd}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}

/** The LibreOffice binary, or null when it is not installed (apt libreoffice-writer-nogui). */
export const soffice = which('soffice') ?? which('libreoffice');
export const hasPoppler = which('pdftotext') !== null && which('pdftoppm') !== null;

/**
 * Convert DOCX files to PDF with headless LibreOffice, all in one run (its start-up is most of the
 * cost). A private profile folder keeps parallel runs from fighting over the user's profile lock.
 * Returns the PDF paths, in the order of the inputs.
 */
export function convertToPdf(docxPaths: readonly string[], outDir: string): string[] {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'shance-lo-'));
  try {
    execFileSync(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...docxPaths],
      { stdio: 'pipe', timeout: 180_000 },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return docxPaths.map((p) => join(outDir, basename(p).replace(/\.docx$/i, '.pdf')));
}

export const pdfText = (pdf: string, args: string[] = []): string => execFileSync('pdftotext', [...args, pdf, '-'], { encoding: 'utf8' });
export const pdfInfo = (pdf: string): string => execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
export const pdfFonts = (pdf: string): string => execFileSync('pdffonts', [pdf], { encoding: 'utf8' });

/** Render one page to `<outBase>-<n>.png` (pdftoppm names it) at a readable resolution. */
export function renderPage(pdf: string, page: number, outBase: string): void {
  execFileSync('pdftoppm', ['-r', '80', '-f', String(page), '-l', String(page), '-png', pdf, outBase]);
}

export interface PdfLine {
  page: number;
  xMin: number;
  yMin: number;
  xMax: number;
  text: string;
}

/** Every text line of the PDF with its position, from pdftotext -bbox-layout. */
export function pdfLines(pdf: string): PdfLine[] {
  const xml = pdfText(pdf, ['-bbox-layout']);
  const out: PdfLine[] = [];
  xml.split('<page ').slice(1).forEach((page, i) => {
    for (const m of page.matchAll(/<line xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="[\d.]+">([\s\S]*?)<\/line>/g)) {
      const words = [...m[4]!.matchAll(/>([^<]*)<\/word>/g)].map((w) => w[1]!);
      const text = words.join('').replace(/&amp;/g, '&').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"');
      out.push({ page: i + 1, xMin: Number(m[1]), yMin: Number(m[2]), xMax: Number(m[3]), text });
    }
  });
  return out;
}
