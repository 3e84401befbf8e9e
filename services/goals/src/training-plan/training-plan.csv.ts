import { Readable, pipeline } from 'node:stream';
import { stringify } from 'csv-stringify';
import type { Money, TrainingNeedSource } from '../development-plan/domain/development-plan.model';
import type { SiteTrainingPlan } from './site-training-plan';

/** One line of the School Training Plan export: one person's need at one site. */
export interface TrainingPlanRow {
  readonly siteName: string;
  readonly description: string;
  readonly personName: string;
  readonly neededBy: string;
  readonly source: TrainingNeedSource;
  readonly estimatedCost: Money | null;
}

const COLUMNS = [
  { key: 'site', header: 'Site' },
  { key: 'training', header: 'Training needed' },
  { key: 'person', header: 'Person' },
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

async function* records(rows: AsyncIterable<TrainingPlanRow> | Iterable<TrainingPlanRow>): AsyncGenerator<Record<string, string>> {
  for await (const row of rows) {
    yield {
      site: row.siteName,
      training: row.description,
      person: row.personName,
      neededBy: row.neededBy,
      source: row.source,
      cost: row.estimatedCost === null ? '' : formatAmount(row.estimatedCost),
      currency: row.estimatedCost?.currency ?? '',
    };
  }
}

/**
 * The School Training Plan as CSV, produced as the consumer reads it: rows are pulled from `rows` only under
 * backpressure, so an export of a whole county never sits in memory. Cells a spreadsheet would run as a formula
 * (= + - @) are prefixed with a quote; the byte order mark lets Excel read names with accents as UTF-8.
 */
export const trainingPlanCsv = (rows: AsyncIterable<TrainingPlanRow> | Iterable<TrainingPlanRow>, { bom = true }: { bom?: boolean } = {}): Readable =>
  // pipeline destroys the returned stream with any error of the source, so a failed read surfaces to the consumer.
  pipeline(
    Readable.from(records(rows), { highWaterMark: ROWS_AHEAD }),
    stringify({ header: true, columns: COLUMNS, escape_formulas: true, bom, record_delimiter: 'windows', writableHighWaterMark: ROWS_AHEAD, readableHighWaterMark: BYTES_AHEAD }),
    () => undefined,
  );

/** The rows of site plans in plan order: site, then training group, then person. */
export function* trainingPlanRows(plans: Iterable<SiteTrainingPlan>): Generator<TrainingPlanRow> {
  for (const plan of plans) {
    for (const group of plan.groups) {
      for (const person of group.people) {
        yield { siteName: plan.siteName, description: group.description, personName: person.personName, neededBy: person.neededBy, source: person.source, estimatedCost: person.estimatedCost };
      }
    }
  }
}
