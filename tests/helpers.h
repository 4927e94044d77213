/* helpers.h - test helpers: fixture paths, running scans in-process and the binary. */
#ifndef CD_TESTS_HELPERS_H
#define CD_TESTS_HELPERS_H

#include <stddef.h>
#include "engine/scan.h"

/* $CD_SOURCE_DIR/rel, in a static rotating buffer (valid for a few calls). */
const char *src_path(const char *rel);
/* Whole file into a NUL-terminated malloc'd buffer; NULL if unreadable. */
char *read_all(const char *path, size_t *len);
/* Sorted names in a directory (no . and ..); caller frees with free_names. */
char **list_dir(const char *path, size_t *n);
void free_names(char **v, size_t n);
/* Run scan over paths at the given time (expiry_warn 30 unless changed). */
int scan_paths(struct cd_scan *s, const char *const *paths, size_t n, const char *at);
/* Run the built binary with argv (NULL-terminated, argv[0] ignored), capturing stdout into
 * *out (malloc'd) and returning the exit status, or -1. */
int run_binary(char *const argv[], char **out, char **err);
/* The same, run through prefix (a NULL-terminated command such as {"/usr/bin/setpriv",
 * "--reuid=65534", ..., "--", NULL}; NULL: none). */
int run_binary_as(const char *const prefix[], char *const argv[], char **out, char **err);
/* The role tables of the built-in product profiles (loaded once, kept for the process). */
const struct cd_role_tables *test_role_tables(void);
/* The last object of kind k in m, NULL when none. */
const struct cd_object *last_of_kind(const struct cd_model *m, enum cd_kind k);
/* Number of findings of rule in s. */
size_t count_rule(const struct cd_scan *s, const char *rule);

#endif
