// Preloaded into a server child by the "offline for 10 minutes" chaos case: moves the process's clock
// (Date, Date.now) forward by the number of milliseconds written in KEFU_CLOCK_OFFSET_FILE, re-read on
// SIGURG. Timers and performance.now keep real time. So ten minutes pass for everything the server
// stamps or checks by the clock (event times, token and session expiry) without waiting ten minutes.
'use strict';
const fs = require('node:fs');

const file = process.env.KEFU_CLOCK_OFFSET_FILE;
const RealDate = Date;
let offset = 0;
const read = () => {
  try {
    offset = Number(fs.readFileSync(file, 'utf8')) || 0;
  } catch {
    offset = 0;
  }
};
read();

class ShiftedDate extends RealDate {
  constructor(...args) {
    if (args.length === 0) super(RealDate.now() + offset);
    else super(...args);
  }
  static now() {
    return RealDate.now() + offset;
  }
}
globalThis.Date = ShiftedDate;
process.on('SIGURG', read);
