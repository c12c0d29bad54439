// Only the first resolve or reject counts.
// Source: ECMAScript 27.2.1.3 CreateResolvingFunctions (alreadyResolved)
'use strict';
const log = console.log;
new Promise((resolve, reject) => { resolve('first'); resolve('second'); reject(new Error('late')); })
  .then((v) => log('value', v), () => log('rejected'));
