import type { Readable } from 'node:stream';
import { formatAmount, trainingPlanCsv, type TrainingPlanRow } from './training-plan.csv';

const row = (overrides: Partial<TrainingPlanRow> = {}): TrainingPlanRow => ({
  siteName: 'North High',
  description: 'First aid',
  personId: 'p-bo',
  personName: 'Bo Li',
  staffNumber: 'E100',
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

const HEADER = 'Site,Training needed,Person,Staff number,Needed by,Source,Estimated cost,Currency\r\n';

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
          'North High,"Food hygiene, level 2","Zoë ""Z"" Ames",E100,2027-03-31,JOB_CHAT,125.50,GBP\r\n' +
          'South,First aid,Bo Li,E100,2027-09-01,DEVELOPMENT_PLAN,,\r\n' +
          'Tokyo,First aid,Bo Li,E100,2027-09-01,JOB_CHAT,5000,JPY\r\n',
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
    expect(csv).toBe(HEADER + `'@SUM(A1),"'=HYPERLINK(""http://evil.example"",""Click"")",'+44 1234,E100,'-1,JOB_CHAT,,\r\n`);
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

  it('closes with totals when asked: needs, people, and the costs summed per currency', async () => {
    const csv = (
      await bytesOf(
        trainingPlanCsv(
          [
            row({ estimatedCost: { amount: 12_550, currency: 'GBP' } }),
            row({ personId: 'p-al', estimatedCost: { amount: 450, currency: 'GBP' } }),
            row({ estimatedCost: { amount: 5_000, currency: 'JPY' } }),
            row({ personId: 'p-al' }),
          ],
          { bom: false, totals: true },
        ),
      )
    ).toString('utf8');
    expect(csv.split('\r\n').slice(-3)).toEqual(['Total,"4 needs, 1 without a cost",2 people,,,,130.00,GBP', 'Total,"4 needs, 1 without a cost",2 people,,,,5000,JPY', '']);
    expect((await bytesOf(trainingPlanCsv([], { bom: false, totals: true }))).toString('utf8')).toBe(HEADER + 'Total,"0 needs, 0 without a cost",0 people,,,,,\r\n');
  });

  it('formats minor units by the currency', () => {
    expect([formatAmount({ amount: 5, currency: 'GBP' }), formatAmount({ amount: 120_000, currency: 'EUR' }), formatAmount({ amount: 700, currency: 'JPY' }), formatAmount({ amount: 1_234, currency: 'KWD' })]).toEqual(['0.05', '1200.00', '700', '1.234']);
  });
});
