/* jks.h - read Java keystores (JKS, magic 0xFEEDFEED, and JCEKS, 0xCECECECE): the
 * certificates of their trusted-certificate entries and of their private-key entries' chains,
 * each named by its entry and alias (docs/ingest.md). The private keys are encrypted with the
 * keystore's own scheme and are only counted; the keyed integrity digest at the end is not
 * checked (it needs the store password). Java's cacerts, CVP, Finesse and UCCX keystores. */
#ifndef CD_INGEST_JKS_H
#define CD_INGEST_JKS_H

#include <stddef.h>
#include <stdint.h>
#include "model/model.h"

#define CD_LIMIT_JKS_ENTRIES 100000U /* entries in one keystore (Java's cacerts has ~150) */
#define CD_LIMIT_JKS_CHAIN 64U       /* certificates in one private-key entry's chain */

/* Bid (src/ingest/detect.c's format table): the magic and a version of 1 or 2. */
#define CD_JKS_BID 85
int cd_jks_bid(const uint8_t *p, size_t len);

/* Read a keystore: its certificates into m (source src, located "FILE, entry N \"ALIAS\", trusted certificate"),
 * its private-key entries as ingest.private-key events, what cannot be read as
 * ingest.unparseable with the offset. CD_OK, or CD_E_NOMEM. */
int cd_jks_ingest_buffer(struct cd_model *m, const uint8_t *p, size_t len, const struct cd_source *src);

#endif
