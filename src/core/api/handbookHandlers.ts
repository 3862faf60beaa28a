import { strToU8, zipSync } from 'fflate';
import { focusAreaLabel, sectionLabel } from '../../shared/domain/catalog';
import { AppError } from '../../shared/errors';
import type { handbookMethods } from '../../shared/api/methods/handbook';
import type { HandbookPackage, Template } from '../../shared/handbook/schema';
import { stepOfSection, type StepId } from '../../shared/handbook/steps';
import { assessProposal } from '../handbook/assess';
import { proposalFromTemplate } from '../handbook/fromTemplate';
import { packageToFiles } from '../handbook/readPackage';
import { sampleIdOf, sampleProposalId } from '../handbook/samples';
import type { HandbookService } from '../handbook/service';
import { TrainerPin, trainerPinPathFor } from '../handbook/trainerPin';
import { exerciseStatus, Workshop, workshopPathFor } from '../handbook/workshop';
import type { Handlers } from './dispatch';
import type { CoreContext } from './context';

type HandbookMethod = keyof typeof handbookMethods;

function templateFor(pkg: HandbookPackage, templateId: string | null, focusArea: string | null): Template | null {
  return (templateId ? pkg.templates.find((t) => t.id === templateId) : undefined) ?? pkg.templates.find((t) => t.focusArea === focusArea) ?? null;
}

/** Typical entries of a step's structured part, from the template, shown as examples in the guide. */
function stepExamples(t: Template, step: StepId): string[] {
  switch (step) {
    case 'beneficiaries':
      return t.beneficiaryTypes.map((b) => `${b.type}：${b.note}`);
    case 'budget':
      return [
        ...t.budget.categories.map((c) => `类别「${c.name}」：${c.note}`),
        ...t.budget.exampleLines.map((l) => `示例：${l.item}（${l.category}）${l.unitPriceYuan} 元/${l.unit} × ${l.quantity}，${l.note}`),
        ...t.budget.tips,
      ];
    case 'plan':
      return t.milestones.map((m) => `${m.when}：${m.title}——${m.detail}`);
    case 'images':
      return t.imageTips;
    default:
      return [];
  }
}

export function handbookHandlers(ctx: CoreContext, hb: HandbookService): Pick<Handlers, HandbookMethod> {
  const { lib } = ctx;
  const current = () => hb.current().pkg;
  let ws: Workshop | null = null;
  const workshop = () => (ws ??= new Workshop(ctx.workshopPath ?? workshopPathFor(lib.path), current));
  const trainerPin = new TrainerPin(trainerPinPathFor(ctx.workshopPath ?? lib.path));
  const template = (id: string) => {
    const t = current().templates.find((x) => x.id === id);
    if (!t) throw new AppError('NOT_FOUND', `模板「${id}」不存在（可能已在新版手册中删除）`);
    return t;
  };
  const statusOf = (sampleId: string, proposal: Parameters<typeof exerciseStatus>[1]) =>
    exerciseStatus(workshop().sample(sampleId), proposal, current());

  return {
    'handbook.get': () => {
      const { pkg, source, warnings } = hb.current();
      return { version: pkg.version, date: pkg.date, title: pkg.title, intro: pkg.intro, changelog: pkg.changelog, steps: pkg.steps, source, warnings };
    },
    'handbook.guide': ({ sectionId, stepId, templateId, focusArea }) => {
      const pkg = current();
      const stepIdResolved = stepId ?? stepOfSection(sectionId!);
      const step = pkg.steps.find((s) => s.id === stepIdResolved)!;
      const section = sectionId && stepOfSection(sectionId) === step.id ? sectionId : null;
      const t = templateFor(pkg, templateId, focusArea);
      return {
        version: pkg.version,
        step: { id: step.id, order: pkg.steps.indexOf(step) + 1, title: step.title, summary: step.summary },
        section: section ? { id: section, label: sectionLabel(section) } : null,
        page: (section && step.sectionPages[section]) || step.page,
        area: t && {
          templateId: t.id,
          templateName: t.name,
          focusArea: t.focusArea,
          prompts: section ? t.sections[section].prompts : [],
          guidance: t.guidance[step.id] ?? [],
          pitfalls: t.pitfalls.filter((p) => p.step === step.id).map((p) => p.text),
          examples: stepExamples(t, step.id),
        },
      };
    },
    'handbook.templates': ({ focusArea }) => {
      const pkg = current();
      return {
        version: pkg.version,
        items: pkg.templates
          .filter((t) => focusArea === null || t.focusArea === focusArea)
          .map((t) => ({
            id: t.id,
            focusArea: t.focusArea,
            focusAreaLabel: focusAreaLabel(t.focusArea),
            name: t.name,
            description: t.description,
            beneficiaryTypes: t.beneficiaryTypes.map((b) => b.type),
            budgetCategories: t.budget.categories.map((c) => c.name),
            milestones: t.milestones.map((m) => m.title),
            pitfalls: t.pitfalls.map((p) => p.text),
          })),
      };
    },
    'handbook.template': ({ id }) => ({ version: current().version, template: template(id) }),
    'handbook.createFromTemplate': ({ templateId, title, district }) =>
      lib.proposals.insert(proposalFromTemplate(template(templateId), current().version, { title, district })),
    'handbook.assess': ({ proposal, findings }) => assessProposal(proposal, current(), findings),
    'handbook.changes': ({ proposal }) => hb.changesFor(proposal),
    'handbook.acknowledge': ({ proposalId }) => hb.acknowledge(proposalId),
    'handbook.import': ({ dataBase64, json, dryRun }) =>
      hb.import(dataBase64 !== undefined ? Buffer.from(dataBase64, 'base64') : strToU8(json!), dryRun),
    'handbook.export': () => {
      const pkg = current();
      const entries: Record<string, Uint8Array> = {};
      for (const [path, text] of packageToFiles(pkg)) entries[`handbook/${path}`] = strToU8(text);
      return { fileName: `善策手册-${pkg.version}.zip`, dataBase64: Buffer.from(zipSync(entries)).toString('base64'), version: pkg.version };
    },
    'handbook.versions': () => ({
      items: hb.versions().map(({ version, date, source, addedAt, current: isCurrent }) => ({ version, date, source, addedAt, current: isCurrent })),
    }),

    'workshop.samples': ({ focusArea }) => ({
      version: current().version,
      items: workshop()
        .list()
        .filter((s) => focusArea === null || s.focusArea === focusArea),
    }),
    'workshop.open': async ({ sampleId }) => {
      const proposal = await workshop().open(sampleId);
      const sample = workshop()
        .list()
        .find((s) => s.id === sampleId)!;
      return { proposal, sample, status: statusOf(sampleId, proposal) };
    },
    'workshop.save': ({ proposal }) => {
      const saved = workshop().save(proposal);
      return { ...saved, status: statusOf(sampleIdOf(proposal.id)!, saved.proposal) };
    },
    'workshop.reset': async ({ sampleId }) => {
      const proposal = await workshop().reset(sampleId);
      return { proposal, status: statusOf(sampleId, proposal) };
    },
    'workshop.status': ({ sampleId, proposal }) => {
      const p = proposal ?? workshop().stored(sampleId);
      if (!p) throw new AppError('NOT_FOUND', '请先打开这个培训样例');
      if (p.id !== sampleProposalId(sampleId)) throw new AppError('INVALID_INPUT', '提交的项目不是这个培训样例');
      return statusOf(sampleId, p);
    },
    'workshop.image': ({ sha256 }) => {
      const img = workshop().image(sha256);
      return { mime: img.mime, dataBase64: img.data.toString('base64') };
    },
    'workshop.solution': ({ sampleId, problemId, pin }) => {
      trainerPin.require(pin);
      const problem = workshop()
        .sample(sampleId)
        .problems.find((p) => p.id === problemId);
      if (!problem) throw new AppError('NOT_FOUND', `样例中没有问题「${problemId}」`);
      return { problemId, hint: problem.hint, changes: problem.solution };
    },
    'workshop.trainer': ({ pin }) => ({ pinSet: trainerPin.isSet(), pinOk: trainerPin.verify(pin) }),
    'workshop.setPin': ({ pin, current }) => {
      trainerPin.set(pin, current);
      return { pinSet: true };
    },
  };
}
