'use strict';
// The SMTP side of the mail transport, in a worker thread (see smtp-thread-transport.ts): building
// MIME and writing it to the sockets is most of the CPU an e-mail costs, and here it runs beside
// the main thread (jobs, database, rendering) instead of taking turns with it. Plain CommonJS so
// that it runs as is from src/ (tests) and dist/ (copied by scripts/copy-assets.js).
const { parentPort, workerData } = require('node:worker_threads');
const nodemailer = require(workerData.nodemailerPath);

const transporter = nodemailer.createTransport(workerData.smtpUrl);

// Only what the caller reads of an error crosses back: its message and SMTP details.
function describe(error) {
  if (!(error instanceof Error)) return { message: String(error) };
  return { name: error.name, message: error.message, code: error.code, responseCode: error.responseCode, command: error.command };
}

parentPort.on('message', (request) => {
  if (request.type === 'close') {
    transporter.close();
    parentPort.close();
    return;
  }
  transporter.sendMail(request.message).then(
    (info) => parentPort.postMessage({ id: request.id, messageId: info.messageId }),
    (error) => parentPort.postMessage({ id: request.id, error: describe(error) }),
  );
});
