// refresh() returns the same timer, with its ref state.
// Source: Node docs, timeout.refresh() ('Returns: a reference to timeout'); test/parallel/test-timers-refresh.js
'use strict';
const log = console.log;
const t = setTimeout(() => log('fired'), 1);
log('same timer:', t.refresh() === t);
t.unref(); t.refresh();
log('hasRef after unref and refresh:', t.hasRef());
setTimeout(() => {}, 5);
