import { renderDirectoryImportMarkdown, type DirectoryImportBenchResult } from './directory-import.bench';

describe('directory import report', () => {
  it('shows both file sizes, their memory over baseline, and the no-change re-import', () => {
    const run = { rows: 100_000, fileMb: 11.1, seconds: 168, rowsPerSecond: 595.2, peakRssMb: 145.1, rssOverBaselineMb: 76, peakHeapMb: 64.9, created: 100_000, rejected: 0 };
    const result: DirectoryImportBenchResult = { ...run, small: { ...run, rows: 10_000, fileMb: 1.1, seconds: 16.6, rowsPerSecond: 603, rssOverBaselineMb: 71 }, reimport: { seconds: 32.9, rowsPerSecond: 3042, changed: 0, unchanged: 100_000 } };
    const markdown = renderDirectoryImportMarkdown(result);
    expect(markdown).toContain('| small | 10,000 | 1.1 MB | 16.6 s | 603 | 145.1 MB | 71.0 MB | 64.9 MB |');
    expect(markdown).toContain('| large | 100,000 | 11.1 MB | 168.0 s | 595 | 145.1 MB | 76.0 MB | 64.9 MB |');
    expect(markdown).toContain('changed 0');
  });
});
