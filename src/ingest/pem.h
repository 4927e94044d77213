/* pem.h - find PEM blocks (RFC 7468 §2, lax form) in text that may hold anything else. */
#ifndef CD_INGEST_PEM_H
#define CD_INGEST_PEM_H

#include <stddef.h>
#include <stdint.h>

/* Longest label we accept ("ENCRYPTED PRIVATE KEY" is 21). */
#define CD_PEM_MAX_LABEL 64

struct cd_pem_block {
	char label[CD_PEM_MAX_LABEL + 1];
	size_t begin;     /* offset of the "-----BEGIN" line */
	size_t body;      /* offset of the first body byte (after headers) */
	size_t body_len;  /* up to the "-----END" line */
	size_t end;       /* offset just past the END line */
	int proc_encrypted; /* RFC 1421 "Proc-Type: 4,ENCRYPTED" header present */
};

/* Scan [p+*pos, p+len) for the next block. Returns 1 and fills *b (advancing *pos past it),
 * 0 when no further BEGIN line exists, CD_E_TRUNCATED when a BEGIN has no END line
 * (*err_off = the BEGIN line; *pos moves to the end), CD_E_MALFORMED when the END label
 * differs or the label is unreadable (*err_off = the END or BEGIN line; *pos moves past it
 * so scanning can continue). */
int cd_pem_next(const uint8_t *p, size_t len, size_t *pos, struct cd_pem_block *b,
		size_t *err_off);

#endif
