'use strict';
// print writes one trace line as final/console does: "Thread: NAME<TAB> message".
exports.print = (thread, msg) => process.stdout.write(`Thread: ${thread}\t ${msg}\n`);
exports.log = (msg) => exports.print('main', msg);
