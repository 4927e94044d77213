/* test_itl.c - CUCM ITL/CTL files (src/ingest/itl.c): every file of testdata/itl reads as its
 * generator says (EXPECTED.tsv), records carry their certificates with provenance, the signature
 * is checked as a phone checks it, hostile lengths name their offset, the kind comes from the
 * FILENAME element then the name, and the format table lets the right reader bid. */
#include <criterion/criterion.h>
#include <jansson.h>
#include <unistd.h>
#include <stdlib.h>
#include <string.h>
#include "helpers.h"
#include "ingest/ingest.h"
#include "ingest/itl.h"
#include "util/error.h"

static size_t count_events(const struct cd_model *m, const char *rule)
{
	size_t n = 0;
	for (size_t i = 0; i < m->n_events; i++)
		n += !strcmp(m->events[i].rule, rule);
	return n;
}

/* The one ITL or CTL object of m (fails the test when there is not exactly one). */
static const struct cd_object *the_list(const struct cd_model *m)
{
	const struct cd_object *found = NULL;
	size_t n = 0;
	for (size_t i = 0; i < m->n_objects; i++)
		if (m->objects[i]->kind == CD_KIND_ITL || m->objects[i]->kind == CD_KIND_CTL) {
			found = m->objects[i];
			n++;
		}
	cr_assert_eq(n, 1, "%zu trust lists", n);
	return found;
}

static void read_fixture(struct cd_model *m, const char *rel)
{
	char p[512];
	snprintf(p, sizeof(p), "testdata/itl/%s", rel);
	cd_model_init(m);
	cr_assert_eq(cd_ingest_path(m, src_path(p), NULL), CD_OK, "%s", rel);
}

Test(itl, every_expected_file_reads_as_its_generator_says)
{
	char *tsv = read_all(src_path("testdata/itl/EXPECTED.tsv"), NULL);
	char *save = NULL;
	size_t rows = 0;
	cr_assert_not_null(tsv);
	strtok_r(tsv, "\n", &save); /* header */
	for (char *l = strtok_r(NULL, "\n", &save); l; l = strtok_r(NULL, "\n", &save)) {
		char file[256], kind[8], digest[16], valid[4];
		unsigned records, problems;
		struct cd_model m;
		const struct cd_object *o;
		const struct cd_trustlist *t;
		char dg[24];
		cr_assert_eq(sscanf(l, "%255[^\t]\t%7[^\t]\t%u\t%15[^\t]\t%3[^\t]\t%u", file, kind, &records, digest,
				    valid, &problems),
			     6, "bad line: %s", l);
		read_fixture(&m, file);
		o = the_list(&m);
		t = o->u.tlist;
		cr_expect_str_eq(cd_kind_name(o->kind), kind, "%s", file);
		cr_expect_eq(t->n_records, records, "%s: %zu records", file, t->n_records);
		cr_expect_str_eq(cd_trustlist_digest_name(t->digest, dg, sizeof(dg)), digest, "%s", file);
		if (!strcmp(valid, "-")) {
			cr_expect_eq(t->signer_record, SIZE_MAX, "%s: a signer was found", file);
			cr_expect_not(t->sig_checked, "%s", file);
		} else {
			cr_expect_neq(t->signer_record, SIZE_MAX, "%s: no signer", file);
			cr_expect_eq(t->sig_valid, valid[0] == '1', "%s: valid %d (%s)", file, t->sig_valid, t->sig_reason);
			cr_expect(t->sig_checked, "%s: not checked: %s", file, t->sig_reason);
		}
		cr_expect_eq(count_events(&m, "ingest.unparseable"), problems, "%s", file);
		cr_expect_eq(t->complete, problems == 0, "%s", file);
		cd_model_release(&m);
		rows++;
	}
	cr_expect_geq(rows, 13);
	free(tsv);
}

Test(itl, records_carry_function_ip_and_a_certificate_with_provenance)
{
	static const char *const fns[] = {"SAST", "CCM+TFTP", "TVS", "TVS", "CAPF"};
	static const char *const ips[] = {"10.0.0.10", "10.0.0.10", "10.0.0.10", "10.0.0.11", "10.0.0.10"};
	struct cd_model m;
	const struct cd_object *o;
	const struct cd_trustlist *t;
	read_fixture(&m, "ITLFile.tlv");
	o = the_list(&m);
	t = o->u.tlist;
	cr_assert_eq(t->n_records, 5);
	cr_expect_str_eq(t->filename, "ITLFile.tlv");
	cr_expect_eq(t->kind_from, CD_TL_FROM_FILENAME);
	cr_expect_eq(t->version_major, 1);
	cr_expect_eq(t->version_minor, 2);
	cr_expect(t->has_timestamp && t->timestamp == 1767225600);
	cr_expect_eq(t->signer_record, 0);
	for (size_t i = 0; i < 5; i++) {
		const struct cd_tl_record *r = &t->records[i];
		const struct cd_object *c;
		const struct cd_source *s;
		char fn[24], ip[24], loc[64];
		cr_expect_str_eq(cd_trustlist_function_name(r->function, fn, sizeof(fn)), fns[i]);
		cr_assert(r->has_ip && r->ip_len == 4);
		snprintf(ip, sizeof(ip), "%u.%u.%u.%u", r->ip[0], r->ip[1], r->ip[2], r->ip[3]);
		cr_expect_str_eq(ip, ips[i]);
		cr_expect(r->has_signature, "record %zu", i + 1);
		cr_assert_neq(r->certificate, SIZE_MAX, "record %zu has no certificate", i + 1);
		c = m.objects[r->certificate];
		cr_expect_eq(c->kind, CD_KIND_CERT);
		cr_expect_str_eq(r->certificate_id, c->id);
		s = &c->sources[0];
		cr_expect_str_eq(s->container, o->id);
		cr_expect_eq(s->position, r->index);
		cr_expect_eq(s->offset, r->cert_offset);
		snprintf(loc, sizeof(loc), "ITLFile.tlv, record %u", r->index);
		cr_expect_str_eq(s->locator, loc);
		cr_expect_eq(s->role.kind, CD_ROLE_NONE, "a record is no role of the folder");
		/* the record's SUBJECTNAME is the certificate's subject, as Cisco writes it */
		cr_expect(r->subject && c->u.cert->subject.cn && strstr(r->subject, c->u.cert->subject.cn));
	}
	cd_model_release(&m);
}

Test(itl, etoken_record_has_no_signature_element_and_is_not_the_signer)
{
	struct cd_model m;
	const struct cd_trustlist *t;
	read_fixture(&m, "CTLFile.tlv");
	t = the_list(&m)->u.tlist;
	cr_assert_geq(t->n_records, 2);
	cr_expect_eq(t->records[0].function, CD_TL_FN_SAST);
	cr_expect_not(t->records[0].has_signature);
	cr_expect_not(t->records[0].has_ip);
	cr_expect_eq(t->signer_record, 1, "the ITLRecovery SAST record signs, not the eToken");
	cr_expect(t->sig_valid);
	cd_model_release(&m);
	read_fixture(&m, "etoken-signed/CTLFile.tlv");
	t = the_list(&m)->u.tlist;
	cr_expect_eq(t->signer_record, 0);
	cr_expect_not(t->records[0].has_signature);
	cr_expect(t->sig_valid, "%s", t->sig_reason);
	cd_model_release(&m);
}

Test(itl, signature_is_checked_over_the_file_without_its_signature_element)
{
	struct cd_model m;
	struct cd_source s;
	struct cd_trustlist *t;
	size_t len;
	uint8_t *p = (uint8_t *)read_all(src_path("testdata/itl/sha512/ITLFile.tlv"), &len);
	cr_assert_not_null(p);
	memset(&s, 0, sizeof(s));
	s.path = s.rel = "ITLFile.tlv";
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_buffer(&m, p, len, &s, NULL), CD_OK);
	t = the_list(&m)->u.tlist;
	cr_assert(t->sig_valid, "%s", t->sig_reason);
	cr_expect_eq(t->digest, CD_TL_DIGEST_SHA512);
	cr_expect(t->has_signer_version && t->signer_version_major == 1 && t->signer_version_minor == 1);
	/* the signature's own bytes are outside what it covers: changing one still fails it, and
	 * a byte anywhere else fails it too */
	p[t->signature_offset + 3 + 10] ^= 0x40;
	cd_itl_verify(t, &m, p, len);
	cr_expect(t->sig_checked && !t->sig_valid);
	p[t->signature_offset + 3 + 10] ^= 0x40;
	cd_itl_verify(t, &m, p, len);
	cr_expect(t->sig_valid, "restored: %s", t->sig_reason);
	p[len - 40] ^= 0x01;
	cd_itl_verify(t, &m, p, len);
	cr_expect(t->sig_checked && !t->sig_valid);
	p[len - 40] ^= 0x01;
	/* an undocumented digest is not checked, and says why */
	t->digest = 2;
	cd_itl_verify(t, &m, p, len);
	cr_expect(!t->sig_checked && !t->sig_valid && strstr(t->sig_reason, "not checked"));
	cd_model_release(&m);
	free(p);
}

/* A problem's event names the file and the offset of the element that lies, and the records
 * after a lying element are still read. */
Test(itl, hostile_lengths_are_unparseable_at_their_offset)
{
	struct cd_model m;
	const struct cd_trustlist *t;
	const struct cd_event *e = NULL;
	read_fixture(&m, "length-lying/ITLFile.tlv");
	t = the_list(&m)->u.tlist;
	for (size_t i = 0; i < m.n_events; i++)
		if (!strcmp(m.events[i].rule, "ingest.unparseable"))
			e = &m.events[i];
	cr_assert_not_null(e);
	cr_expect(e->has_offset);
	cr_expect(strstr(e->message, "record 2") && strstr(e->message, "CERTIFICATE") &&
		  strstr(e->message, "65520"), "%s", e->message);
	/* the offset is that of the lying CERTIFICATE element of record 2, right after the last
	 * element read */
	{
		const struct cd_tl_element *last = &t->records[1].elements[t->records[1].n_elements - 1];
		cr_expect_eq(e->offset, last->offset + 3 + last->length, "%s", e->message);
	}
	cr_expect_eq(t->records[1].certificate, SIZE_MAX);
	for (size_t i = 2; i < t->n_records; i++)
		cr_expect_neq(t->records[i].certificate, SIZE_MAX, "record %zu after the lie is read", i + 1);
	cd_model_release(&m);

	read_fixture(&m, "header-length-lying/ITLFile.tlv");
	t = the_list(&m)->u.tlist;
	cr_assert_eq(count_events(&m, "ingest.unparseable"), 1);
	for (size_t i = 0; i < m.n_events; i++)
		if (!strcmp(m.events[i].rule, "ingest.unparseable")) {
			cr_expect_eq(m.events[i].offset, 5);
			cr_expect(strstr(m.events[i].message, "inferred"), "%s", m.events[i].message);
		}
	cr_expect_eq(t->n_records, 5, "records read from after the header's last element");
	cd_model_release(&m);

	read_fixture(&m, "truncated/ITLFile.tlv");
	t = the_list(&m)->u.tlist;
	cr_expect(t->records[t->n_records - 1].cut);
	cr_expect(strstr(m.events[0].message, "cut short"), "%s", m.events[0].message);
	cd_model_release(&m);
}

/* Every prefix of a file parses without reading past the end (ASan). A prefix that ends inside
 * the header or a record reports a problem; one that ends exactly between two records is a
 * well-formed shorter file (the format has no record count), and only its signature, which
 * covers the whole file, tells it was cut. */
Test(itl, every_prefix_of_a_file_is_read_safely)
{
	size_t len, boundaries = 0;
	uint8_t *p = (uint8_t *)read_all(src_path("testdata/itl/CTLFile.tlv"), &len);
	struct cd_itl_parse *full = calloc(1, sizeof(*full));
	cr_assert(p && full);
	cr_assert_eq(cd_itl_parse(p, len, full), CD_OK);
	cr_assert_eq(full->n_problems, 0);
	for (size_t n = 0; n <= len; n++) {
		struct cd_itl_parse *ps = calloc(1, sizeof(*ps));
		uint8_t *cut = malloc(n ? n : 1);
		size_t before = 0;
		int boundary = n == len;
		cr_assert(ps && cut);
		for (size_t r = 0; r < full->tl->n_records; r++) {
			boundary |= full->tl->records[r].offset == n;
			before += full->tl->records[r].offset < n;
		}
		memcpy(cut, p, n);
		cr_assert_eq(cd_itl_parse(cut, n, ps), CD_OK);
		if (boundary) {
			cr_expect_eq(ps->n_problems, 0, "%zu: %s", n, ps->problems[0].message);
			cr_expect_eq(ps->tl->n_records, before);
			if (n < len) {
				struct cd_model m;
				struct cd_source s;
				memset(&s, 0, sizeof(s));
				s.path = s.rel = "CTLFile.tlv";
				cd_model_init(&m);
				cd_ingest_buffer(&m, cut, n, &s, NULL);
				cr_expect_not(the_list(&m)->u.tlist->sig_valid, "cut at %zu verifies", n);
				cd_model_release(&m);
				boundaries++;
			}
		} else {
			cr_expect_gt(ps->n_problems, 0, "prefix of %zu bytes reads as complete", n);
		}
		cd_trustlist_free(ps->tl);
		free(ps);
		free(cut);
	}
	cr_expect_eq(boundaries, full->tl->n_records);
	cd_trustlist_free(full->tl);
	free(full);
	free(p);
}

Test(itl, kind_comes_from_the_filename_element_then_the_name)
{
	size_t len;
	uint8_t *p = (uint8_t *)read_all(src_path("testdata/itl/ITLFile.tlv"), &len);
	uint8_t *q;
	struct cd_model m;
	struct cd_source s;
	cr_assert_not_null(p);
	memset(&s, 0, sizeof(s));
	/* its own FILENAME wins over any name */
	s.path = s.rel = "tftp/CTLFile.tlv";
	cd_model_init(&m);
	cd_ingest_buffer(&m, p, len, &s, NULL);
	cr_expect_eq(the_list(&m)->kind, CD_KIND_ITL);
	cr_expect_eq(the_list(&m)->u.tlist->kind_from, CD_TL_FROM_FILENAME);
	cd_model_release(&m);
	/* without a FILENAME that says which, the name decides, else it is read as an ITL */
	q = memmem(p, len, "ITLFile.tlv", 11);
	cr_assert_not_null(q);
	memcpy(q, "XYZFile.tlv", 11);
	cd_model_init(&m);
	cd_ingest_buffer(&m, p, len, &s, NULL);
	cr_expect_eq(the_list(&m)->kind, CD_KIND_CTL);
	cr_expect_eq(the_list(&m)->u.tlist->kind_from, CD_TL_FROM_PATH);
	cd_model_release(&m);
	s.path = s.rel = "download.bin";
	cd_model_init(&m);
	cd_ingest_buffer(&m, p, len, &s, NULL);
	cr_expect_eq(the_list(&m)->kind, CD_KIND_ITL);
	cr_expect_eq(the_list(&m)->u.tlist->kind_from, CD_TL_FROM_DEFAULT);
	cd_model_release(&m);
	free(p);
}

/* The format table: the ITL reader bids on its first two elements; a name alone bids lowest,
 * under every content bid; archives bring ITL files back to it. */
Test(itl, format_table_gives_an_itl_to_its_reader_and_nothing_else)
{
	static const uint8_t head[] = {1, 0, 2, 1, 2, 2, 0, 2, 0x01, 0x50};
	const char *pem = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";
	static const uint8_t junk[] = {0xde, 0xad, 0xbe, 0xef, 0, 1, 2, 3};
	struct cd_model m;
	struct cd_source s;
	size_t lists = 0, certs = 0;
	cr_expect_eq(cd_itl_bid(head, sizeof(head), "x.bin"), CD_ITL_BID_STRUCTURE);
	cr_expect_eq(cd_itl_bid(head, 9, "x.bin"), 0);
	cr_expect_eq(cd_itl_bid(junk, sizeof(junk), "x.bin"), 0);
	cr_expect_eq(cd_itl_bid(junk, sizeof(junk), "tftp/ITLFile.tlv"), CD_ITL_BID_NAME);
	cr_expect_eq(cd_itl_bid(junk, sizeof(junk), "CTLFile.tlv"), CD_ITL_BID_NAME);
	memset(&s, 0, sizeof(s));
	/* PEM named like an ITL is PEM (its bid is higher than a name's) */
	s.path = s.rel = "ITLFile.tlv";
	cd_model_init(&m);
	cd_ingest_buffer(&m, (const uint8_t *)pem, strlen(pem), &s, NULL);
	cr_expect_eq(m.n_objects, 0);
	for (size_t i = 0; i < m.n_events; i++)
		cr_expect(strstr(m.events[i].message, "PEM block"), "%s", m.events[i].message);
	cd_model_release(&m);
	/* bytes no format claims, named like an ITL: the ITL reader says why it is none */
	cd_model_init(&m);
	cd_ingest_buffer(&m, junk, sizeof(junk), &s, NULL);
	cr_assert_eq(count_events(&m, "ingest.unparseable"), 1);
	cr_expect(strstr(m.events[0].message, "VERSION"), "%s", m.events[0].message);
	cd_model_release(&m);
	/* a zip of a TFTP download */
	cd_model_init(&m);
	cr_assert_eq(cd_ingest_path(&m, src_path("testdata/itl/tftp-download.zip"), NULL), CD_OK);
	for (size_t i = 0; i < m.n_objects; i++) {
		lists += m.objects[i]->kind == CD_KIND_ITL || m.objects[i]->kind == CD_KIND_CTL;
		certs += m.objects[i]->kind == CD_KIND_CERT;
		if (m.objects[i]->kind == CD_KIND_ITL)
			cr_expect(strstr(m.objects[i]->sources[0].path, "tftp-download.zip!/tftp/ITLFile.tlv"),
				  "%s", m.objects[i]->sources[0].path);
	}
	cr_expect_eq(lists, 2);
	cr_expect_eq(certs, 7, "ITL and CTL share 3 of their certificates: %zu", certs);
	cr_expect_eq(count_events(&m, "ingest.unparseable"), 0);
	cd_model_release(&m);
}

Test(itl, the_same_file_twice_is_one_object_with_both_places)
{
	struct cd_model m;
	const struct cd_object *o;
	cd_model_init(&m);
	cd_ingest_path(&m, src_path("testdata/itl/ITLFile.tlv"), NULL);
	cd_ingest_path(&m, src_path("testdata/itl/tftp-download.zip"), NULL);
	o = NULL;
	for (size_t i = 0; i < m.n_objects; i++)
		if (m.objects[i]->kind == CD_KIND_ITL)
			o = m.objects[i];
	cr_assert_not_null(o);
	cr_expect_eq(o->n_sources, 2);
	cr_expect(o->u.tlist->sig_valid);
	for (size_t i = 0; i < o->u.tlist->n_records; i++)
		cr_expect_geq(m.objects[o->u.tlist->records[i].certificate]->n_sources, 2);
	cd_model_release(&m);
}

/* ---------------------------------------------------------------- the command line */

#define AT "--at=2026-06-01T00:00:00Z"

Test(itl_cli, show_prints_the_file_as_show_itl_does)
{
	char *p = strdup(src_path("testdata/itl/ITLFile.tlv"));
	char *t = strdup(src_path("testdata/itl/tampered/CTLFile.tlv"));
	char *a[] = {"", "show", AT, p, NULL};
	char *b[] = {"", "show", AT, t, NULL};
	char *out;
	cr_expect_eq(run_binary(a, &out, NULL), 0);
	cr_expect(strstr(out, "itl itl-") && strstr(out, "Parse ITL File") &&
		  strstr(out, "HeaderLength:") && strstr(out, "ITL Record #:5") &&
		  strstr(out, "SIGNERNAME") && strstr(out, "(SHA1 Hash HEX)") &&
		  strstr(out, "This etoken was used to sign the ITL file.") &&
		  strstr(out, "The ITL file was verified successfully.") && strstr(out, "10.0.0.11"),
		  "%s", out);
	/* the records' certificates follow as certificates, found in the file's records */
	cr_expect(strstr(out, "certificate cert-") && strstr(out, "ITLFile.tlv, offset"), "%s", out);
	free(out);
	cr_expect_eq(run_binary(b, &out, NULL), 0);
	cr_expect(strstr(out, "The CTL file signature DOES NOT VERIFY") &&
		  strstr(out, "This etoken was not used to sign the CTL file."), "%s", out);
	free(out);
	free(p);
	free(t);
}

/* The JSON fields the issue fixes, and every field docs/report.schema.json requires of a trust
 * list and its records. */
Test(itl_cli, json_has_the_fixed_fields_and_every_field_the_schema_requires)
{
	char *p = strdup(src_path("testdata/itl/CTLFile.tlv"));
	char *a[] = {"", "scan", AT, "--format=json", "--fail-on=never", p, NULL};
	char *out;
	json_error_t e;
	json_t *schema = json_load_file(src_path("docs/report.schema.json"), 0, &e), *j, *v, *defs;
	size_t i, lists = 0;
	cr_assert_not_null(schema, "%s", e.text);
	defs = json_object_get(schema, "$defs");
	cr_assert_eq(run_binary(a, &out, NULL), 0);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j, "%s", e.text);
	json_array_foreach(json_object_get(j, "objects"), i, v) {
		json_t *recs = json_object_get(v, "records"), *r, *sig = json_object_get(v, "signature"), *req, *k;
		size_t n, q;
		if (strcmp(json_string_value(json_object_get(v, "kind")), "ctl"))
			continue;
		lists++;
		json_array_foreach(json_object_get(json_object_get(defs, "trust_list"), "required"), q, k)
			cr_expect(json_object_get(v, json_string_value(k)), "missing %s", json_string_value(k));
		json_array_foreach(json_object_get(json_object_get(defs, "object"), "required"), q, k)
			cr_expect(json_object_get(v, json_string_value(k)), "missing %s", json_string_value(k));
		cr_expect_str_eq(json_string_value(json_object_get(v, "version")), "1.2");
		cr_expect_str_eq(json_string_value(json_object_get(v, "filename")), "CTLFile.tlv");
		cr_expect_str_eq(json_string_value(json_object_get(v, "digest_algorithm")), "sha512");
		cr_expect_str_eq(json_string_value(json_object_get(v, "timestamp")), "2026-01-01T00:00:00Z");
		cr_expect(json_is_true(json_object_get(sig, "valid")));
		cr_expect_str_eq(json_string_value(json_object_get(sig, "digest")), "sha512");
		cr_assert_eq(json_array_size(recs), 5);
		req = json_object_get(json_object_get(defs, "trust_list_record"), "required");
		json_array_foreach(recs, n, r) {
			const char *cid = json_string_value(json_object_get(r, "certificate"));
			json_t *o2;
			size_t m2;
			int found = 0;
			json_array_foreach(req, q, k)
				cr_expect(json_object_get(r, json_string_value(k)), "record missing %s", json_string_value(k));
			cr_assert_not_null(cid);
			/* the certificate is an ordinary object, found in this file's record */
			json_array_foreach(json_object_get(j, "objects"), m2, o2)
				if (!strcmp(json_string_value(json_object_get(o2, "id")), cid)) {
					json_t *src = json_array_get(json_object_get(o2, "sources"), 0);
					char loc[64];
					snprintf(loc, sizeof(loc), "CTLFile.tlv, record %zu", n + 1);
					found = 1;
					cr_expect_str_eq(json_string_value(json_object_get(o2, "kind")), "certificate");
					cr_expect_str_eq(json_string_value(json_object_get(src, "locator")), loc);
				}
			cr_expect(found, "no object %s", cid);
		}
		cr_expect_str_eq(json_string_value(json_object_get(json_array_get(recs, 0), "function")), "SAST");
		cr_expect(json_is_false(json_object_get(json_array_get(recs, 0), "has_signature")));
		cr_expect(json_is_true(json_object_get(json_array_get(recs, 1), "signer")));
		cr_expect_str_eq(json_string_value(json_object_get(sig, "signer")),
				 json_string_value(json_object_get(json_array_get(recs, 1), "certificate")));
		cr_expect_str_eq(json_string_value(json_object_get(json_array_get(recs, 2), "function")), "CCM+TFTP");
		cr_expect_str_eq(json_string_value(json_object_get(json_array_get(recs, 3), "ip")), "10.0.0.11");
	}
	cr_expect_eq(lists, 1);
	json_decref(j);
	json_decref(schema);
	free(out);
	free(p);
}

Test(itl_cli, extract_writes_the_certificates_of_the_records)
{
	char dir[] = "/tmp/certdiag-itl-extract-XXXXXX", *out = NULL;
	char *p = strdup(src_path("testdata/itl/ITLFile.tlv"));
	char *a[] = {"", "extract", "-o", dir, p, NULL};
	size_t n;
	char **names;
	cr_assert_not_null(mkdtemp(dir));
	cr_expect_eq(run_binary(a, &out, NULL), 0);
	names = list_dir(dir, &n);
	cr_expect_eq(n, 5);
	for (size_t i = 0; i < n; i++) {
		char want[40], path[600];
		snprintf(want, sizeof(want), "ITLFile.tlv_record_%zu_cert-", i + 1);
		cr_expect(!strncmp(names[i], want, strlen(want)), "%s", names[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]);
		unlink(path);
	}
	free_names(names, n);
	rmdir(dir);
	free(out);
	free(p);
}

/* --role on a path holding a trust list: the records' certificates are what the phones trust,
 * not members of the store the user named (they took its role before product/assign.c
 * skipped trust-list records) */
Test(itl_cli, a_role_given_to_a_trust_list_path_does_not_reach_its_records)
{
	char *p = strdup(src_path("testdata/itl/ITLFile.tlv"));
	char role[1024];
	char *a[] = {"", "scan", AT, "--format=json", "--fail-on=never", role, p, NULL};
	char *out;
	json_error_t e;
	json_t *j, *v;
	size_t i, certs = 0;
	snprintf(role, sizeof(role), "--role=tomcat-trust=%s", p);
	cr_assert_eq(run_binary(a, &out, NULL), 0);
	j = json_loads(out, 0, &e);
	cr_assert_not_null(j, "%s", e.text);
	json_array_foreach(json_object_get(j, "objects"), i, v) {
		if (strcmp(json_string_value(json_object_get(v, "kind")), "certificate"))
			continue;
		certs++;
		cr_expect(json_is_null(json_object_get(v, "role")), "%s took a role",
			  json_string_value(json_object_get(v, "id")));
	}
	cr_expect_eq(certs, 5);
	json_decref(j);
	free(out);
	free(p);
}
