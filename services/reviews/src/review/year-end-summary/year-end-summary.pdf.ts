import * as path from 'node:path';
import pdfmake from 'pdfmake';
import type { TFontDictionary } from 'pdfmake/interfaces';
import { yearEndSummaryDocument } from './year-end-summary.document';
import type { YearEndSummary } from './year-end-summary.model';

export type { YearEndSummary } from './year-end-summary.model';

// Roboto as shipped inside pdfmake, so the service image needs no font of its own; pdfkit embeds a subset of it.
const fontFolder = path.join(path.dirname(require.resolve('pdfmake/package.json')), 'fonts', 'Roboto');
const FONTS = {
  Roboto: {
    normal: path.join(fontFolder, 'Roboto-Regular.ttf'),
    bold: path.join(fontFolder, 'Roboto-Medium.ttf'),
    italics: path.join(fontFolder, 'Roboto-Italic.ttf'),
    bolditalics: path.join(fontFolder, 'Roboto-MediumItalic.ttf'),
  },
} satisfies TFontDictionary;
const fontFiles = new Set<string>(Object.values(FONTS.Roboto));

// pdfmake's Node entry point exports one shared instance; a private one of the same class keeps these fonts and
// access policies from being changed by, or imposed on, other code in the process.
const PdfmakeNode = Object.getPrototypeOf(pdfmake).constructor as new () => typeof pdfmake;
const printer = new PdfmakeNode();
printer.addFonts(FONTS);
// The summary never fetches anything and reads only its fonts, so no free text can make it open a URL or a file.
printer.setUrlAccessPolicy(() => false);
printer.setLocalAccessPolicy((file) => fontFiles.has(file));

/**
 * Renders form 5240F3 as a PDF. The same summary always gives the same bytes (with this pdfmake version): the
 * document's dates come from `filedOn` and pdfkit derives the file id from that metadata.
 */
export const renderYearEndSummary = async (summary: YearEndSummary): Promise<Buffer> =>
  printer.createPdf(yearEndSummaryDocument(summary)).getBuffer();
