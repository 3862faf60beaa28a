import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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
export function convertToPdf(docxPaths: readonly string[], outDir: string, env: NodeJS.ProcessEnv = process.env): string[] {
  if (!soffice) throw new Error('LibreOffice (soffice) is not installed');
  const profile = mkdtempSync(join(tmpdir(), 'shance-lo-'));
  try {
    execFileSync(
      soffice,
      [`-env:UserInstallation=${pathToFileURL(profile).href}`, '--headless', '--norestore', '--convert-to', 'pdf', '--outdir', outDir, ...docxPaths],
      { stdio: 'pipe', timeout: 180_000, env },
    );
  } finally {
    rmSync(profile, { recursive: true, force: true });
  }
  return docxPaths.map((p) => join(outDir, basename(p).replace(/\.(docx|xlsx)$/i, '.pdf')));
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

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');

/**
 * A private fontconfig set-up (for FONTCONFIG_FILE) in which "Times New Roman" is set in `family`:
 * the configuration in force, with every face metric-compatible with Times rejected except
 * the one wanted, so the substitute is exactly `family` whatever else the machine has installed.
 * `extraDir` adds a folder of fonts (a face not installed system-wide).
 */
export function fontconfigWithTimesAs(family: string, dir: string, extraDir?: string): string {
  mkdirSync(join(dir, 'cache'), { recursive: true });
  const timesLike = ['Times New Roman', 'Liberation Serif', 'Tinos', 'Nimbus Roman', 'Nimbus Roman No9 L', 'TeX Gyre Termes', 'FreeSerif', 'Times'].filter((f) => f !== family);
  const reject = timesLike.map((f) => `<pattern><patelt name="family"><string>${xmlText(f)}</string></patelt></pattern>`).join('');
  const file = join(dir, 'fonts.conf');
  // The configuration in force (a FONTCONFIG_FILE of the caller's, else the machine's), narrowed.
  const base = process.env.FONTCONFIG_FILE ?? '/etc/fonts/fonts.conf';
  writeFileSync(
    file,
    `<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">
<fontconfig>
  <include ignore_missing="yes">${xmlText(base)}</include>
  ${extraDir ? `<dir>${xmlText(extraDir)}</dir>` : ''}
  <cachedir>${xmlText(join(dir, 'cache'))}</cachedir>
  <selectfont><rejectfont>${reject}</rejectfont></selectfont>
  <match target="pattern">
    <test qual="any" name="family"><string>Times New Roman</string></test>
    <edit name="family" mode="prepend" binding="strong"><string>${xmlText(family)}</string></edit>
  </match>
</fontconfig>
`,
  );
  return file;
}

/** The family fontconfig picks for `pattern` under the given configuration file. */
export function fcMatch(pattern: string, configFile: string): string {
  return execFileSync('fc-match', ['-f', '%{family[0]}', pattern], { encoding: 'utf8', env: { ...process.env, FONTCONFIG_FILE: configFile } }).trim();
}
