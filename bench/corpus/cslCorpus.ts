/**
 * Synthetic proposals made of real Chinese text, for the duplicate-check benchmark and tests.
 *
 * The text comes from the CSL corpus of scientific abstracts (../shared/corpora/csl, beside the
 * repository, never copied into it). Abstracts are cut into clauses and clauses recombined into
 * sentences, so two unrelated proposals share about as little as two real ones do. Each proposal
 * follows a focus-area template (shared boilerplate with 【请填写：…】 placeholders filled in), has
 * its organisation's fixed 关于我们, and mentions its district by name. Edited copies are planted
 * with insertions, deletions, rewritten sentences, reordered paragraphs and another district.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DISTRICTS, FOCUS_AREA_IDS, SECTION_IDS, type SectionId } from '../../src/shared/domain/catalog';
import { PROPOSAL_SCHEMA_VERSION, type Proposal } from '../../src/shared/domain/proposal';
import { proposalSchema } from '../../src/shared/domain/proposal';
import { placeholder } from '../../src/shared/domain/placeholders';
import { textToDoc } from '../../src/shared/domain/richText';

export const CSL_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'shared', 'corpora', 'csl');

/** The clauses of every abstract in the corpus, or null when the corpus is not beside the repository. */
export function loadCslClauses(dir: string = CSL_DIR): string[] | null {
  const files = ['ts_dev.tsv', 'ts_test.tsv'].map((f) => join(dir, f));
  if (!files.every((f) => existsSync(f))) return null;
  const clauses: string[] = [];
  for (const file of files) {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const abstract = line.split('\t')[1];
      if (!abstract) continue;
      for (const c of abstract.split(/[，,。；;！？]|\.(?!\d)/u)) {
        const clause = c.trim();
        if ([...clause].length >= 6) clauses.push(clause);
      }
    }
  }
  return clauses;
}

/** A small fast PRNG (mulberry32): the corpus is the same on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}


/** Characters per section, template included: about 3,000 in all, as a real proposal. */
const SECTION_CHARS: Record<SectionId, number> = {
  background: 850,
  goals: 280,
  plan: 750,
  capacity: 280,
  risks: 230,
  disclosure: 150,
  aboutUs: 280,
};
const ABOUT_US_CLAUSES = 12;
const ORGS_PER_DISTRICT = 5;
const GROUPS = ['留守儿童', '独居老人', '残疾人', '困难家庭学生', '大病患者', '低收入农户', '失能老人', '困境儿童'];
const BUDGET_ITEMS = ['餐费补贴', '物资采购', '志愿者交通补贴', '宣传费', '执行管理费', '课程教材', '体检费用', '设备购置', '场地租赁', '保险费'];
const districts = DISTRICTS.filter((d) => !d.includes('（'));

/** A sentence is a list of clause numbers; a section, a list of sentences. */
type Sentence = number[];

export interface Spec {
  id: string;
  district: number;
  org: number;
  focus: number;
  sections: Record<SectionId, Sentence[]>;
  group: number;
  budget: number[];
  seed: number;
}

export interface EditOptions {
  /** Share of the sentences deleted. */
  deleteShare: number;
  /** Share of the remaining sentences replaced by new ones. */
  rewriteShare: number;
  /** New sentences inserted, as a share of the original's. */
  insertShare: number;
  /** Paragraphs of three sentences shuffled within each section. */
  reorder: boolean;
  /** Another district submits it: its name throughout, and its own 关于我们. */
  changeDistrict: boolean;
}

export const NO_EDIT: EditOptions = { deleteShare: 0, rewriteShare: 0, insertShare: 0, reorder: false, changeDistrict: false };

export class SyntheticCorpus {
  private readonly bodyFrom: number;
  private readonly orgFrom: number;

  constructor(
    private readonly clauses: readonly string[],
    /** Template sentences per section; 0 leaves templates out. */
    private readonly templateSentences = 2,
  ) {
    // The clause list is split: templates, then the organisations' 关于我们, then the bodies, so a
    // body never repeats template or organisation text by chance.
    this.orgFrom = FOCUS_AREA_IDS.length * SECTION_IDS.length * templateSentences * 3;
    this.bodyFrom = this.orgFrom + districts.length * ORGS_PER_DISTRICT * ABOUT_US_CLAUSES;
    if (this.bodyFrom + 1000 > clauses.length) throw new Error('corpus too small');
  }

  private sentence(r: () => number): Sentence {
    const n = 2 + Math.floor(r() * 2);
    const out: Sentence = [];
    for (let i = 0; i < n; i++) out.push(this.bodyFrom + Math.floor(r() * (this.clauses.length - this.bodyFrom)));
    return out;
  }

  /** An original proposal, the same for the same seed. */
  spec(id: string, seed: number): Spec {
    const r = rng(seed);
    const sections = {} as Record<SectionId, Sentence[]>;
    for (const s of SECTION_IDS) {
      const list: Sentence[] = [];
      if (s !== 'aboutUs') {
        let chars = [...this.templateText(0, s)].length;
        while (chars < SECTION_CHARS[s]) {
          const sentence = this.sentence(r);
          list.push(sentence);
          chars += sentence.reduce((n, c) => n + this.clauses[c]!.length + 1, 0);
        }
      }
      sections[s] = list;
    }
    return {
      id,
      district: Math.floor(r() * districts.length),
      org: Math.floor(r() * ORGS_PER_DISTRICT),
      focus: Math.floor(r() * FOCUS_AREA_IDS.length),
      sections,
      group: Math.floor(r() * GROUPS.length),
      budget: Array.from({ length: 3 + Math.floor(r() * 3) }, () => Math.floor(r() * BUDGET_ITEMS.length)),
      seed,
    };
  }

  /** An edited copy of a proposal, as another district might submit it. */
  edit(original: Spec, id: string, seed: number, opts: EditOptions): Spec {
    const r = rng(seed);
    const sections = {} as Record<SectionId, Sentence[]>;
    for (const s of SECTION_IDS) {
      let list = original.sections[s].filter(() => r() >= opts.deleteShare);
      list = list.map((sentence) => (r() < opts.rewriteShare ? this.sentence(r) : sentence));
      const inserts = Math.round(original.sections[s].length * opts.insertShare);
      for (let k = 0; k < inserts; k++) list.splice(Math.floor(r() * (list.length + 1)), 0, this.sentence(r));
      if (opts.reorder && list.length >= 6) {
        // Paragraphs of three sentences, shuffled.
        const paragraphs: Sentence[][] = [];
        for (let k = 0; k < list.length; k += 3) paragraphs.push(list.slice(k, k + 3));
        for (let k = paragraphs.length - 1; k > 0; k--) {
          const j = Math.floor(r() * (k + 1));
          [paragraphs[k], paragraphs[j]] = [paragraphs[j]!, paragraphs[k]!];
        }
        list = paragraphs.flat();
      }
      sections[s] = list;
    }
    const district = opts.changeDistrict ? (original.district + 1 + Math.floor(r() * (districts.length - 1))) % districts.length : original.district;
    return { ...original, id, sections, district, org: opts.changeDistrict ? Math.floor(r() * ORGS_PER_DISTRICT) : original.org, seed };
  }

  private clauseText(sentences: readonly Sentence[], district: string): string {
    return sentences
      .map((s, i) => {
        const body = s.map((c) => this.clauses[c]!).join('，');
        // Every fourth sentence names the district, as real proposals do.
        return i % 4 === 0 ? `${district}${body}。` : `${body}。`;
      })
      .join('')
      .replace(/(.{150,}?。)/gu, '$1\n');
  }

  /** The focus-area template of a section: fixed sentences with placeholders, as the handbook writes them. */
  templateText(focus: number, section: SectionId): string {
    if (this.templateSentences === 0) return '';
    const base = (focus * SECTION_IDS.length + SECTION_IDS.indexOf(section)) * this.templateSentences * 3;
    const parts: string[] = [];
    for (let k = 0; k < this.templateSentences; k++) {
      const c = base + k * 3;
      parts.push(`${this.clauses[c]}，${this.clauses[c + 1]}${placeholder('受益人数')}，${this.clauses[c + 2]}。`);
    }
    return parts.join('');
  }

  /** Every template text, as the handbook folder would hold them. */
  templateTexts(): string[] {
    const out: string[] = [];
    for (let f = 0; f < FOCUS_AREA_IDS.length; f++) for (const s of SECTION_IDS) out.push(this.templateText(f, s));
    return out.filter((t) => t !== '');
  }

  private aboutUs(district: number, org: number): string {
    const base = this.orgFrom + (district * ORGS_PER_DISTRICT + org) * ABOUT_US_CLAUSES;
    const sentences: Sentence[] = [];
    let chars = 0;
    for (let k = 0; k < ABOUT_US_CLAUSES && chars < SECTION_CHARS.aboutUs; k += 2) {
      sentences.push([base + k, base + k + 1]);
      chars += this.clauses[base + k]!.length + this.clauses[base + k + 1]!.length;
    }
    return `${districts[district]}慈善会是依法登记的慈善组织。${this.clauseText(sentences, '')}`;
  }

  proposal(spec: Spec): Proposal {
    const r = rng(spec.seed ^ 0x5bd1e995);
    const district = districts[spec.district]!;
    const filled = (t: string) => t.replaceAll(placeholder('受益人数'), String(20 + Math.floor(r() * 500)));
    const sections = {} as Proposal['sections'];
    for (const s of SECTION_IDS) {
      const body = s === 'aboutUs' ? this.aboutUs(spec.district, spec.org) : this.clauseText(spec.sections[s], district);
      const text = `${filled(this.templateText(spec.focus, s))}${s === 'aboutUs' ? '\n' : ''}${body}`.trim();
      sections[s] = { doc: textToDoc(text), text };
    }
    const first = spec.sections.background[0]?.[0] ?? this.bodyFrom;
    // Fields are filled into one checked proposal: checking 100,000 with zod would dominate the run.
    return {
      ...baseProposal(),
      id: spec.id,
      title: `${district}${this.clauses[first]!.slice(0, 16)}项目`,
      focusArea: FOCUS_AREA_IDS[spec.focus]!,
      district,
      beneficiaries: [{ id: 'b1', type: GROUPS[spec.group]!, count: 20 + Math.floor(r() * 500), region: district }],
      budget: {
        ...baseProposal().budget,
        lines: spec.budget.map((item, i) => ({
          ...baseLine(),
          id: `l${i + 1}`,
          item: BUDGET_ITEMS[item]!,
          amountFen: 100_00 * (1 + Math.floor(r() * 100)),
        })),
      },
      sections,
    };
  }
}

let base: Proposal | null = null;
let line: Proposal['budget']['lines'][number] | null = null;

function baseProposal(): Proposal {
  const now = '2024-05-01T00:00:00.000Z';
  base ??= proposalSchema.parse({ schemaVersion: PROPOSAL_SCHEMA_VERSION, id: 'base', createdAt: now, updatedAt: now });
  return base;
}

function baseLine(): Proposal['budget']['lines'][number] {
  line ??= proposalSchema.parse({ ...baseProposal(), budget: { lines: [{ id: 'l' }] } }).budget.lines[0]!;
  return line;
}

/**
 * Where the planted copies are: document n is an original, or an edited copy of an earlier one.
 * `copies` of the originals get 1–3 copies each, placed right after them.
 */
export function plantedLayout(total: number, copyShare: number, seed: number): { base: Int32Array; options: EditOptions[] } {
  const r = rng(seed);
  const base = new Int32Array(total).fill(-1);
  const options: EditOptions[] = new Array<EditOptions>(total);
  for (let n = 0; n < total; ) {
    const original = n++;
    if (r() >= copyShare) continue;
    const k = 1 + Math.floor(r() * 3);
    for (let c = 0; c < k && n < total; c++, n++) {
      base[n] = original;
      // Edits from none to heavy, so true scores spread across the threshold.
      const u = r();
      options[n] = { deleteShare: u * 0.5, rewriteShare: u * 0.5, insertShare: u * 0.3 * r(), reorder: r() < 0.5, changeDistrict: r() < 0.7 };
    }
  }
  return { base, options };
}

/** Document n of a planted corpus. */
export function plantedProposal(corpus: SyntheticCorpus, layout: ReturnType<typeof plantedLayout>, n: number, prefix = 'p'): Proposal {
  const id = `${prefix}${n}`;
  const b = layout.base[n]!;
  if (b < 0) return corpus.proposal(corpus.spec(id, n * 2654435761));
  const original = corpus.spec(`${prefix}${b}`, b * 2654435761);
  return corpus.proposal(corpus.edit(original, id, n * 2246822519, layout.options[n]!));
}
