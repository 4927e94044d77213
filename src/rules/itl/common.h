/* common.h - the ITL and CTL rules (itl.*, ctl.*) share one body per rule, run over the trust
 * list objects of one kind (CD_KIND_ITL or CD_KIND_CTL); the rule files only pick the kind.
 * What each one checks: the catalogue entries in rules/itl/ and rules/ctl/. */
#ifndef CD_RULES_ITL_COMMON_H
#define CD_RULES_ITL_COMMON_H

#include "rules/common.h"

/* signer-missing: no SAST record carries the certificate the header names as signer. */
int cd_tl_rule_signer_missing(struct cd_check_ctx *ctx, enum cd_kind kind);
/* signature-invalid: the signer was found, but the signature does not verify with its key
 * (or cannot be verified: an undocumented digest, no SIGNATURE element, a key not RSA). */
int cd_tl_rule_signature_invalid(struct cd_check_ctx *ctx, enum cd_kind kind);
/* stale-entry: a record holds a node's CallManager, TVS, CAPF or ITLRecovery certificate
 * (same subject) that differs in key or serial from that node's current identity
 * certificate in the same input. */
int cd_tl_rule_stale_entry(struct cd_check_ctx *ctx, enum cd_kind kind);
/* expired-entry: a record's certificate expired before the evaluation time. */
int cd_tl_rule_expired_entry(struct cd_check_ctx *ctx, enum cd_kind kind);
/* signer-key: the file is signed by the ITLRecovery certificate with a key shorter than the
 * profile's limits.itlrecovery_min_bits while another record has a key at least that long. */
int cd_tl_rule_signer_key(struct cd_check_ctx *ctx, enum cd_kind kind);

#endif
