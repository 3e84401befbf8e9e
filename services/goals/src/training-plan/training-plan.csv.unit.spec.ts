import type { Readable } from 'node:stream';
import { formatAmount, trainingPlanCsv, trainingPlanRows, type TrainingPlanRow } from './training-plan.csv';
import type { SiteTrainingPlan } from './site-training-plan';

const row = (overrides: Partial<TrainingPlanRow> = {}): TrainingPlanRow => ({
  siteName: 'North High',
  description: 'First aid',
  personName: 'Bo Li',
  neededBy: '2027-09-01',
  source: 'JOB_CHAT',
  estimatedCost: null,
  ...overrides,
});

async function* lazily<T>(items: T[]): AsyncGenerator<T> {
  for (const item of items) yield item;
}

const bytesOf = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks);
};

const HEADER = 'Site,Training needed,Person,Needed by,Source,Estimated cost,Currency\r\n';

describe('training plan CSV', () => {
  it('writes exactly these bytes for a small plan: BOM, header, RFC 4180 quoting, CRLF', async () => {
    const csv = await bytesOf(
      trainingPlanCsv(
        lazily([
          row({ description: 'Food hygiene, level 2', personName: 'Zoë "Z" Ames', neededBy: '2027-03-31', estimatedCost: { amount: 12_550, currency: 'GBP' } }),
          row({ siteName: 'South', source: 'DEVELOPMENT_PLAN' }),
          row({ siteName: 'Tokyo', estimatedCost: { amount: 5_000, currency: 'JPY' } }),
        ]),
      ),
    );
    const expected = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(
        HEADER +
          'North High,"Food hygiene, level 2","Zoë ""Z"" Ames",2027-03-31,JOB_CHAT,125.50,GBP\r\n' +
          'South,First aid,Bo Li,2027-09-01,DEVELOPMENT_PLAN,,\r\n' +
          'Tokyo,First aid,Bo Li,2027-09-01,JOB_CHAT,5000,JPY\r\n',
        'utf8',
      ),
    ]);
    expect(csv.toString('hex')).toBe(expected.toString('hex'));
  });

  it('leaves the byte order mark out when asked, and writes the header for an empty plan', async () => {
    expect((await bytesOf(trainingPlanCsv(lazily([]), { bom: false }))).toString('utf8')).toBe(HEADER);
  });

  it('makes cells that a spreadsheet would run as formulas safe', async () => {
    const csv = (await bytesOf(trainingPlanCsv([row({ description: '=HYPERLINK("http://evil.example","Click")', personName: '+44 1234', siteName: '@SUM(A1)', neededBy: '-1' })], { bom: false }))).toString('utf8');
    expect(csv).toBe(HEADER + `'@SUM(A1),"'=HYPERLINK(""http://evil.example"",""Click"")",'+44 1234,'-1,JOB_CHAT,,\r\n`);
  });

  it('streams: rows are pulled only as the consumer reads, never drained ahead of it', async () => {
    const total = 10_000;
    let yielded = 0;
    async function* many(): AsyncGenerator<TrainingPlanRow> {
      for (let i = 0; i < total; i += 1) {
        yielded += 1;
        yield row({ personName: `Person ${i}` });
      }
    }
    let rowsRead = -1; // the header line is not a row
    let chunks = 0;
    let yieldedAtFirstChunk = 0;
    let furthestAhead = 0;
    for await (const chunk of trainingPlanCsv(many())) {
      chunks += 1;
      if (chunks === 1) yieldedAtFirstChunk = yielded;
      rowsRead += (String(chunk).match(/\r\n/g) ?? []).length;
      furthestAhead = Math.max(furthestAhead, yielded - rowsRead);
      // A slow consumer: the producer gets every chance to run ahead if nothing holds it back.
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(rowsRead).toBe(total);
    expect(yielded).toBe(total);
    expect(chunks).toBeGreaterThan(10);
    // Bounded by the streams' buffers (16 KiB of ~50-byte rows plus 32 records), not by the size of the export.
    expect(yieldedAtFirstChunk).toBeLessThan(500);
    expect(furthestAhead).toBeLessThan(400);
  });

  it('fails the stream when reading the rows fails', async () => {
    async function* broken(): AsyncGenerator<TrainingPlanRow> {
      yield row();
      throw new Error('database went away');
    }
    await expect(bytesOf(trainingPlanCsv(broken()))).rejects.toThrow('database went away');
  });

  it('formats minor units by the currency', () => {
    expect([formatAmount({ amount: 5, currency: 'GBP' }), formatAmount({ amount: 120_000, currency: 'EUR' }), formatAmount({ amount: 700, currency: 'JPY' }), formatAmount({ amount: 1_234, currency: 'KWD' })]).toEqual(['0.05', '1200.00', '700', '1.234']);
  });

  it('flattens site plans into rows, site by site', () => {
    const plan: SiteTrainingPlan = {
      siteId: 's',
      siteName: 'South',
      groups: [
        {
          description: 'First aid',
          people: [{ needId: 'n1', personId: 'p1', personName: 'Al', siteId: 's', neededBy: '2027-01-01', estimatedCost: null, source: 'JOB_CHAT' }],
          earliestNeededBy: '2027-01-01',
          estimatedCost: [],
          needsWithoutCost: 1,
        },
      ],
      totals: { needs: 1, people: 1, estimatedCost: [], needsWithoutCost: 1 },
    };
    expect([...trainingPlanRows([plan])]).toEqual([{ siteName: 'South', description: 'First aid', personName: 'Al', neededBy: '2027-01-01', source: 'JOB_CHAT', estimatedCost: null }]);
  });
});
