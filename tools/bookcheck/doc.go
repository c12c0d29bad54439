// Package bookcheck holds this repository's own checks of its book, apart
// from the renderer (tools/cmd/mdbook and tools/internal), which knows
// nothing of this book and whose tests use fixture books only. Here, and
// in the packages below this one, the tests read the real book and the
// real code, so a change to a chapter can turn them red:
//
//   - TestTheRealBook (this package): the book renders with every include,
//     anchor and link resolved;
//   - bookrefs: the index of names and the glossary point at sections
//     that really hold their names;
//   - appendix: the appendix's line-for-line table pairs the original's
//     trace with chapter 04's recorded run;
//   - coverage and cmd/bookcoverage: how much of final/'s runtime the
//     book shows (`make book-coverage`);
//   - typealong: every listing of chapters 01 to 04 says where it goes,
//     and what it says is still true of the code.
package bookcheck
