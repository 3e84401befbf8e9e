import { pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';

// unpdf loads PDF.js with a dynamic import() of an ES module, which Jest's CommonJS sandbox refuses without
// --experimental-vm-modules; a worker thread has Node's own module loader, so the extraction runs there.
const EXTRACT = `
const { parentPort, workerData } = require('node:worker_threads');
import(workerData.unpdf).then(async ({ getDocumentProxy, extractText }) => {
  const pdf = await getDocumentProxy(workerData.bytes);
  try {
    const { text } = await extractText(pdf, { mergePages: true });
    parentPort.postMessage(text);
  } finally {
    await pdf.loadingTask.destroy();
  }
});
`;

/** The text of every page of a PDF, pages joined by newlines, for tests to assert on what a reader would see. */
export const pdfText = (buffer: Buffer): Promise<string> =>
  new Promise<string>((resolve, reject) => {
    const worker = new Worker(EXTRACT, {
      eval: true,
      workerData: { unpdf: pathToFileURL(require.resolve('unpdf')).href, bytes: new Uint8Array(buffer) },
    });
    worker.once('message', (text: string) => {
      resolve(text);
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`PDF text extraction stopped (exit code ${code}) before it answered.`)));
  });
