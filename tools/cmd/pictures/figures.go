package main

// figures returns every picture of the book. Each fact in them is taken
// from the code: the names of threads, channels and system calls are the
// ones chapters/ and final/ use; and the picture of a run is drawn from
// a recorded run, found under root, the book's root.
func figures(root string) ([]*figure, error) {
	run, err := run04(root)
	if err != nil {
		return nil, err
	}
	return []*figure{threads(), tick(), readiness(), packet(), iocpBuffer(), finalLoop(), minimio(), pool(), callbackLife(), drainOrder(), writeQueue(), run}, nil
}

type pt = [2]float64

// threads is chapter 04's runtime (the-plan.md): main sends tasks to each
// pool thread's own tasks channel; pool threads and the epoll thread all
// send on the one events channel, which main receives from.
func threads() *figure {
	f := &figure{name: "threads", w: 760, h: 320,
		title: "The threads and the one channel between them",
		desc: "The main thread runs the program and every callback and waits on one channel, events. " +
			"It sends each blocking task to a pool thread (pool0 to pool3) on that thread's own tasks channel. " +
			"The pool threads send their results, and the epoll thread, which blocks in minimio's Poll, sends the token of each event, " +
			"all on the same events channel."}
	f.box(20, 120, 170, 90, blue, "*main", "runs the program", "and every callback;", "waits on `events`")
	f.box(260, 135, 160, 60, purple, "*events", "`chan PollEvent`")
	f.region(530, 10, 210, 200, "pool threads")
	for i, n := range []string{"*pool0", "*pool1", "*pool2", "*pool3"} {
		f.box(550, 48+float64(i)*40, 170, 32, green, n)
	}
	f.box(530, 240, 210, 56, orange, "*epoll", "blocks in minimio's `Poll`")
	f.line("", 0, 0, pt{260, 165}, pt{190, 165})
	a := f.line("task, on that thread's own `tasks` channel", 330, 60, pt{105, 120}, pt{105, 60}, pt{530, 60})
	a.dashed = true
	f.line("result", 475, 142, pt{530, 130}, pt{420, 155})
	f.line("token of each event", 440, 268, pt{530, 268}, pt{340, 268}, pt{340, 195})
	return f
}

// tick is Node's loop, and chapter 03's main loop: six phases in order,
// then the next tick while anything is pending.
func tick() *figure {
	f := &figure{name: "tick", w: 760, h: 230,
		title: "One tick: the loop's six phases, in order",
		desc: "A tick goes through six phases: 1 timers, whose due callbacks run; 2 pending callbacks, I/O callbacks deferred from the last tick; " +
			"3 idle and prepare, for Node's own use; 4 poll, which waits for I/O but not past the next timer; 5 check, the setImmediate callbacks; " +
			"6 close callbacks, such as a socket's close. Then the next tick begins, while anything is pending."}
	xs := []float64{130, 335, 540}
	const w = 186
	f.box(xs[0], 30, w, 62, grey, "*1 timers", "due timers' callbacks")
	f.box(xs[1], 30, w, 62, grey, "*2 pending callbacks", "I/O callbacks deferred", "from the last tick")
	f.box(xs[2], 30, w, 62, grey, "*3 idle, prepare", "Node's own use")
	f.box(xs[2], 150, w, 62, orange, "*4 poll", "wait for I/O, but not", "past the next timer")
	f.box(xs[1], 150, w, 62, grey, "*5 check", "`setImmediate` callbacks")
	f.box(xs[0], 150, w, 62, grey, "*6 close callbacks", "a socket's `close`")
	f.line("", 0, 0, pt{xs[0] + w, 61}, pt{xs[1], 61})
	f.line("", 0, 0, pt{xs[1] + w, 61}, pt{xs[2], 61})
	f.line("", 0, 0, pt{xs[2] + w, 61}, pt{745, 61}, pt{745, 181}, pt{xs[2] + w, 181})
	f.line("", 0, 0, pt{xs[2], 181}, pt{xs[1] + w, 181})
	f.line("", 0, 0, pt{xs[1], 181}, pt{xs[0] + w, 181})
	f.line("next tick,\nwhile anything\nis pending", 64, 121, pt{xs[0], 181}, pt{64, 181}, pt{64, 61}, pt{xs[0], 61})
	return f
}

// readiness sets epoll and kqueue beside IOCP (epoll-kqueue-iocp.md).
func readiness() *figure {
	f := &figure{name: "readiness-completion", w: 760, h: 400,
		title: "Readiness against completion",
		desc: "Left, readiness (epoll, kqueue): register interest with epoll_ctl or kevent, wait with epoll_wait or kevent until the socket is ready, " +
			"then read into your own buffer with a non-blocking read; the kernel never touches your buffer between the calls. " +
			"Right, completion (IOCP): start a receive into your buffer with WSARecv and an OVERLAPPED; the kernel owns the buffer and fills it; " +
			"wait with GetQueuedCompletionStatusEx for the completion; the bytes are then already in your buffer."}
	f.region(10, 10, 365, 380, "readiness: epoll, kqueue")
	f.region(385, 10, 365, 380, "completion: IOCP")
	ys := []float64{50, 135, 235, 320}
	f.box(30, ys[0], 325, 56, blue, "*1 register interest", "`epoll_ctl` / `kevent`")
	f.box(30, ys[1], 325, 56, orange, "*2 wait until the socket is ready", "`epoll_wait` / `kevent`")
	f.box(30, ys[2], 325, 56, blue, "*3 read into your own buffer", "`read`, non-blocking")
	f.box(30, ys[3], 325, 56, grey, "the kernel never touches", "your buffer between the calls")
	f.box(405, ys[0], 325, 56, blue, "*1 start a receive into your buffer", "`WSARecv` with an `OVERLAPPED`")
	f.box(405, ys[1], 325, 56, red, "*2 the kernel owns the buffer", "and fills it: hands off")
	f.box(405, ys[2], 325, 56, orange, "*3 wait for the completion", "`GetQueuedCompletionStatusEx`")
	f.box(405, ys[3], 325, 56, blue, "*4 the bytes are already", "in your buffer: use them")
	for _, x := range []float64{192.5, 567.5} {
		f.line("", 0, 0, pt{x, ys[0] + 56}, pt{x, ys[1]})
	}
	f.line("readiness event", 192.5, (ys[1]+56+ys[2])/2, pt{192.5, ys[1] + 56}, pt{192.5, ys[2]})
	f.line("completion packet on the port", 567.5, (ys[1]+56+ys[2])/2, pt{567.5, ys[1] + 56}, pt{567.5, ys[2]})
	f.line("", 0, 0, pt{567.5, ys[2] + 56}, pt{567.5, ys[3]})
	return f
}

// packet follows one network read (talking-to-the-os.md).
func packet() *figure {
	f := &figure{name: "packet", w: 760, h: 420,
		title: "A packet's way from the wire to a read",
		desc: "1 the program registers the socket and waits in epoll_wait, or in read. 2 the network card takes the packet off the wire and copies it by DMA into memory the kernel set aside. " +
			"3 the card raises an interrupt and the driver's handler runs. 4 the TCP/IP stack appends the data to the socket's receive buffer. " +
			"5 the kernel puts an event in the queue and makes the waiting thread runnable. 6 the thread runs again and read copies the bytes out."}
	f.region(10, 10, 740, 110, "our program")
	f.region(10, 135, 740, 150, "kernel")
	f.region(10, 300, 740, 110, "hardware")
	f.box(410, 45, 320, 62, blue, "*1 the program registers the socket", "and waits: `epoll_wait`, or `read`")
	f.box(30, 45, 320, 62, blue, "*6 its thread runs again:", "`read` copies the bytes out")
	f.box(30, 180, 220, 62, grey, "*5 wake the waiter:", "an event in the queue,", "the thread runnable")
	f.box(270, 180, 220, 62, grey, "*4 TCP/IP stack:", "data appended to the", "socket's receive buffer")
	f.box(510, 180, 220, 62, grey, "*3 interrupt:", "the driver's handler runs")
	f.box(30, 335, 300, 56, grey, "*from the wire", "the network card checks it")
	f.box(410, 335, 320, 56, grey, "*2 DMA into kernel memory", "no work for the processor")
	f.line("", 0, 0, pt{330, 363}, pt{410, 363})
	f.line("", 0, 0, pt{620, 335}, pt{620, 242})
	f.line("", 0, 0, pt{510, 211}, pt{490, 211})
	f.line("", 0, 0, pt{270, 211}, pt{250, 211})
	f.line("", 0, 0, pt{140, 180}, pt{140, 107})
	a := f.line("", 0, 0, pt{570, 107}, pt{570, 127}, pt{200, 127}, pt{200, 180})
	a.dashed = true
	return f
}

// iocpBuffer shows who owns stream.buf while a receive is in flight
// (01-iocp.md; chapters/01-poll/minimio/selector_iocp.go).
func iocpBuffer() *figure {
	f := &figure{name: "iocp-buffer", w: 760, h: 280,
		title: "Who owns the buffer under IOCP",
		desc: "1 register starts WSARecv into the stream's buffer with the operation's OVERLAPPED. 2 while the receive is in flight the kernel writes into the buffer as bytes arrive. " +
			"3 wait takes the completion with GetQueuedCompletionStatusEx, then unpins the operation and drops it from the pending set. 4 Read copies the bytes from the buffer. " +
			"The buffer is yours before the WSARecv and again after the completion is taken; in between it is the kernel's, " +
			"and the operation and the buffer's first byte are pinned and the operation kept in the pending set, so the collector neither frees nor moves them."}
	f.box(10, 20, 150, 92, blue, "*1 register", "`WSARecv` into", "`stream.buf`, with", "`op`'s `OVERLAPPED`")
	f.box(180, 20, 150, 92, red, "*2 in flight", "the kernel writes", "into `stream.buf`", "as bytes arrive")
	f.box(350, 20, 230, 92, orange, "*3 wait", "`GetQueuedCompletionStatusEx`", "takes the completion,", "unpins and drops `op`")
	f.box(600, 20, 150, 92, blue, "*4 Read", "copies the bytes", "from `stream.buf`")
	f.line("", 0, 0, pt{160, 66}, pt{180, 66})
	f.line("", 0, 0, pt{330, 66}, pt{350, 66})
	f.line("", 0, 0, pt{580, 66}, pt{600, 66})
	f.shapes = append(f.shapes, newPill("who owns `stream.buf`:", 87, 136))
	f.box(10, 158, 80, 40, green, "*yours")
	f.box(100, 158, 365, 40, red, "*the kernel's: don't read, move or free it")
	f.box(475, 158, 275, 40, green, "*yours again")
	f.box(100, 214, 365, 52, grey, "`op` and `stream.buf[0]` pinned,", "`op` kept in the pending set")
	return f
}

// finalLoop is final/'s design since the poller thread was removed: the
// loop thread waits in the OS queue itself, and pool threads wake it.
func finalLoop() *figure {
	f := &figure{name: "final-loop", w: 760, h: 380,
		title: "final/: one loop thread that waits in the OS queue itself",
		desc: "The loop thread runs every callback, and its poll phase waits in the OS event queue itself, in epoll_wait, kevent or GetQueuedCompletionStatusEx, " +
			"with the time to the next timer as the timeout. It hands tasks to the pool threads through the pool's queue. " +
			"A pool thread appends its result to the inbox, under a mutex, and wakes the loop through a waker registered with the queue: " +
			"an eventfd on Linux, a pipe with kqueue, a packet posted with PostQueuedCompletionStatus on Windows. " +
			"Sockets report to the same queue. There is no poller thread."}
	f.region(20, 10, 310, 110, "pool threads")
	f.box(35, 45, 135, 28, green, "*pool0")
	f.box(180, 45, 135, 28, green, "*pool1")
	f.box(35, 80, 135, 28, green, "*pool2")
	f.box(180, 80, 135, 28, green, "*pool3")
	f.box(460, 20, 290, 44, purple, "*inbox: results, under a mutex")
	f.box(460, 80, 290, 76, orange, "*waker", "`eventfd` (Linux),", "a pipe (kqueue),", "`PostQueuedCompletionStatus` (IOCP)")
	f.box(460, 190, 290, 60, orange, "*the OS event queue", "epoll · kqueue · IOCP")
	f.box(460, 310, 290, 56, grey, "*sockets", "ready, or a receive completed")
	f.box(20, 175, 260, 112, blue, "*main: the loop thread", "runs every callback; its poll", "phase waits in `epoll_wait`,",
		"`kevent` or", "`GetQueuedCompletionStatusEx`,", "with the next timer as timeout")
	f.box(20, 310, 300, 56, grey, "*no poller thread:", "the loop thread waits itself")
	f.line("append result", 395, 42, pt{330, 42}, pt{460, 42})
	f.line("wake", 395, 105, pt{330, 105}, pt{460, 105})
	f.line("", 0, 0, pt{605, 156}, pt{605, 190})
	f.line("", 0, 0, pt{605, 310}, pt{605, 250})
	f.line("events, a wake-up,\nor the timeout", 370, 220, pt{460, 220}, pt{280, 220})
	a := f.line("tasks", 150, 147.5, pt{150, 175}, pt{150, 120})
	a.dashed = true
	return f
}
