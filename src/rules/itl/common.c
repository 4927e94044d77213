/* common.c - the bodies of the itl.* and ctl.* rules (common.h). The signer and the signature
 * are as a phone checks them (src/ingest/itl.c; Cisco doc 118893); what a regenerated
 * certificate does to phones holding an older file, and the recovery, is the TechNote "CUCM
 * Certificate Regeneration/Renewal Process" (Cisco document 200199): "A phone accepts a new
 * signed file only if its signer is in the phone's current ITL/CTL or TVS vouches for it". */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <gnutls/gnutls.h>
#include "product/product.h"
#include "rules/cucm/trust-common.h"
#include "rules/itl/common.h"
#include "util/str.h"

/* "ITLFile.tlv": the file's FILENAME element, else its name, else what it is. */
static const char *file_label(const struct cd_object *o, char *out, size_t size)
{
	const struct cd_trustlist *t = o->u.tlist;
	const struct cd_source *s = cd_object_first_source(o);
	const char *b = NULL;
	if (t->filename && *t->filename) {
		snprintf(out, size, "%s", t->filename);
		return out;
	}
	if (s && s->path) {
		const char *sl = strrchr(s->path, '/'), *x = strrchr(s->path, '!');
		b = x && (!sl || x > sl) ? x + 1 : sl ? sl + 1 : s->path;
	}
	snprintf(out, size, "%s", b && *b ? b : o->kind == CD_KIND_CTL ? "CTL file" : "ITL file");
	return out;
}

static const char *kind_upper(enum cd_kind k)
{
	return k == CD_KIND_CTL ? "CTL" : "ITL";
}

/* Point f at offset off of the file o was first found in. */
static void where_at(struct cd_finding *f, const struct cd_object *o, uint64_t off)
{
	const struct cd_source *s = cd_object_first_source(o);
	struct cd_source w;
	if (!f || !s)
		return;
	w = *s;
	w.offset = off;
	cd_finding_set_where(f, &w, 1);
}

static size_t record_cert_index(const struct cd_model *m, const struct cd_tl_record *r)
{
	if (r->certificate == SIZE_MAX || r->certificate >= m->n_objects ||
	    m->objects[r->certificate]->kind != CD_KIND_CERT)
		return SIZE_MAX;
	return r->certificate;
}

static void serial_text(const struct cd_cert *c, char *out, size_t size)
{
	cd_trustlist_serial_text(c->serial, c->serial_len, out, size);
}

/* Evidence about one record; NULL when memory ran out. */
static json_t *record_json(const struct cd_tl_record *r)
{
	char fn[24], ser[200];
	json_t *j = json_object();
	cd_trustlist_serial_text(r->serial, r->serial_len, ser, sizeof(ser));
	j = cd_json_object_put(j, "index", json_integer(r->index));
	j = cd_json_object_put(j, "offset", json_integer((json_int_t)r->offset));
	j = cd_json_object_put(j, "function",
			       json_string(cd_trustlist_function_name(r->function, fn, sizeof(fn))));
	j = cd_json_object_put(j, "subject", r->subject ? cd_json_text(r->subject) : json_null());
	return cd_json_object_put(j, "serial", json_string(ser));
}

/* ------------------------------------------------------------------ signer-missing */

int cd_tl_rule_signer_missing(struct cd_check_ctx *ctx, enum cd_kind kind)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_OBJECT(m, i, o)
	{
		const struct cd_trustlist *t;
		struct cd_finding *f;
		char name[128], ser[200];
		json_t *sast;
		if (o->kind != kind)
			continue;
		t = o->u.tlist;
		cd_check_applied(ctx);
		if (t->signer_record != SIZE_MAX)
			continue;
		file_label(o, name, sizeof(name));
		cd_trustlist_serial_text(t->signer_serial, t->signer_serial_len, ser, sizeof(ser));
		if (!t->has_signer_serial)
			f = cd_check_emit(ctx, "%s names no signer (its header has no SERIALNUMBER): its "
					  "signature cannot be checked from the file (not checked)", name);
		else
			f = cd_check_emit(
			    ctx,
			    "%s names its signer \"%s\" (serial %s), but no SAST record of the file carries "
			    "that certificate: the signature cannot be checked from the file (not checked); "
			    "phones accept the file only if they already trust that signer (in the ITL or "
			    "CTL they hold, or through TVS)",
			    name, t->signer_name ? t->signer_name : "", ser);
		if (!f)
			continue;
		where_at(f, o, t->signerid_offset);
		cd_finding_add_object(f, m, i);
		cd_finding_evidence_str(f, "file", name);
		if (t->signer_name)
			cd_finding_evidence_str(f, "signer_name", t->signer_name);
		if (t->has_signer_serial)
			cd_finding_evidence_str(f, "signer_serial", ser);
		cd_finding_evidence_str(f, "reason", t->sig_reason);
		sast = json_array();
		for (size_t k = 0; k < t->n_records; k++)
			if (t->records[k].function == CD_TL_FN_SAST)
				sast = cd_json_array_push(sast, record_json(&t->records[k]));
		cd_finding_evidence_json(f, "sast_records", sast);
	}
	return CD_OK;
}

/* ------------------------------------------------------------------ signature-invalid */

int cd_tl_rule_signature_invalid(struct cd_check_ctx *ctx, enum cd_kind kind)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_OBJECT(m, i, o)
	{
		const struct cd_trustlist *t;
		const struct cd_tl_record *r;
		struct cd_finding *f;
		size_t ci;
		char name[128], dg[24];
		if (o->kind != kind)
			continue;
		t = o->u.tlist;
		if (t->signer_record == SIZE_MAX)
			continue; /* itl.signer-missing / ctl.signer-missing */
		cd_check_applied(ctx);
		if (t->sig_valid)
			continue;
		r = &t->records[t->signer_record];
		ci = record_cert_index(m, r);
		file_label(o, name, sizeof(name));
		if (t->sig_checked)
			f = cd_check_emit(ctx, "%s: %s; phones reject a file whose signature does not verify",
					  name, t->sig_reason);
		else
			f = cd_check_emit(ctx, "%s: the signature could not be verified: %s", name, t->sig_reason);
		if (!f)
			continue;
		where_at(f, o, t->has_signature ? t->signature_offset : 0);
		cd_finding_add_object(f, m, i);
		if (ci != SIZE_MAX)
			cd_finding_add_object(f, m, ci);
		cd_finding_evidence_str(f, "file", name);
		cd_finding_evidence_int(f, "signer_record", r->index);
		cd_finding_evidence_str(f, "digest", cd_trustlist_digest_name(t->digest, dg, sizeof(dg)));
		cd_finding_evidence_json(f, "checked", json_boolean(t->sig_checked));
		cd_finding_evidence_json(f, "complete", json_boolean(t->complete));
		cd_finding_evidence_str(f, "reason", t->sig_reason);
	}
	return CD_OK;
}

/* ------------------------------------------------------------------ stale-entry */

/* The identity units a record of this function mirrors. SAST is the ITLRecovery certificate
 * since CUCM 12.0 and the CallManager certificate before (ITL-CTL facts). */
static int unit_for_function(int fn, const char *unit)
{
	int cm = !strcmp(unit, "CallManager") || !strcmp(unit, "CallManager-ECDSA");
	switch (fn) {
	case CD_TL_FN_CCM:
	case CD_TL_FN_CCM_TFTP:
	case CD_TL_FN_TFTP: return cm;
	case CD_TL_FN_TVS: return !strcmp(unit, "TVS");
	case CD_TL_FN_CAPF: return !strcmp(unit, "CAPF");
	case CD_TL_FN_SAST: return cm || !strcmp(unit, "ITLRecovery");
	default: return 0;
	}
}

/* The current identity certificates (same subject, a unit the function mirrors) of record r:
 * up to max indices into out, with their units. Returns how many. */
static size_t current_for(const struct cd_check_ctx *ctx, const struct cd_units *u, const struct cd_cert *rc,
			  int fn, size_t *out, const struct cd_unit **units, size_t max)
{
	size_t n = 0;
	for (size_t i = 0; i < u->n; i++) {
		const struct cd_unit *un = &u->units[i];
		if (!unit_for_function(fn, un->unit) || !cd_unit_in(ctx->opts, un, "cucm"))
			continue;
		for (size_t k = 0; k < un->n_identity && n < max; k++) {
			const struct cd_cert *c = ctx->model->objects[un->identity[k]]->u.cert;
			if (c->subject.canon && rc->subject.canon && !strcmp(c->subject.canon, rc->subject.canon)) {
				out[n] = un->identity[k];
				units[n++] = un;
			}
		}
	}
	return n;
}

/* Is record r current (1), stale (0), or not comparable (-1: no identity of the same subject)? */
static int record_state(const struct cd_check_ctx *ctx, const struct cd_units *u, const struct cd_tl_record *r,
			size_t *cur, const struct cd_unit **units, size_t max, size_t *n_cur)
{
	size_t ri = record_cert_index(ctx->model, r), n;
	const struct cd_cert *rc;
	int differs = 0;
	*n_cur = 0;
	if (ri == SIZE_MAX)
		return -1;
	rc = ctx->model->objects[ri]->u.cert;
	n = current_for(ctx, u, rc, r->function, cur, units, max);
	*n_cur = n;
	if (!n)
		return -1;
	for (size_t k = 0; k < n; k++) {
		const struct cd_cert *c = ctx->model->objects[cur[k]]->u.cert;
		if (cur[k] == ri)
			return 1;
		/* "same subject, other key or serial" */
		if (memcmp(c->key.spki_sha256, rc->key.spki_sha256, 32) || !cd_cucm_same_serial(c, rc))
			differs = 1;
	}
	return differs ? 0 : 1;
}

/* What TVS can do for the phones holding t (an ITL): its TVS records against the nodes'
 * current TVS certificates. */
static const char *tvs_state(const struct cd_check_ctx *ctx, const struct cd_units *u,
			     const struct cd_trustlist *t, char *nodes, size_t size)
{
	size_t cur[8], n, n_current = 0, n_stale = 0;
	const struct cd_unit *units[8];
	nodes[0] = 0;
	for (size_t i = 0; i < t->n_records; i++) {
		int st;
		if (t->records[i].function != CD_TL_FN_TVS)
			continue;
		st = record_state(ctx, u, &t->records[i], cur, units, 8, &n);
		if (st == 1) {
			size_t l = strlen(nodes);
			if (n_current++ < 4 && units[0]->node[0])
				snprintf(nodes + l, size - l, "%s%s", l ? ", " : "", units[0]->node);
		} else if (st == 0) {
			n_stale++;
		}
	}
	if (n_current)
		return "unchanged";
	if (n_stale)
		return "regenerated";
	return "unknown";
}

static void stale_report(struct cd_check_ctx *ctx, const struct cd_units *u, size_t oi,
			 const struct cd_tl_record *r, const size_t *cur, const struct cd_unit *const *units,
			 size_t n_cur)
{
	const struct cd_model *m = ctx->model;
	const struct cd_object *o = m->objects[oi];
	const struct cd_trustlist *t = o->u.tlist;
	size_t ri = record_cert_index(m, r);
	const struct cd_cert *rc = m->objects[ri]->u.cert, *nc = m->objects[cur[0]]->u.cert;
	const struct cd_unit *un = units[0];
	int key_changed = memcmp(rc->key.spki_sha256, nc->key.spki_sha256, 32) != 0;
	int serial_changed = !cd_cucm_same_serial(rc, nc);
	char name[128], fn[24], rs[200], ns[200], tvs_nodes[200], clause[600];
	const char *tvs = "unknown";
	struct cd_finding *f;

	file_label(o, name, sizeof(name));
	cd_trustlist_function_name(r->function, fn, sizeof(fn));
	serial_text(rc, rs, sizeof(rs));
	serial_text(nc, ns, sizeof(ns));
	if (r->function == CD_TL_FN_TVS) {
		tvs = "this record";
		snprintf(clause, sizeof(clause),
			 "Phones holding this file cannot verify the new TVS certificate, so TVS cannot "
			 "vouch for anything to them until they load a new %s signed by a certificate they hold",
			 kind_upper(o->kind));
	} else {
		char tv[300];
		if (o->kind != CD_KIND_ITL) {
			snprintf(tv, sizeof(tv), "the phone asks the TVS of its CallManager group; update the "
				 "CTL file before the services are restarted");
		} else {
			tvs = tvs_state(ctx, u, t, tvs_nodes, sizeof(tvs_nodes));
			if (!strcmp(tvs, "unchanged"))
				snprintf(tv, sizeof(tv), "TVS%s%s is unchanged in this file, so phones can ask "
					 "it: restart the services in the documented order",
					 tvs_nodes[0] ? " on " : "", tvs_nodes);
			else if (!strcmp(tvs, "regenerated"))
				snprintf(tv, sizeof(tv), "TVS was regenerated too, so it cannot vouch: these "
					 "phones need the ITL bulk reset with the ITLRecovery key, or their ITL "
					 "deleted by hand (CallManager and TVS must not be regenerated together)");
			else
				snprintf(tv, sizeof(tv), "whether TVS can vouch is not known: no TVS "
					 "certificate of the nodes is in the input");
		}
		snprintf(clause, sizeof(clause), "Phones holding this file %s unless TVS vouches for it; %s",
			 r->function == CD_TL_FN_CAPF ? "do not trust the new CAPF certificate"
						      : "reject files signed with the new certificate",
			 tv);
	}
	f = cd_check_emit(ctx,
			  "%s record %u (%s) holds %s certificate \"%s\" (serial %s), but %s%s%s current %s "
			  "certificate has serial %s%s: it was regenerated after this file was made. %s",
			  name, r->index, fn, un->unit, cd_object_label(m->objects[ri]), rs,
			  un->node[0] ? un->node : "the", un->node[0] ? "'s" : "", un->node[0] ? "" : " node's",
			  un->unit, ns, key_changed ? " and another key" : " (same key)", clause);
	if (!f)
		return;
	where_at(f, o, r->offset);
	cd_finding_add_object(f, m, oi);
	cd_finding_add_object(f, m, ri);
	for (size_t k = 0; k < n_cur; k++)
		cd_finding_add_object(f, m, cur[k]);
	cd_finding_evidence_str(f, "file", name);
	cd_finding_evidence_json(f, "record", record_json(r));
	cd_finding_evidence_str(f, "unit", un->unit);
	if (un->node[0])
		cd_finding_evidence_str(f, "node", un->node);
	cd_finding_evidence_json(f, "in_file", cd_cucm_cert_json(m->objects[ri]));
	cd_finding_evidence_json(f, "current", cd_cucm_cert_json(m->objects[cur[0]]));
	cd_finding_evidence_json(f, "key_changed", json_boolean(key_changed));
	cd_finding_evidence_json(f, "serial_changed", json_boolean(serial_changed));
	if (t->has_timestamp)
		cd_finding_evidence_time(f, "file_timestamp", t->timestamp);
	cd_finding_evidence_str(f, "tvs", tvs);
	cd_product_restart_evidence(f, ctx->opts, un->product ? un->product : "cucm", un->unit);
}

int cd_tl_rule_stale_entry(struct cd_check_ctx *ctx, enum cd_kind kind)
{
	const struct cd_model *m = ctx->model;
	struct cd_units u;
	int rc = CD_OK;
	if (!cd_product_selected(ctx->opts, "cucm"))
		return CD_OK;
	memset(&u, 0, sizeof(u));
	if (cd_units_collect(m, ctx->opts, &u) < 0) {
		cd_units_release(&u);
		return CD_E_NOMEM;
	}
	CD_FOREACH_OBJECT(m, i, o)
	{
		const struct cd_trustlist *t;
		if (o->kind != kind)
			continue;
		t = o->u.tlist;
		for (size_t k = 0; k < t->n_records; k++) {
			size_t cur[8], n;
			const struct cd_unit *units[8];
			int st = record_state(ctx, &u, &t->records[k], cur, units, 8, &n);
			if (st < 0)
				continue; /* no current certificate of that subject to compare with */
			cd_check_applied(ctx);
			if (st == 0)
				stale_report(ctx, &u, i, &t->records[k], cur, units, n);
		}
	}
	cd_units_release(&u);
	return rc;
}

/* ------------------------------------------------------------------ expired-entry */

int cd_tl_rule_expired_entry(struct cd_check_ctx *ctx, enum cd_kind kind)
{
	const struct cd_model *m = ctx->model;
	CD_FOREACH_OBJECT(m, i, o)
	{
		const struct cd_trustlist *t;
		if (o->kind != kind)
			continue;
		t = o->u.tlist;
		for (size_t k = 0; k < t->n_records; k++) {
			const struct cd_tl_record *r = &t->records[k];
			size_t ci = record_cert_index(m, r);
			const struct cd_cert *c;
			struct cd_finding *f;
			char name[128], fn[24], na[40];
			if (ci == SIZE_MAX)
				continue;
			c = m->objects[ci]->u.cert;
			if (c->not_after == CD_TIME_NONE)
				continue;
			cd_check_applied(ctx);
			if (c->not_after >= ctx->opts->at)
				continue;
			file_label(o, name, sizeof(name));
			cd_time_format(c->not_after, na, sizeof(na));
			f = cd_check_emit(ctx, "%s record %u (%s) holds \"%s\", which expired on %s (%lld days "
					  "before the evaluation time)",
					  name, r->index, cd_trustlist_function_name(r->function, fn, sizeof(fn)),
					  cd_object_label(m->objects[ci]), na,
					  (long long)((ctx->opts->at - c->not_after) / CD_DAY));
			if (!f)
				continue;
			where_at(f, o, r->offset);
			cd_finding_add_object(f, m, i);
			cd_finding_add_object(f, m, ci);
			cd_finding_evidence_str(f, "file", name);
			cd_finding_evidence_json(f, "record", record_json(r));
			cd_finding_evidence_time(f, "not_after", c->not_after);
		}
	}
	return CD_OK;
}

/* ------------------------------------------------------------------ signer-key */

/* Is the signer certificate ITLRecovery? By an ITLRecovery identity of the input with the
 * same subject, else by CUCM's naming of it ("ITLRECOVERY_<host>"). how says which. */
static int is_itlrecovery(const struct cd_check_ctx *ctx, const struct cd_units *u, const struct cd_cert *c,
			  size_t *identity, const char **how)
{
	*identity = SIZE_MAX;
	for (size_t i = 0; i < u->n; i++) {
		const struct cd_unit *un = &u->units[i];
		if (strcmp(un->unit, "ITLRecovery") || !cd_unit_in(ctx->opts, un, "cucm"))
			continue;
		for (size_t k = 0; k < un->n_identity; k++) {
			const struct cd_cert *ic = ctx->model->objects[un->identity[k]]->u.cert;
			if (ic->subject.canon && c->subject.canon && !strcmp(ic->subject.canon, c->subject.canon)) {
				*identity = un->identity[k];
				*how = "an ITLRecovery certificate of the input has its subject";
				return 1;
			}
		}
	}
	if (c->subject.cn && !strncasecmp(c->subject.cn, "ITLRECOVERY_", 12)) {
		*how = "its CN starts with ITLRECOVERY_, as CUCM names the ITLRecovery certificate";
		return 1;
	}
	return 0;
}

static int rsa_bits(const struct cd_cert *c)
{
	return c->key.known && c->key.algo == GNUTLS_PK_RSA ? (int)c->key.bits : -1;
}

int cd_tl_rule_signer_key(struct cd_check_ctx *ctx, enum cd_kind kind)
{
	const struct cd_model *m = ctx->model;
	long long min;
	struct cd_units u;
	if (!cd_product_selected(ctx->opts, "cucm"))
		return CD_OK;
	min = cd_json_path_int(cd_product_profile(ctx->opts, "cucm"), "limits.itlrecovery_min_bits", 2048);
	memset(&u, 0, sizeof(u));
	if (cd_units_collect(m, ctx->opts, &u) < 0) {
		cd_units_release(&u);
		return CD_E_NOMEM;
	}
	CD_FOREACH_OBJECT(m, i, o)
	{
		const struct cd_trustlist *t;
		const struct cd_tl_record *sr;
		const struct cd_cert *sc;
		size_t si, identity, longer = SIZE_MAX;
		int bits, top = 0;
		const char *how = "";
		struct cd_finding *f;
		char name[128];
		if (o->kind != kind)
			continue;
		t = o->u.tlist;
		if (t->signer_record == SIZE_MAX)
			continue;
		sr = &t->records[t->signer_record];
		si = record_cert_index(m, sr);
		if (si == SIZE_MAX)
			continue;
		sc = m->objects[si]->u.cert;
		bits = rsa_bits(sc);
		if (bits < 0 || !is_itlrecovery(ctx, &u, sc, &identity, &how))
			continue;
		/* the comparison needs a record with a key of the length the servers now have */
		for (size_t k = 0; k < t->n_records; k++) {
			size_t ci = record_cert_index(m, &t->records[k]);
			int b = ci == SIZE_MAX || ci == si ? -1 : rsa_bits(m->objects[ci]->u.cert);
			if (b >= min && b > top) {
				top = b;
				longer = ci;
			}
		}
		if (longer == SIZE_MAX)
			continue;
		cd_check_applied(ctx);
		if (bits >= min)
			continue;
		file_label(o, name, sizeof(name));
		f = cd_check_emit(ctx,
				  "%s is signed by the ITLRecovery certificate \"%s\" (record %u) with a %d-bit key, "
				  "while its other records have keys of %lld bits or more (up to %d): the %s "
				  "recovery (utils %s reset localkey) fails",
				  name, cd_object_label(m->objects[si]), sr->index, bits, min, top,
				  kind_upper(kind), kind == CD_KIND_CTL ? "ctl" : "itl");
		if (!f)
			continue;
		where_at(f, o, sr->offset);
		cd_finding_add_object(f, m, i);
		cd_finding_add_object(f, m, si);
		if (identity != SIZE_MAX && identity != si)
			cd_finding_add_object(f, m, identity);
		cd_finding_evidence_str(f, "file", name);
		cd_finding_evidence_int(f, "signer_key_bits", bits);
		cd_finding_evidence_int(f, "min_key_bits", min);
		cd_finding_evidence_str(f, "identified_by", how);
		cd_finding_evidence_str(f, "related_rule", "cucm.itlrecovery-key-length");
		if (identity != SIZE_MAX)
			cd_finding_evidence_str(f, "itlrecovery_identity", m->objects[identity]->id);
		cd_product_restart_evidence(f, ctx->opts, "cucm", "ITLRecovery");
	}
	cd_units_release(&u);
	return CD_OK;
}
