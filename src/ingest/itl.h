/* itl.h - read CUCM ITL and CTL files (ITLFile.tlv, CTLFile.tlv): bid, parse, add to the model
 * with their certificates, check the signature as a phone does (docs/ingest.md). */
#ifndef CD_INGEST_ITL_H
#define CD_INGEST_ITL_H

#include <stddef.h>
#include <stdint.h>
#include "model/model.h"

/* Named limits (docs/limits.md). */
#define CD_LIMIT_ITL_RECORDS 10000U /* records in one file: a cluster lists tens, not thousands */
#define CD_LIMIT_ITL_PROBLEMS 16U   /* problems reported per file; the rest are counted */
#define CD_LIMIT_ITL_NESTING 4U     /* header containers inside containers (the format has 2) */

/* Bids (src/ingest/detect.c's format table): the structure VERSION (tag 1, 2 bytes) then
 * HEADERLENGTH (tag 2, 2 bytes) at offset 0; or, weaker, only a name that says ITL/CTL
 * (ITLFile.tlv, CTLFile.tlv, *.tlv) with content nothing else claims. */
#define CD_ITL_BID_STRUCTURE 80
#define CD_ITL_BID_NAME 5
int cd_itl_bid(const uint8_t *p, size_t len, const char *rel);

/* One problem found while parsing: where, what, and whether the file was cut short
 * (truncated) rather than saying something impossible (malformed). */
struct cd_itl_problem {
	uint64_t offset;
	int truncated;
	char message[400];
};

struct cd_itl_parse {
	struct cd_trustlist *tl; /* NULL when not even VERSION and HEADERLENGTH could be read */
	struct cd_itl_problem problems[CD_LIMIT_ITL_PROBLEMS];
	size_t n_problems;       /* kept */
	size_t more_problems;    /* found past CD_LIMIT_ITL_PROBLEMS, not kept */
	int records_limited;     /* CD_LIMIT_ITL_RECORDS reached: the rest not read */
};

/* Parse p[0..len) (not kept). Fills *out (messages do not name the file: callers do);
 * out->tl is owned by the caller (cd_trustlist_free). Every record's certificate is left
 * unresolved (certificate = SIZE_MAX) and the signature unchecked. CD_OK (out->n_problems
 * says whether it was clean) or CD_E_NOMEM. */
int cd_itl_parse(const uint8_t *p, size_t len, struct cd_itl_parse *out);

/* Verify the file's signature as a phone does: find the signer (the SAST record whose
 * certificate's serial is the header's SERIALNUMBER; certificates taken from the model),
 * then RSA PKCS#1 v1.5 with the header's digest over p without the SIGNATURE element. Sets
 * tl->signer_record, sig_checked, sig_valid, sig_reason. */
void cd_itl_verify(struct cd_trustlist *tl, const struct cd_model *m, const uint8_t *p, size_t len);

/* Read one ITL/CTL file into m: the trust list object (kind by its FILENAME element, else by
 * src's file name), each record's certificate as an ordinary certificate object (provenance
 * "<FILENAME>, record N"), the signature checked, every problem an ingest.unparseable event
 * with its offset. CD_OK or CD_E_NOMEM. */
int cd_itl_ingest_buffer(struct cd_model *m, const uint8_t *p, size_t len,
			 const struct cd_source *src);

#endif
