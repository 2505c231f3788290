/* uri.h - file URIs and paths: "file:///tmp/%E9%A2%84%E7%AE%97.bdl" is /tmp/预算.bdl. The
 * caller frees what these return. */
#ifndef BDL_LSP_URI_H
#define BDL_LSP_URI_H

/* The path of a file URI (percent escapes decoded); NULL for another scheme, a host other
 * than localhost, a relative path, or an escape that is malformed or decodes to NUL. */
char *uri_to_path(const char *uri);
/* The file URI of an absolute path, every byte outside A-Z a-z 0-9 - . _ ~ / escaped. */
char *uri_from_path(const char *path);

#endif
