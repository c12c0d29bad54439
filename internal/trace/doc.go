// Package trace checks a program's output against a spec of what the
// runtime guarantees about it.
//
// The programs of this book print lines like
//
//	Thread: pool2	 received a task of type: File read
//
// ("Thread: ", the thread's name, a tab, a space, the message), and
// sometimes a content block:
//
//	===== THREAD main START CONTENT - FILE READ =====
//	Hello world! This is a text to encrypt!
//	===== END CONTENT =====
//
// Threads run at the same time, so two runs seldom print their lines in
// the same order. A spec lists every line a run prints, and only the
// orders that must hold; any interleaving that keeps those orders passes.
// ParseTrace splits output into records (a thread line or a whole block),
// ParseSpec reads a spec, and [Spec.Check] tells whether the records
// satisfy it.
//
// # An example
//
// This spec describes a program that reads a file on the thread pool,
// prints it, encrypts it on the pool, and waits for a timer:
//
//	# Columns: LABEL THREAD TEXT. {t}, {a}, ... are placeholders: pool{a}
//	# in two entries means the same pool thread.
//	start      main     First call to read test.txt
//	reg        main     Registered timer event id: {t}
//	read.in    pool{a}  received a task of type: File read
//	read.out   pool{a}  finished running a task of type: File read.
//	file       main     ===== THREAD main START CONTENT - FILE READ =====
//	                  | Hello world! This is a text to encrypt!
//	                  | ... [Note: Abbreviated for display] ...
//	                  | ===== END CONTENT =====
//	enc.in     pool{b}  received a task of type: Encrypt
//	enc.out    pool{b}  finished running a task of type: Encrypt.
//	encrypted  main     Encrypted: {hex}
//	fired      main     Timer {t} fired
//	fin        main     No more work, exiting
//	# Lines that come any number of times:
//	wake*      epoll    woke up with {_} events
//	tick*      main     ===== TICK {n} =====
//
//	sequence   main                     # main prints its lines in the order above
//	order      start < {read.in reg}    # the task is queued after the first line
//	order      read.in < read.out < file < enc.in < enc.out < encrypted
//	first      start
//	last       fin
//	increasing tick n                   # ticks are numbered 1, 2, 3, ...
//
// In one run, pool2 reads the file and pool0 encrypts it, and the read
// starts before main registers the timer. In another, pool1 does both
// tasks, main registers the timer first, and the ticks fall elsewhere.
// Both runs satisfy the spec: it asks that each task be received and
// finished by the same pool thread, and that the stated orders hold, and
// nothing more.
//
// # Entries
//
// Lines starting with '#' are comments, and blank lines are ignored. Every
// other line is an entry or a rule. An entry has three fields, separated
// by spaces or tabs:
//
//	LABEL  THREAD  TEXT
//
// LABEL names the entry in rules and error messages. It is made of letters,
// digits, '.', '_' and '-', and is unique in the spec; it cannot be one of
// the rule words below. THREAD is the thread that prints the line. TEXT is
// the rest of the line, so it may contain spaces and '#'.
//
// Each entry must match exactly one record of the output, unless its label
// ends in '*': such a repeatable entry matches any number of records, none
// included. Rules name it without the '*'.
//
// A content block is written as an entry whose TEXT is the block's header,
// followed by continuation lines, one for each further line of the block.
// A continuation line starts with '|' (white space before it is ignored);
// the block's line is what follows "| ", or the empty line for a bare '|'.
// Continuation lines follow their entry directly, with no blank or comment
// line in between.
//
// Trailing spaces and tabs are ignored, both in the spec and in the output.
//
// # Placeholders
//
// THREAD and TEXT may contain placeholders:
//
//	{name}     one or more characters other than space and tab
//	{name...}  any text, possibly empty, spaces included
//	{_}        like {name}, but binds nothing ({_...} likewise)
//
// A name is made of letters, digits and '_', and does not start with a
// digit. No placeholder matches across lines. To write a literal brace,
// double it: "{{" stands for '{' and "}}" for '}'.
//
// In entries printed once, placeholders are global: every such entry that
// uses {a} must see the same value. That is how a spec says "received and
// finished by the same pool thread", with pool{a} in both entries. In a
// repeatable entry, placeholders are local to each record it matches.
//
// When a placeholder could match in several ways, the shortest value that
// lets the rest of the line match is taken.
//
// # Rules
//
// A rule is one line, and may end in a '#' comment. It may come anywhere
// in the spec, before or after the entries it names.
//
//	order A < B < C ...
//
// A is printed before B, which is printed before C. Each of A, B, C may be
// a label or a group of labels in braces, {L1 L2 ...}: every member of a
// group on the left of '<' comes before every member of the group on its
// right. For a repeatable entry, the rule applies to each of its records.
//
//	sequence THREAD
//
// The entries whose THREAD field is written exactly as THREAD, except the
// repeatable ones, are printed in the order the spec lists them.
//
//	first LABEL
//	last LABEL
//
// The entry is the first, or the last, record of the whole output.
//
//	increasing LABEL NAME
//
// The values that the repeatable entry LABEL gives placeholder {NAME}
// count 1, 2, 3, ... in the order they are printed.
//
// Orders are transitive: "a < b" and "b < c" also mean "a < c". This
// matters when a check looks at some threads only (see OnlyThreads): with
// "a < p < b", where p is a pool line and a and b are main's, a still comes
// before b. Orders do not pass through a repeatable entry, which may
// match no record at all.
//
// # Checking
//
// Check looks for a way to pair each record with an entry so that every
// text matches, every entry printed once gets exactly one record,
// placeholders agree and every rule holds. It goes through the output in
// order and backtracks when a choice leads nowhere. If no pairing exists,
// the error describes the furthest point in the output that the search
// reached, for example:
//
//	line 16 "Thread: pool3\t finished running a task of type: Encrypt.": entry "enc.out" would need {b} = "3", but line 14 set {b} = "0"
//	line 21 "Thread: main\t Timer 1 fired": entry "fired" must come after "encrypted", which has not been printed yet
//	line 9 "===== THREAD main START CONTENT - FILE READ =====": matches no spec entry; nearest is entry "file", whose line 2 (spec line 8) is "Hello world! This is a text to encrypt!" where the output has "Hello World! This is a text to encrypt!"
//
// For tests, Cmds provides the testscript command "tracecheck", and the
// command tracecheck in cmd/tracecheck checks files from the shell.
package trace
