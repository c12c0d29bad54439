package main

// The pictures of chapters 01 to 04, and two of the Going-further part
// (the drain order and the write queue). Names are the code's:
// chapters/01-poll/minimio, chapters/02-threadpool/pool.go,
// chapters/04-modules (runtime.go, modules.go), final/loop (ticks.go,
// net.go).

// minimio is the event queue's shape (01-event-queue.md): a Poll and its
// Registrator share the selector and the closed flag; one thread polls,
// another registers and closes; closing sets the flag, then wakes the
// selector through its wake-up source.
func minimio() *figure {
	f := &figure{name: "minimio", w: 760, h: 470,
		title: "minimio: one thread polls, another registers",
		desc: "New returns a Poll, and Poll.Registrator a Registrator; the two share the selector (an epoll instance, a kqueue or an I/O completion port) and an atomic closed flag. " +
			"The main thread registers each stream with its token through the Registrator; a registration is one-shot. " +
			"The epoll thread blocks in Poll.Poll, in the selector's wait, and gets back the tokens of the streams that are ready. " +
			"To stop it, the main thread calls Registrator.Close, which first sets the closed flag, then wakes the selector by its wake-up source, registered under the reserved token: " +
			"an eventfd with epoll, a pipe with kqueue, a posted packet with IOCP. The wait returns, Poll sees the flag and returns ErrClosed, and the thread exits."}
	f.box(20, 20, 230, 70, blue, "*main thread", "registers the streams,", "closes the queue at the end")
	f.box(510, 20, 230, 70, orange, "*epoll thread", "loops in `Poll` until", "it returns `ErrClosed`")
	f.box(20, 170, 200, 76, blue, "*Registrator", "`Register(stream,`", "`token, Readable)`", "`Close()`")
	f.box(300, 170, 160, 76, purple, "*shared by both", "`sel *selector`", "`closed`, atomic")
	f.box(540, 170, 200, 76, orange, "*Poll", "`Poll(&events, timeout)`", "waits in the selector;", "`Close()` frees it")
	f.region(20, 300, 720, 160, "selector")
	f.box(40, 340, 330, 100, grey, "*an epoll instance, a kqueue,", "or a completion port:", "the streams, one-shot: an event,", "then silence until registered again")
	f.box(390, 340, 330, 100, grey, "*its wake-up source", "reserved token (all bits set)", "`eventfd` (epoll), a pipe (kqueue),", "a posted packet (IOCP)")
	f.line("calls", 120, 130, pt{120, 90}, pt{120, 170})
	f.line("tokens, or `ErrClosed`", 640, 122, pt{640, 170}, pt{640, 90})
	f.line("Close: 1 set", 260, 152, pt{220, 190}, pt{300, 190})
	f.line("4 read after each wait", 500, 155, pt{540, 208}, pt{460, 208})
	f.line("Register", 160, 273, pt{160, 246}, pt{160, 340})
	f.line("Close: 2 `wake()`", 330, 273, pt{205, 246}, pt{205, 290}, pt{500, 290}, pt{500, 340})
	f.line("3 its wait returns", 640, 273, pt{640, 340}, pt{640, 246})
	return f
}

// pool is chapter 02's pool (02-thread-pool.md), as chapters 03 and 04
// use it: four locked OS threads, each with its own unbuffered tasks
// channel; main keeps the free ones as a stack and sends to the top one;
// every thread hands its result to deliver, which the pool's owner gives.
func pool() *figure {
	f := &figure{name: "pool", w: 760, h: 330,
		title: "The thread pool: four threads, a channel each, a stack of free ones",
		desc: "The main thread keeps the free pool threads as a stack, available, starting as 0 1 2 3, and sends each task to the thread on top, with Pool.Send, on that thread's own unbuffered tasks channel: pool3 first, then pool2. " +
			"Each pool thread is locked to its OS thread; it receives a task, runs it, and hands the result (its thread number, the callback id and the value) to deliver, " +
			"a function the pool's owner gives NewPool: in chapter 02 it sends on main's results channel, in chapters 03 and 04 on the runtime's events channel. " +
			"Main takes the result and puts the thread back on top of the stack."}
	f.box(20, 110, 200, 110, blue, "*main", "free threads, a stack:", "`available` = [0 1 2 3]", "sends to the top one", "(pool3 first)")
	f.region(330, 10, 410, 220, "pool threads, each locked to an OS thread")
	for i := range 4 {
		y := 50 + float64(i)*44
		f.box(350, y, 120, 38, purple, "`tasks` chan")
		f.box(490, y, 230, 38, green, "*pool"+string(rune('0'+i))+": runs its tasks")
	}
	for _, y := range []float64{69, 113, 157, 201} {
		f.line("", 0, 0, pt{470, y}, pt{490, y})
	}
	f.line("`Pool.Send(i, task)`", 210, 30, pt{120, 110}, pt{120, 30}, pt{300, 30}, pt{300, 201}, pt{350, 201})
	for _, y := range []float64{69, 113, 157} {
		f.line("", 0, 0, pt{300, y}, pt{350, y})
	}
	f.box(330, 262, 410, 56, purple, "*`deliver(Result)`", "02: main's `results` · 03, 04: the runtime's `events`")
	f.line("", 0, 0, pt{605, 230}, pt{605, 262})
	f.line("thread, callback id, value;\nthe thread goes back on the stack", 180, 270, pt{330, 290}, pt{120, 290}, pt{120, 220})
	return f
}

// callbackLife follows one Fs.Read in chapter 04 (04-modules.md): from the
// call on main, through a pool thread and the events channel, to the
// callback on main in a later tick.
func callbackLife() *figure {
	f := &figure{name: "callback-life", w: 760, h: 420,
		title: "One callback's life: Fs.Read, from main to a pool thread and back",
		desc: "1 On the main thread, the program calls Fs.Read(path, cb); registerEventThreadpool files cb under a new callback id in callbacks and counts one more pending event. " +
			"2 It takes the free thread on top of availableThreads and sends it the task, with the callback id, on that thread's tasks channel. " +
			"3 The pool thread runs the task: it sleeps a second and reads the file, while the main thread goes on with its ticks. " +
			"4 It hands the result to deliver, which sends a ThreadpoolEvent on the runtime's events channel. " +
			"5 In a later tick's poll phase, main receives it, appends the callback id and the value to callbacksToRun, and puts the thread back on the stack. " +
			"6 runCallbacks takes cb out of callbacks, counts one pending event less, and calls cb with the file's text, on the main thread."}
	f.region(10, 10, 740, 150, "main thread")
	f.box(30, 48, 210, 96, blue, "*1 `Fs.Read(path, cb)`", "`registerEventThreadpool`:", "`cb` in `callbacks` under", "a new id; `pendingEvents++`")
	f.box(260, 48, 225, 96, blue, "*5 a later poll phase", "`pollEvents` receives it:", "id and value to", "`callbacksToRun`; the", "thread back on the stack")
	f.box(505, 48, 225, 96, blue, "*6 `runCallbacks`", "takes `cb` from `callbacks`,", "`pendingEvents--`,", "`cb(value)`: the file's text,", "on the main thread")
	f.box(260, 196, 225, 56, purple, "*`events`", "`chan PollEvent`")
	f.region(10, 290, 740, 120, "a pool thread")
	f.box(30, 326, 210, 70, green, "*its `tasks` channel", "`Task{Run, CallbackID,`", "`Kind: FileRead}`")
	f.box(260, 326, 225, 70, green, "*3 `task.Run()`", "sleeps 1 s, reads the file", "while main ticks on")
	f.box(505, 326, 225, 70, green, "*4 `deliver(Result)`", "a `ThreadpoolEvent`:", "thread, callback id, value")
	f.line("2 `pool.Send` to the top\nof the stack (pool3 first)", 150, 235, pt{150, 144}, pt{150, 326})
	f.line("", 0, 0, pt{240, 361}, pt{260, 361})
	f.line("", 0, 0, pt{485, 361}, pt{505, 361})
	f.line("", 0, 0, pt{617, 326}, pt{617, 224}, pt{485, 224})
	f.line("", 0, 0, pt{372, 196}, pt{372, 144})
	f.line("", 0, 0, pt{485, 96}, pt{505, 96})
	return f
}

// drainOrder is what runs between two callbacks (final-queues.md;
// final/loop/ticks.go invoke and drain): all nextTicks, all microtasks,
// again while either queue has work, then the next callback.
func drainOrder() *figure {
	f := &figure{name: "drain-order", w: 760, h: 330,
		title: "After every callback: all nextTicks, all microtasks, repeat",
		desc: "After the program and after every callback (a timer, an immediate, a pool or I/O callback), the loop runs the whole nextTick queue, including the ticks those ticks queue; " +
			"then the whole microtask queue, promise reactions included, and the microtasks they queue; then it reports promises rejected with no handler. " +
			"If that queued new nextTicks, or reported a rejection, it goes round again. Only when both queues are empty does the phase go on to its next callback. " +
			"A nextTick that always queues another one never lets the loop reach its next callback."}
	f.box(20, 30, 220, 80, blue, "*one callback", "a timer, an immediate,", "a pool or I/O callback,", "or the program itself")
	f.box(280, 30, 200, 80, purple, "*every nextTick", "`process.nextTick`,", "and those they queue")
	f.box(520, 30, 220, 80, purple, "*every microtask", "promise reactions,", "`queueMicrotask`,", "and those they queue")
	f.box(520, 170, 220, 66, grey, "*report the promises", "rejected with no handler")
	f.box(280, 170, 200, 66, orange, "*new nextTicks, or a", "rejection reported?")
	f.box(20, 170, 180, 66, blue, "*the phase's", "next callback")
	f.line("", 0, 0, pt{240, 70}, pt{280, 70})
	f.line("", 0, 0, pt{480, 70}, pt{520, 70})
	f.line("", 0, 0, pt{630, 110}, pt{630, 170})
	f.line("", 0, 0, pt{520, 203}, pt{480, 203})
	f.line("yes: again", 380, 140, pt{380, 170}, pt{380, 110})
	f.line("no", 240, 203, pt{280, 203}, pt{200, 203})
	f.box(20, 266, 720, 50, grey, "a nextTick that always queues another never lets the loop", "reach its next callback, timer or I/O: it starves them, as in Node")
	return f
}

// writeQueue is final/'s connection writing (final-serving.md;
// final/loop/net.go Write, enqueue, flush, register): what the socket
// takes goes now, the rest waits in the connection's queue for Writable;
// a write's callback runs once its last byte is with the OS, which is
// the back-pressure a program can wait on.
func writeQueue() *figure {
	f := &figure{name: "write-queue", w: 760, h: 470,
		title: "The write queue and back-pressure",
		desc: "Write(data, cb) on the loop thread: if bytes are already queued, data goes to the end of the queue, so bytes never overtake each other. " +
			"Otherwise the socket takes what fits in its send buffer at once; if that is all of it, cb runs in the next tick. " +
			"If the socket takes only part and says it would block, a copy of the rest goes to the queue, cb waits with it, and the connection registers for Writable. " +
			"When the peer reads, room appears in the send buffer, a Writable event comes, and flush sends from the queue until the socket would block again, " +
			"running the callback of each write whose last byte has been handed to the OS. " +
			"A slow reader keeps the send buffer full, so Writable comes late and so do the callbacks: a program that writes its next chunk from a write's callback goes at the reader's pace. That is back-pressure."}
	f.box(20, 20, 230, 70, blue, "*`Write(data, cb)`", "on the loop thread;", "`data` may be reused at once")
	f.box(290, 20, 200, 70, orange, "*bytes already queued?")
	f.box(530, 12, 210, 86, purple, "*the queue `out`", "copies of the bytes,", "each `cb` by where", "its bytes end")
	f.box(290, 140, 200, 76, grey, "*`stream.Write(data)`", "the socket takes what", "fits in its send buffer")
	f.box(20, 140, 230, 76, blue, "*all taken:", "`cb` in the next tick", "(never before `Write`", "returns)")
	f.box(530, 140, 210, 76, purple, "*the rest, and `cb`,", "to the queue;", "register `Writable`")
	f.region(20, 250, 720, 100, "the kernel")
	f.box(40, 284, 300, 52, grey, "*the socket's send buffer", "full while the peer is slow")
	f.box(420, 284, 300, 52, grey, "*the peer", "reads when it likes")
	f.box(20, 380, 470, 76, orange, "*`Writable` event → `flush`", "send from the queue until it would block again;", "each write whose last byte went: its `cb` runs")
	f.box(510, 380, 230, 76, blue, "*back-pressure:", "write the next chunk from", "`cb`: the loop goes at", "the reader's pace")
	f.line("", 0, 0, pt{250, 55}, pt{290, 55})
	f.line("yes", 510, 38, pt{490, 55}, pt{530, 55})
	f.line("no", 390, 115, pt{390, 90}, pt{390, 140})
	f.line("", 0, 0, pt{290, 178}, pt{250, 178})
	f.line("`ErrWouldBlock`", 510, 235, pt{460, 216}, pt{460, 235}, pt{635, 235}, pt{635, 216})
	f.line("", 0, 0, pt{340, 310}, pt{420, 310})
	f.line("the peer read: room again", 190, 365, pt{190, 336}, pt{190, 380})
	f.line("", 0, 0, pt{635, 140}, pt{635, 98})
	f.line("", 0, 0, pt{320, 216}, pt{320, 284})
	f.line("", 0, 0, pt{490, 418}, pt{510, 418})
	return f
}
