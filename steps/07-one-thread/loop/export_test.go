package loop

// IOCalls returns how many times the loop has told the OS what a watcher
// wants (Register, Reregister, Deregister).
