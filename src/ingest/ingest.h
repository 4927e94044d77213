/* ingest.h - turn files, directories and buffers into model objects with provenance. */
#ifndef CD_INGEST_INGEST_H
#define CD_INGEST_INGEST_H

#include <stddef.h>
#include <stdint.h>
#include "model/model.h"

/* Named limits (docs/limits.md). Hitting one is an ingest.limit-reached finding. */
#define CD_LIMIT_FILE_BYTES (1024UL * 1024 * 1024) /* a file bigger than 1 GiB is not a bundle */
#define CD_LIMIT_DIR_DEPTH 32          /* deeper trees are generated or hostile */
#define CD_LIMIT_FILES 1000000UL        /* files read in one scan */
#define CD_LIMIT_PEM_BLOCKS 4000000UL   /* PEM blocks in one file */
#define CD_LIMIT_OBJECT_BYTES (64UL * 1024 * 1024) /* one DER object (large CRLs fit) */
#define CD_LIMIT_CONTAINER_ITEMS 100000U /* certificates or CRLs in one PKCS#7/#12 */
#define CD_LIMIT_DER_OBJECTS_PER_FILE 100000U /* concatenated DER objects in one file */

struct cd_logsig_set;
struct cd_keylog;
struct cd_passwords;

struct cd_ingest_opts {
	/* The role of a file from its path relative to the scanned root (the product layouts:
	 * product/roles.c cd_role_infer, with infer_arg its tables); NULL: no role from paths.
	 * is_dir_root: the path lies below a directory or archive (its first folder may be a node). */
	void (*infer_role)(const void *arg, const char *rel, int is_dir_root, struct cd_role *out);
	const void *infer_arg;
	unsigned archive_depth; /* archives the buffer is inside: 0 from callers, set by archive/ */
	const struct cd_logsig_set *sigs; /* log signatures (src/logs/); NULL: logs not read */
	const struct cd_keylog *keylog;   /* --keylog secrets for TLS 1.3 captures; NULL: none */
	/* --password-file / --password-env: tried on encrypted PKCS#12 parts and PKCS#8 keys
	 * after the empty password; NULL: none */
	const struct cd_passwords *passwords;
};

/* Ingest a file or directory named on the command line. Objects and events go into m.
 * Returns CD_OK when the path could be read (even if some of its content was damaged: that
 * becomes events), CD_E_IO when the path itself cannot be opened or read, CD_E_NOMEM. Every
 * file or folder that cannot be opened or read (the path, or one below it) is recorded with
 * cd_model_input_error: an input error, not an event. */
int cd_ingest_path(struct cd_model *m, const char *path, const struct cd_ingest_opts *o);

/* Ingest one buffer as if it were a file (archives, stdin, fuzzing). src gives path, rel and
 * role; the buffer is not kept. */
int cd_ingest_buffer(struct cd_model *m, const uint8_t *data, size_t len,
		     const struct cd_source *src, const struct cd_ingest_opts *o);

/* Add the operating system's trust store (GnuTLS's system trust) as store "system".
 * CD_OK, CD_E_IO when there is none, CD_E_NOMEM. */
int cd_ingest_system_trust(struct cd_model *m);

#endif
