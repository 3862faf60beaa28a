import type { RuleKind } from '../../../shared/rules/ruleKinds';
import { budgetLineArithmetic, budgetSum, managementFee } from './budget';
import { noAdsOrLinks, pattern, phrases, placeholders, privacy } from './content';
import { consent, imageSource, imageSpec } from './images';
import { creditCode, filingNumber } from './organisations';
import { basicFacts, filingContents, fundraisingPeriod, length, manualCheck, required } from './presence';
import { disclosure, milestones } from './schedule';
import type { KindCompiler } from './types';

/** The check behind every rule kind: the mapped type makes a kind without a check a type error. */
export const COMPILERS: { [K in RuleKind]: KindCompiler<K> } = {
  phrases,
  pattern,
  required,
  length,
  budgetSum,
  budgetLineArithmetic,
  managementFee,
  milestones,
  disclosure,
  imageSpec,
  consent,
  creditCode,
  filingNumber,
  privacy,
  noAdsOrLinks,
  placeholders,
  fundraisingPeriod,
  filingContents,
  basicFacts,
  imageSource,
  manualCheck,
};
