/* validate.c - path validation of one candidate path (RFC 5280 §6.1 with the choices of
 * docs/chains.md): validity, signatures, CA flags, path length, name constraints, usages,
 * host name; each problem is an issue on the path. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <gnutls/gnutls.h>
#include <gnutls/x509.h>
#include "chain/chain-int.h"
#include "x509/oids.h"

const char *cd_path_verdict(const struct cd_path *p)
{
	return p->valid ? "valid" : p->problems == CD_P_UNANCHORED ? "not-anchored" : "invalid";
}

const char *cd_problem_name(enum cd_problem p)
{
	switch (p) {
	case CD_P_INCOMPLETE: return "incomplete";
	case CD_P_UNTRUSTED: return "untrusted-root";
	case CD_P_BAD_SIGNATURE: return "bad-signature";
	case CD_P_ISSUER_NOT_CA: return "issuer-not-ca";
	case CD_P_PATHLEN: return "pathlen-exceeded";
	case CD_P_NAME_CONSTRAINTS: return "name-constraints-violated";
	case CD_P_EXPIRED_ISSUER: return "expired-issuer";
	case CD_P_EXPIRED_LEAF: return "expired-leaf";
	case CD_P_EKU: return "eku-mismatch";
	case CD_P_HOSTNAME: return "hostname-mismatch";
	case CD_P_WEAK_ALGORITHM: return "weak-algorithm";
	case CD_P_CRITICAL_EXTENSION: return "unknown-critical-extension";
	case CD_P_LIMIT: return "limit-reached";
	case CD_P_MALFORMED: return "malformed-certificate";
	case CD_P_UNANCHORED: return "not-anchored";
	}
	return "unknown";
}


void cd_path_add_issue(struct cd_path *p, enum cd_problem pr, size_t at, size_t other,
		      const char *fmt, ...)
{
	struct cd_issue *ni = realloc(p->issues, (p->n_issues + 1) * sizeof(*ni));
	va_list ap;
	if (!ni) {
		/* the path stays invalid: the problem is known, only its sentence is lost */
		p->problems |= pr;
		p->oom = 1;
		return;
	}
	p->issues = ni;
	ni = &ni[p->n_issues++];
	ni->problem = pr;
	ni->at = at;
	ni->other = other;
	va_start(ap, fmt);
	vsnprintf(ni->detail, sizeof(ni->detail), fmt, ap);
	va_end(ap);
	p->problems |= pr;
}


/* Is certificate idx a trust anchor on its own: held by a store (or the public-roots
 * reference), or, with no store at all, self-signed? */
static int lone_anchor(const struct cd_chains *c, const struct cd_model *m, size_t idx, int *store)
{
	const struct cd_object *o = m->objects[idx];
	*store = CD_STORE_NONE;
	for (size_t k = 0; k < c->n_stores; k++)
		if (cd_chain_store_has(&c->stores[k], idx)) {
			*store = (int)k;
			return 1;
		}
	for (size_t s = 0; s < o->n_sources; s++)
		if (o->sources[s].role.kind == CD_ROLE_TRUST)
			return 1;
	if (c->implicit && o->u.cert->self_signed) {
		*store = CD_STORE_IMPLICIT;
		return 1;
	}
	return 0;
}

void cd_chain_validate_lone(const struct cd_chains *c, const struct cd_model *m, size_t idx,
			    struct cd_path *p)
{
	const struct cd_cert *ct = m->objects[idx]->u.cert;
	const char *lbl = cd_object_label(m->objects[idx]);
	const int is_ca = (ct->bc_present && ct->is_ca) || (!ct->bc_present && ct->self_signed && ct->version < 3);
	int anchor;
	memset(p, 0, sizeof(*p));
	p->lone = 1;
	p->certs = malloc(sizeof(*p->certs));
	if (!p->certs)
		return;
	p->certs[0] = idx;
	p->n = 1;
	anchor = lone_anchor(c, m, idx, &p->store);
	cd_chain_check_structure(c, m, p, 0, anchor, is_ca);
	if (ct->unknown_critical)
		cd_path_add_issue(p, CD_P_CRITICAL_EXTENSION, 0, SIZE_MAX,
				  "\"%s\" has a critical extension %s that cannot be processed", lbl,
				  ct->unknown_critical_oid);
	/* RFC 5280 §4.2.1.3: without keyCertSign no certificate signature verifies with its key */
	if (is_ca && ct->bc_present && ct->ku_present && ct->ku && !(ct->ku & GNUTLS_KEY_KEY_CERT_SIGN))
		cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, 0, SIZE_MAX,
				  "CA certificate \"%s\" has a keyUsage without keyCertSign: no certificate it "
				  "signs can be accepted (RFC 5280 §4.2.1.3)",
				  lbl);
	p->valid = p->problems == 0;
}

static const char *purpose_oid(enum cd_purpose p)
{
	return p == CD_PURPOSE_SERVER ? CD_OID_EKU_SERVER_AUTH : CD_OID_EKU_CLIENT_AUTH;
}

void cd_chain_validate(struct cd_chains *c, const struct cd_model *m, struct cd_path *p)
{
	const cd_time_t at = c->opts.at;
	const size_t n = p->n;
	const int anchored = p->store != CD_STORE_NONE;
	char t[40];

	if (!anchored) {
		const struct cd_cert *top = m->objects[p->certs[n - 1]]->u.cert;
		const size_t *cand;
		if (top->self_signed)
			cd_path_add_issue(p, CD_P_UNTRUSTED, n - 1, SIZE_MAX,
				  "\"%s\" is a self-signed root that no relevant trust store holds",
				  cd_object_label(m->objects[p->certs[n - 1]]));
		/* RFC 8446 §4.4.2 / RFC 5246 §7.4.2: the root "MAY be omitted" by the sender, so a
		 * CA certificate at the top whose issuer no certificate of the input names is
		 * most likely one step below a root nobody sent; with no store to hold that root
		 * the path is not checked rather than incomplete (docs/chains.md) */
		else if (c->implicit && n > 1 && top->bc_present && top->is_ca &&
			 !cd_chains_issuers(c, m, p->certs[n - 1], &cand))
			cd_path_add_issue(p, CD_P_UNANCHORED, n - 1, SIZE_MAX,
				  "\"%s\" is issued by \"%s\", which is not in the input, and no trust store is given",
				  cd_object_label(m->objects[p->certs[n - 1]]),
				  top->issuer.cn ? top->issuer.cn : top->issuer.display);
		else
			cd_path_add_issue(p, CD_P_INCOMPLETE, n - 1, SIZE_MAX,
				  "the issuer of \"%s\" (\"%s\") is not in the input",
				  cd_object_label(m->objects[p->certs[n - 1]]),
				  top->issuer.cn ? top->issuer.cn : top->issuer.display);
	}
	for (size_t i = 0; i < n; i++) {
		const struct cd_object *o = m->objects[p->certs[i]];
		const struct cd_cert *ct = o->u.cert;
		const int is_anchor = anchored && i == n - 1;
		/* validity of every certificate, the anchor's too (docs/chains.md) */
		if (ct->not_after != CD_TIME_NONE && ct->not_after < at) {
			cd_time_format(ct->not_after, t, sizeof(t));
			cd_path_add_issue(p, i ? CD_P_EXPIRED_ISSUER : CD_P_EXPIRED_LEAF, i, SIZE_MAX,
				  "\"%s\" expired on %s", cd_object_label(o), t);
		} else if (ct->not_before != CD_TIME_NONE && ct->not_before > at) {
			cd_time_format(ct->not_before, t, sizeof(t));
			cd_path_add_issue(p, i ? CD_P_EXPIRED_ISSUER : CD_P_EXPIRED_LEAF, i, SIZE_MAX,
				  "\"%s\" is not valid before %s", cd_object_label(o), t);
		} else if (ct->not_before == CD_TIME_NONE || ct->not_after == CD_TIME_NONE) {
			/* RFC 5280 6.1.3 (a)(2): the certificate must be shown valid at the time; a time
			 * that cannot be read shows nothing (cert.bad-time-encoding says why): fail closed */
			cd_path_add_issue(p, i ? CD_P_EXPIRED_ISSUER : CD_P_EXPIRED_LEAF, i, SIZE_MAX,
				  "the %s of \"%s\" cannot be read, so it is not shown to be valid at the "
				  "evaluation time",
				  ct->not_before == CD_TIME_NONE ? "notBefore" : "notAfter", cd_object_label(o));
		}
		if (i + 1 < n) {
			int v = cd_chains_edge(c, m, p->certs[i], p->certs[i + 1]);
			if (v != 1)
				cd_path_add_issue(p, CD_P_BAD_SIGNATURE, i, i + 1,
					  "the signature of \"%s\" %s with the key of \"%s\"", cd_object_label(o),
					  v == 0 ? "does not verify" : "cannot be checked",
					  cd_object_label(m->objects[p->certs[i + 1]]));
			if (cd_chain_weak_algorithm(ct))
				cd_path_add_issue(p, CD_P_WEAK_ALGORITHM, i, SIZE_MAX, "\"%s\" is signed with %s",
					  cd_object_label(o), ct->sig_name);
		}
		cd_chain_check_structure(c, m, p, i, is_anchor, i > 0 || (is_anchor && n > 1));
		/* RFC 5280 §4.2: a critical extension that cannot be processed rejects the
		 * certificate, wherever it sits on the path: the anchor and a trusted leaf too */
		if (ct->unknown_critical)
			cd_path_add_issue(p, CD_P_CRITICAL_EXTENSION, i, SIZE_MAX,
				  "\"%s\" has a critical extension %s that cannot be processed",
				  cd_object_label(o), ct->unknown_critical_oid);
		if (i > 0) {
			/* RFC 5280 §6.1.4 (k): an intermediate must be a v3 CA; an anchor is trusted
			 * as configured, but not one that says it is not a CA */
			if ((!is_anchor && !(ct->bc_present && ct->is_ca)) ||
			    (is_anchor && ct->bc_present && !ct->is_ca))
				cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
					  "\"%s\" issues certificates but is not a CA (basicConstraints %s)",
					  cd_object_label(o), ct->bc_present ? "cA=FALSE" : "absent");
			else if (ct->ku_present && !(ct->ku & GNUTLS_KEY_KEY_CERT_SIGN))
				cd_path_add_issue(p, CD_P_ISSUER_NOT_CA, i, SIZE_MAX,
					  "\"%s\" issues certificates but its keyUsage lacks keyCertSign",
					  cd_object_label(o));
			/* §6.1.4 (m): non-self-issued intermediates below a pathLenConstraint */
			if (ct->bc_present && ct->is_ca && ct->pathlen >= 0) {
				int below = 0;
				for (size_t k = 1; k < i; k++)
					below += !m->objects[p->certs[k]]->u.cert->self_issued;
				if (below > ct->pathlen)
					cd_path_add_issue(p, CD_P_PATHLEN, i, SIZE_MAX,
						  "\"%s\" allows %d intermediate CA%s below it (pathLenConstraint); the path has %d",
						  cd_object_label(o), ct->pathlen, ct->pathlen == 1 ? "" : "s", below);
			}
			/* §6.1.3 (b): names of every later certificate (the leaf always, others
			 * unless self-issued) within the CA's constraints */
			if (ct->nc_present)
				for (size_t k = 0; k < i; k++) {
					char why[200];
					if (k && m->objects[p->certs[k]]->u.cert->self_issued)
						continue;
					if (cd_chain_nc_violation(m, p->certs[i], p->certs[k], why, sizeof(why)))
						cd_path_add_issue(p, CD_P_NAME_CONSTRAINTS, k, i, "%s", why);
				}
			if (c->opts.purpose != CD_PURPOSE_ANY && !is_anchor && !cd_cert_allows_eku(ct, purpose_oid(c->opts.purpose)))
				cd_path_add_issue(p, CD_P_EKU, i, SIZE_MAX,
					  "the extended key usage of CA \"%s\" does not include %s",
					  cd_object_label(o),
					  c->opts.purpose == CD_PURPOSE_SERVER ? "TLS Web Server Authentication"
									      : "TLS Web Client Authentication");
		}
	}
	{
		const struct cd_cert *leaf = m->objects[p->certs[0]]->u.cert;
		if (c->opts.purpose != CD_PURPOSE_ANY && !cd_cert_allows_eku(leaf, purpose_oid(c->opts.purpose)))
			cd_path_add_issue(p, CD_P_EKU, 0, SIZE_MAX, "the extended key usage of \"%s\" does not include %s",
				  cd_object_label(m->objects[p->certs[0]]),
				  c->opts.purpose == CD_PURPOSE_SERVER ? "TLS Web Server Authentication"
								      : "TLS Web Client Authentication");
		if (c->opts.host && !cd_host_matches(leaf, c->opts.host))
			cd_path_add_issue(p, CD_P_HOSTNAME, 0, SIZE_MAX, "no subjectAltName of \"%s\" matches \"%s\"",
				  cd_object_label(m->objects[p->certs[0]]), c->opts.host);
	}
	p->valid = p->problems == 0;
}
