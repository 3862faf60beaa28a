import { describe, expect, it } from 'vitest';
import {
  creditCodeCheckChar,
  creditCodeProblem,
  idNumberCheckChar,
  isValidCreditCode,
  isValidIdNumber,
  parseFilingNumber,
} from '../../src/shared/rules/checkCodes';
import { creditCode } from './helpers/rules';

describe('统一社会信用代码 (GB 32100-2015)', () => {
  it('accepts the real codes inside the 备案编号 seen on platform pages', () => {
    expect(isValidCreditCode('53330000501874064B')).toBe(true);
    expect(isValidCreditCode('53100000500021326D')).toBe(true);
    expect(creditCodeCheckChar('53330000501874064')).toBe('B');
    expect(creditCodeCheckChar('53100000500021326')).toBe('D');
  });

  it('accepts codes built by computing the check character, and rejects every other last character', () => {
    const charset = '0123456789ABCDEFGHJKLMNPQRTUWXY';
    for (const body of ['91500000MA5U12345', '52500103MJP67890Y', '12500000000000001', '5350000050000123X']) {
      const good = creditCode(body);
      expect(isValidCreditCode(good)).toBe(true);
      for (const ch of charset) {
        if (ch !== good[17]) expect(creditCodeProblem(body + ch)).toBe('check');
      }
    }
  });

  it('says why a code is invalid', () => {
    expect(creditCodeProblem('53330000501874064')).toBe('length');
    expect(creditCodeProblem('53330000501874064BB')).toBe('length');
    expect(creditCodeProblem('53330000I01874064B')).toBe('charset');
    expect(creditCodeProblem('53330000501874064Z')).toBe('charset');
    expect(creditCodeProblem('53330000501874065B')).toBe('check');
    // A transposition of two digits is caught.
    expect(creditCodeProblem('53330000510874064B')).toBe('check');
  });

  it('accepts lower-case letters and surrounding spaces as typed', () => {
    expect(isValidCreditCode(' 53330000501874064b ')).toBe(true);
  });
});

describe('居民身份证号码 (GB 11643-1999)', () => {
  it('accepts the standard example and numbers built with the computed check digit', () => {
    expect(isValidIdNumber('11010519491231002X')).toBe(true);
    expect(isValidIdNumber('11010519491231002x')).toBe(true);
    for (const body of ['50010119900307123', '50023520101231456', '44030419850615789']) {
      expect(isValidIdNumber(body + idNumberCheckChar(body)!)).toBe(true);
    }
  });

  it('rejects a wrong check digit, an impossible birth date or an unknown province', () => {
    expect(isValidIdNumber('110105194912310021')).toBe(false);
    const wrongDate = '50010119900230123'; // 30 February
    expect(isValidIdNumber(wrongDate + idNumberCheckChar(wrongDate)!)).toBe(false);
    const wrongProvince = '99010119900307123';
    expect(isValidIdNumber(wrongProvince + idNumberCheckChar(wrongProvince)!)).toBe(false);
    expect(isValidIdNumber('1101051949123100')).toBe(false);
  });

  it('does not take an 18-digit amount or order number for an ID number', () => {
    expect(isValidIdNumber('202611220000012345')).toBe(false);
    expect(isValidIdNumber('100000000000000000')).toBe(false);
  });
});

describe('募捐方案备案编号', () => {
  it('reads the numbers seen on platform pages', () => {
    expect(parseFilingNumber('53330000501874064BA18023')).toEqual({ creditCode: '53330000501874064B', letters: 'A', year: '18', seq: '023' });
    expect(parseFilingNumber('53100000500021326DA18051')?.creditCode).toBe('53100000500021326D');
  });

  it('does not read other shapes', () => {
    expect(parseFilingNumber('渝慈募备〔2024〕12号')).toBeNull();
    expect(parseFilingNumber('53330000501874064B')).toBeNull();
    expect(parseFilingNumber('53330000501874064BA18')).toBeNull();
  });
});
