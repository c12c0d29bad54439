// An uncaughtException handler that itself throws ends the process with status 7, and 'exit' is not emitted.
// Source: Node docs, 'Exit codes' (7 Internal Exception Handler Run-Time Failure); src/node_errors.cc TriggerUncaughtException (calls process._fatalException in a kFatal TryCatchScope, whose destructor calls env->Exit(ExitCode::kExceptionInFatalExceptionHandler), which emits no 'exit')
'use strict';
const log = console.log;
process.on('exit', (code) => log('never exit', code));
process.on('uncaughtException', (e) => { log('handler', e.message); throw new Error('in handler'); });
setTimeout(() => { log('throws'); throw new Error('boom'); }, 1);
setTimeout(() => log('never'), 20);
