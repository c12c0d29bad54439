// hasRef() is true by default, false after unref(), true after ref(), on timers and immediates.
// Source: Node docs, timeout.hasRef(), immediate.hasRef(); libuv test/test-ref.c (has_ref)
'use strict';
const log = console.log;
const t = setTimeout(() => {}, 1);
log('timer', t.hasRef(), t.unref().hasRef(), t.ref().hasRef());
const i = setImmediate(() => {});
log('immediate', i.hasRef(), i.unref().hasRef(), i.ref().hasRef());
