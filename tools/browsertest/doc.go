// Package browsertest drives Debian's Chromium with chromedp over books
// rendered by the mdbook command and checks what a reader gets: the table
// of contents, search, keyboard navigation, the theme toggle, the copy
// buttons, the print page and a console free of errors. It has only tests;
// see browser_test.go for the environment variables it reads.
package browsertest
