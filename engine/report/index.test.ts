import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { XMLValidator } from 'fast-xml-parser';
import { afterAll, describe, expect, it } from 'vitest';
import { reportFormatOf, writeJunit, writeReport } from './index';
import { failingLocal, gridRun, passingCloud } from './test-support/run-results';

const dir = mkdtempSync(join(tmpdir(), 'twinbench-report-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeReport', () => {
  it('picks the format from the extension and creates the folder', () => {
    expect(writeReport(join(dir, 'out/report.json'), [gridRun])).toBe('json');
    expect(JSON.parse(readFileSync(join(dir, 'out/report.json'), 'utf8'))).toEqual(gridRun);
    expect(writeReport(join(dir, 'report.md'), [passingCloud, failingLocal])).toBe('markdown');
    expect(readFileSync(join(dir, 'report.md'), 'utf8')).toMatch(/^# Twinbench evaluation report: Home mode on approach/);
    expect(writeReport(join(dir, 'REPORT.HTML'), [gridRun])).toBe('html');
    expect(readFileSync(join(dir, 'REPORT.HTML'), 'utf8')).toMatch(/^<!DOCTYPE html>/);
  });

  it('refuses another extension with the list of those it supports', () => {
    expect(() => writeReport(join(dir, 'report.pdf'), [gridRun])).toThrow(
      /report\.pdf: the extension "\.pdf" is not a report format\. Use one of \.json, \.md, \.markdown, \.html, \.htm/,
    );
    expect(() => reportFormatOf('report')).toThrow(/has no extension/);
  });
});

describe('writeJunit', () => {
  it('writes valid JUnit XML', () => {
    const path = join(dir, 'junit/results.xml');
    writeJunit(path, [passingCloud, failingLocal]);
    const xml = readFileSync(path, 'utf8');
    expect(XMLValidator.validate(xml)).toBe(true);
    expect(xml).toContain('<testsuites name="twinbench" tests="5" failures="2"');
  });
});
