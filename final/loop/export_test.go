package loop

// IOCalls returns how many times the loop has told the OS what a watcher
// wants (Register, Reregister, Deregister).
func IOCalls(rt *Runtime) int { return rt.ioCalls } //step:streams
