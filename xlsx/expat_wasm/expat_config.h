/* expat's build settings for WebAssembly (little-endian, 32-bit, Emscripten's libc), written by
   hand in place of the header expat's own build generates; only the WebAssembly build uses it. */
#ifndef EXPAT_CONFIG_H
#define EXPAT_CONFIG_H 1

#define BYTEORDER 1234
/* The hash salt from the time and an address (Debian's emscripten has no getrandom): the salt
   guards against a file crafted to collide in expat's hash tables, and the page only parses the
   file its own user picked. */
#define XML_POOR_ENTROPY 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRING_H 1
#define HAVE_UNISTD_H 1
#define PACKAGE "expat"
#define PACKAGE_URL ""
#define STDC_HEADERS 1
#define XML_CONTEXT_BYTES 1024
#define XML_NS 1 /* namespace processing: the reader matches names by their local part */
/* XML_DTD stays off: a workbook has no DTD, and without it entity expansion cannot be abused. */

#endif
