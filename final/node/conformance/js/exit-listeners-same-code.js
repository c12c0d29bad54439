// Every 'exit' listener receives the same code, even if an earlier one changes process.exitCode; the process exits with the code as the listeners left it.
// Source: Node src/api/hooks.cc EmitProcessExit (reads process.exitCode once, emits 'exit' with it, then reads it again for the status)
'use strict';
const log = console.log;
process.exitCode = 2;
process.on('exit', (code) => { log('exit 1', code); process.exitCode = 9; });
process.on('exit', (code) => log('exit 2', code));
