import { copyRatios, renderDirectoryImportMarkdown, type DirectoryImportBenchResult } from './directory-import.bench';

describe('directory import report', () => {
  const run = { rows: 100_000, fileMb: 11.1, seconds: 168, rowsPerSecond: 595.2, peakRssMb: 145.1, rssOverBaselineMb: 76, peakHeapMb: 64.9, liveHeapMb: 22.5, created: 100_000, rejected: 0, phases: { stage: 1.2, check: 1.5, apply: 165.3 } };
  const result: DirectoryImportBenchResult = {
    ...run,
    small: { ...run, rows: 10_000, fileMb: 1.1, seconds: 16.6, rowsPerSecond: 603, rssOverBaselineMb: 71 },
    reimport: { seconds: 1.6, rowsPerSecond: 62_500, changed: 0, unchanged: 100_000, phases: { stage: 1.2, check: 0.3, apply: 0.1 } },
    copy: { seconds: 0.2, runs: [0.21, 0.2, 0.19, 0.2, 0.22] },
    written: { events: 201_000, outbox: 201_000, mb: 420.5 },
    copyMb: 12.3,
    writeSeconds: 4.1,
    measuredAt: new Date('2026-12-01T22:00:00Z'),
    loadAverage: { before: '1.00, 1.00, 1.00', after: '2.00, 1.50, 1.20' },
  };

  it('shows both file sizes, their memory over baseline, and the no-change re-import', () => {
    const markdown = renderDirectoryImportMarkdown(result);
    expect(markdown).toContain('| small | 10,000 | 1.1 MB | 16.6 s | 603 | 145.1 MB | 71.0 MB | 64.9 MB | 22.5 MB |');
    expect(markdown).toContain('| large | 100,000 | 11.1 MB | 168.0 s | 595 | 145.1 MB | 76.0 MB | 64.9 MB | 22.5 MB |');
    expect(markdown).toContain('changed 0');
    expect(markdown).toContain('Peak RSS over the process\'s start: 71.0 MB for the small file, 76.0 MB for the large one; heap in use after full collections: 22.5 MB and 22.5 MB: neither grew with the file.');
  });

  it('sets both imports beside the raw COPY of the same file, against their targets, and explains a miss', () => {
    expect(copyRatios(result)).toEqual({ import: 840, reimport: 8 });
    const markdown = renderDirectoryImportMarkdown(result);
    expect(markdown).toContain('| Import 100,000 rows into an empty directory | 168.00 s | 0.200 s (COPY, median of 5) | 840.0x COPY | <= 30x | no |');
    expect(markdown).toContain('| The same file again, nothing changes | 1.60 s | 0.200 s (COPY, median of 5) | 8.0x COPY | <= 10x | yes |');
    expect(markdown).toContain('- **Import (840.0x COPY, target 30x).** 168.0 s against 0.200 s: read and stage 1.2 s, check 1.5 s, apply 165.3 s.');
    expect(markdown).toContain('| Only writing what the import wrote, server-side (information) | 4.10 s | 0.200 s (COPY, median of 5) | 20.5x COPY | - | - |');
    expect(markdown).not.toContain('- **Re-import');
  });

  it('says so when the server could not read the file for COPY', () => {
    const markdown = renderDirectoryImportMarkdown({ ...result, copy: { error: 'COPY could not read the file on the server: permission denied' } });
    expect(markdown).toContain('| Import 100,000 rows into an empty directory | 168.00 s | not measured | COPY could not read the file on the server: permission denied | <= 30x | no (not measured) |');
  });
});
