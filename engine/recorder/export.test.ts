// Export: jsonl is the canonical stream (hash-identical when nothing needs hiding), csv has one row per message
// with per-hop latencies; vehicle location is coarsened to ~1 km unless `precise`; no secret ever appears.
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { exportRun, type ExportFormat } from './export';
import { coarsenLocation } from './location-privacy';
import { Recorder } from './recorder';
import { doorbellRun } from './test-support/doorbell-run';
import { recordRun, tempDirPerTest } from './test-support/recording-fixtures';
import { RunBuilder } from './test-support/synthetic-run';

let file: string;
tempDirPerTest((d) => void (file = d.file('runs.db')));

function exported(format: ExportFormat, precise = false, run = 1): string {
  let out = '';
  exportRun({ file, run }, { format, precise, write: (chunk) => (out += chunk) });
  return out;
}

function recordDoorbell(withSecrets = false): void {
  const recorder = Recorder.open(file);
  recordRun(recorder, doorbellRun({ withSecrets }));
  recorder.close();
}

describe('exportRun jsonl', () => {
  it('writes one canonical event per line; with precise location it is the recorded stream itself', () => {
    recordDoorbell();
    const run = doorbellRun();
    const text = exported('jsonl', true);
    expect(text).toBe(run.events.map((e) => e.line + '\n').join(''));
    expect(createHash('sha256').update(text).digest('hex')).toBe(run.hash);
  });

  it('coarsens vehicle location to two decimals by default, and keeps everything else', () => {
    recordDoorbell();
    const text = exported('jsonl');
    expect(text).not.toContain('31.230416');
    expect(text).not.toContain('121.473701');
    expect(text).toContain('"Vehicle.CurrentLocation.Latitude":31.23');
    expect(text).toContain('"Vehicle.CurrentLocation.Longitude":121.47');
    expect(text).toContain('"position":{"lat":31.23,"lon":121.47}');
    expect(text).toContain('"speed":32.5');
    expect(text.split('\n').filter(Boolean)).toHaveLength(doorbellRun().events.length);
    for (const line of text.split('\n').filter(Boolean)) expect(() => JSON.parse(line)).not.toThrow();
  });

  it('never contains a secret', () => {
    recordDoorbell(true);
    for (const precise of [false, true]) {
      const text = exported('jsonl', precise) + exported('csv', precise);
      expect(text).not.toMatch(/hunter2|eyJhbGciOi|accessToken|password/);
    }
  });
});

describe('exportRun csv', () => {
  it('writes a header and one row per message with end-to-end and per-hop latencies', () => {
    recordDoorbell();
    const rows = exported('csv').trimEnd().split('\r\n');
    expect(rows[0]).toBe(
      'seq,message_id,trace_id,source,destination,topic,kind,architecture,status,failure,created_at_ms,completed_at_ms,e2e_ms,hop_count,' +
        'hop1_from,hop1_to,hop1_link,hop1_ms,hop2_from,hop2_to,hop2_link,hop2_ms,hop3_from,hop3_to,hop3_link,hop3_ms,payload',
    );
    expect(rows).toHaveLength(6);
    const climate = rows[2]!.split(',');
    expect(climate.slice(3, 14)).toEqual([
      'vehicle/car1', 'home/h1/climate.living_room', 'home/h1/climate/set', 'command', 'cloud-cloud', 'delivered', '', '1420', '1500', '80', '3',
    ]);
    expect(climate.slice(14, 26)).toEqual([
      'vehicle/car1', 'cloud/vehicle', 'cellular', '40', 'cloud/vehicle', 'cloud/home', 'internet', '25', 'cloud/home', 'home/h1/climate.living_room', 'home-broadband', '15',
    ]);
    // A one-hop failed message leaves the later hop columns empty; JSON payloads are quoted.
    expect(rows[5]).toMatch(/,failed,lost,.*,1,vehicle\/car1,cloud\/vehicle,cellular,45,,,,,,,,,"\{""position"":\{""lat"":31.23,""lon"":121.47\},""speed"":32.5\}"$/);
  });

  it('keeps precise location only when asked', () => {
    recordDoorbell();
    expect(exported('csv')).not.toContain('31.230416');
    expect(exported('csv', true)).toContain('""lat"":31.230416');
  });
});

describe('coarsenLocation', () => {
  it('rounds coordinates in every shape a location takes, and nothing else', () => {
    const { value, changed } = coarsenLocation({
      latitude: 31.230416, Longitude: 121.473701, lng: 1.23456, elevation: 12.3456,
      Vehicle: { CurrentLocation: { Latitude: 31.230416, Heading: 87.654 }, Speed: 12.3456 },
      signals: [{ path: 'Vehicle.CurrentLocation.Longitude', value: 121.473701 }, { path: 'Vehicle.Speed', value: 12.3456 }],
    });
    expect(value).toEqual({
      latitude: 31.23, Longitude: 121.47, lng: 1.23, elevation: 12.3456,
      Vehicle: { CurrentLocation: { Latitude: 31.23, Heading: 87.65 }, Speed: 12.3456 },
      signals: [{ path: 'Vehicle.CurrentLocation.Longitude', value: 121.47 }, { path: 'Vehicle.Speed', value: 12.3456 }],
    });
    expect(changed).toBe(6);
  });
});

describe('exportRun errors', () => {
  it('refuses an unknown format and names a missing run', () => {
    const recorder = Recorder.open(file);
    recordRun(recorder, new RunBuilder(1).at(1).event('doorbell.pressed', 'home/h1/doorbell').build());
    recorder.close();
    expect(() => exportRun({ file, run: 1 }, { format: 'xml' as ExportFormat, write: () => {} })).toThrow('unknown export format "xml"; use jsonl or csv');
    expect(() => exported('jsonl', false, 9)).toThrow(`${file}: run 9 not found`);
  });
});
