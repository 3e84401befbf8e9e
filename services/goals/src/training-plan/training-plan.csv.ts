import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Money, TrainingNeedSource } from '../development-plan/domain/development-plan.model';

/** One line of the School Training Plan export: one person's need at one site. */
export interface TrainingPlanRow {
  readonly siteName: string;
  readonly description: string;
  readonly personId: string;
  readonly personName: string;
  readonly staffNumber: string;
  readonly neededBy: string;
  readonly source: TrainingNeedSource;
  readonly estimatedCost: Money | null;
}

const COLUMNS = [
  { key: 'site', header: 'Site' },
  { key: 'training', header: 'Training needed' },
  { key: 'person', header: 'Person' },
  { key: 'staffNumber', header: 'Staff number' },
  { key: 'neededBy', header: 'Needed by' },
  { key: 'source', header: 'Source' },
  { key: 'cost', header: 'Estimated cost' },
  { key: 'currency', header: 'Currency' },
];

// How far the export may run ahead of a slow reader: a few hundred rows, whatever the size of the plan.
const ROWS_AHEAD = 16;
const BYTES_AHEAD = 16 * 1024;

const minorDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Minor units as a plain decimal ("12550" GBP is "125.50"): no grouping or symbol, so spreadsheets read a number. */
export const formatAmount = ({ amount, currency }: Money): string => {
  const digits = minorDigits(currency);
  const sign = amount < 0 ? '-' : '';
  const text = String(Math.abs(amount)).padStart(digits + 1, '0');
  return digits === 0 ? `${sign}${text}` : `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
};

async function* records(rows: AsyncIterable<TrainingPlanRow> | Iterable<TrainingPlanRow>, totals: boolean): AsyncGenerator<Record<string, string>> {
  let needs = 0;
  let withoutCost = 0;
  const people = new Set<string>();
  const sums = new Map<string, number>();
  for await (const row of rows) {
    needs += 1;
    people.add(row.personId);
    if (row.estimatedCost === null) withoutCost += 1;
    else sums.set(row.estimatedCost.currency, (sums.get(row.estimatedCost.currency) ?? 0) + row.estimatedCost.amount);
    yield {
      site: row.siteName,
      training: row.description,
      person: row.personName,
      staffNumber: row.staffNumber,
      neededBy: row.neededBy,
      source: row.source,
      cost: row.estimatedCost === null ? '' : formatAmount(row.estimatedCost),
      currency: row.estimatedCost?.currency ?? '',
    };
  }
  if (!totals) return;
  // Counted as the rows go by, so the totals cost no second read; one line per currency, as costs never mix.
  const counts = { site: 'Total', training: `${needs} needs, ${withoutCost} without a cost`, person: `${people.size} people`, staffNumber: '', neededBy: '', source: '' };
  const currencies = [...sums].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  if (currencies.length === 0) yield { ...counts, cost: '', currency: '' };
  for (const [currency, amount] of currencies) yield { ...counts, cost: formatAmount({ amount, currency }), currency };
}

/**
 * The School Training Plan as CSV, produced as the consumer reads it: rows are pulled from `rows` only under
 * backpressure, so an export of a whole county never sits in memory. Cells a spreadsheet would run as a formula
 * (= + - @) are prefixed with a quote; the byte order mark lets Excel read names with accents as UTF-8. With
 * `totals`, closing lines count the needs and people and sum the costs per currency.
 */
export const trainingPlanCsv = (rows: AsyncIterable<TrainingPlanRow> | Iterable<TrainingPlanRow>, { bom = true, totals = false }: { bom?: boolean; totals?: boolean } = {}): Readable =>
  // pipeline destroys the returned stream with any error of the source, so a failed read surfaces to the consumer.
  pipeline(
    Readable.from(records(rows, totals), { highWaterMark: ROWS_AHEAD }),
    stringify({ header: true, columns: COLUMNS, escape_formulas: true, bom, record_delimiter: 'windows', writableHighWaterMark: ROWS_AHEAD, readableHighWaterMark: BYTES_AHEAD }),
    () => undefined,
  );
