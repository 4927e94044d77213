/* peer-common.h - what the Expressway renewal, peer and name rules share: one slot per
 * Expressway server certificate (a node's expressway-server / -e / -c units taken together),
 * the certificate in service, issuer walks by name and key identifier over the model (no
 * chains needed), IP literals. No I/O, no clock. The rules' catalogue entries
 * (rules/expressway/) say what each of these means for the engineer. */
#ifndef CD_RULES_EXPRESSWAY_PEER_COMMON_H
#define CD_RULES_EXPRESSWAY_PEER_COMMON_H

#include <stddef.h>
#include <stdint.h>
#include "product/product.h"

/* One Expressway server certificate slot. A node has one server certificate, so every
 * expressway unit of a named node is one slot (expressway-server inferred from
 * tandberg/persistent/certs/server.pem and a renewal given with --role expressway-c@NODE=...
 * meet); units of no node ("" : files named on the command line, precheck) are one slot per
 * unit name. */
struct cd_xw_slot {
	char node[72];
	char unit[48];  /* the first unit's name ("expressway-server", "expressway-e", "server") */
	int edge;       /* 1 Expressway-E, 0 Expressway-C, -1 unknown (cd_unit_is_edge) */
	int edge_named; /* edge comes from a unit named expressway-e / -c (first one wins) */
	size_t *certs;  /* end-entity identity certificates, oldest first (notBefore, then sight) */
	size_t n_certs;
	size_t current; /* the uploaded one (precheck) or the newest; SIZE_MAX when none */
};

struct cd_xw_slots {
	struct cd_xw_slot *v;
	size_t n;
};

/* Slots of the expressway units that cd_unit_in() selects. CD_OK or CD_E_NOMEM. */
int cd_xw_slots_collect(const struct cd_check_ctx *ctx, const struct cd_units *u,
			struct cd_xw_slots *out);
void cd_xw_slots_release(struct cd_xw_slots *s);

/* Call check(ctx, slot, arg) for every slot with a certificate in service whose edge is not
 * skip_edge (0: the rule is Expressway-E's, 1: Expressway-C's; unknown slots are checked).
 * When !known (the input the rule needs was not given) each such slot is said to be not checked
 * instead: "<slot>: <what>", enabled by enable - in precheck too, where the step then reads
 * not checked. No slot with a certificate: cd_xw_none_checked. CD_OK, CD_E_NOMEM or check's
 * first failure. */
int cd_xw_each_slot(struct cd_check_ctx *ctx, int skip_edge, int known, const char *enable,
		    const char *what,
		    int (*check)(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, void *arg),
		    void *arg);

/* "Expressway-E", "Expressway-C" or "Expressway" for a slot's edge value. */
const char *cd_xw_edge_name(int edge);
/* Add node, unit, product/version context to a finding's evidence. */
void cd_xw_slot_evidence(struct cd_finding *f, const struct cd_check_ctx *ctx,
			 const struct cd_xw_slot *s);

/* The strings of a JSON array joined with ", " (at most max bytes; "..." when cut), or
 * "none"; caller frees. NULL when out of memory. */
char *cd_xw_join(const json_t *a, size_t max);

/* Could iss have issued sub? Subject of iss = issuer of sub (canonical), and when sub has an
 * AKI key identifier and iss a SKI, they are equal. */
int cd_xw_could_issue(const struct cd_cert *iss, const struct cd_cert *sub);

/* Does c name the DNS name (case-insensitively, a trailing dot ignored; no wildcards)? */
int cd_xw_has_dns(const struct cd_cert *c, const char *name);

/* Parse an IP literal ("10.0.0.1", "2001:db8::1", "[2001:db8::1]"): 1 and ip/len set, or 0. */
int cd_xw_ip_parse(const char *s, uint8_t ip[16], unsigned *len);
/* The host part of a capture address "10.0.0.1:443" / "[::1]:443" into out. */
void cd_xw_addr_host(const char *addr, char *out, size_t size);
/* Has c an IP SAN with these bytes? */
int cd_xw_has_ip_san(const struct cd_cert *c, const uint8_t *ip, unsigned len);

/* Reference stores of public roots: --public-roots (store "public-roots") and
 * --system-trust (store "system"). */
int cd_xw_in_public_store(const struct cd_object *o);

/* Where an issuer walk from a leaf ends. */
struct cd_xw_reach {
	int result;         /* 1 reaches a public root, 0 every branch ends at a private root,
			       -1 cannot tell (a branch leaves the input: an issuer is missing) */
	size_t public_root; /* result 1: the public certificate reached */
	size_t *roots;      /* result 0: the private roots reached (self-issued), owned */
	size_t n_roots;
	size_t missing_from; /* result -1: a certificate whose issuer is not in the input */
};

/* Walk every issuer reachable from leaf (cd_xw_could_issue, breadth first, each certificate
 * once). A certificate is public when a public store holds it, or holds one with the same
 * subject and key. CD_OK or CD_E_NOMEM. */
int cd_xw_reach_public(const struct cd_model *m, size_t leaf, struct cd_xw_reach *out);
void cd_xw_reach_release(struct cd_xw_reach *r);

/* Call pair(ctx, slot, old, current) for every older certificate of every server-certificate
 * slot (the renewal rules). pair returns CD_OK or a negative CD_E_* code; returns CD_OK,
 * CD_E_NOMEM, or pair's first failure (then stops). */
int cd_xw_each_renewal(struct cd_check_ctx *ctx,
		       int (*pair)(struct cd_check_ctx *ctx, const struct cd_xw_slot *s, size_t old_i,
				   size_t new_i));

#endif
